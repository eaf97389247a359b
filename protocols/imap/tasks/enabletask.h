#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// ENABLE (RFC 5161) of those extensions the server offers, e.g. CONDSTORE, QRESYNC,
/// UTF8=ACCEPT (RFC 6855 §3), IMAP4rev2 (RFC 9051 §6.3.1).
class EnableTask : public Task
{
    Q_OBJECT
public:
    explicit EnableTask(const QByteArrayList &wanted, QObject *parent = nullptr);
    Concurrency concurrency() const override { return Concurrency::Exclusive; }
    /// What the server reported in * ENABLED.
    QByteArrayList enabled() const { return m_enabled; }

protected:
    void perform() override;
    bool handleUntagged(const Response &response) override;

private:
    QByteArrayList m_wanted;
    QByteArrayList m_enabled;
};

} // namespace Tern::Imap

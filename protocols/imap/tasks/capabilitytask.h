#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// CAPABILITY, RFC 9051 §6.1.1; the connection records the answer itself.
class CapabilityTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    Concurrency concurrency() const override { return Concurrency::Exclusive; }
    bool needsAuthenticated() const override { return false; }
    QByteArrayList capabilities() const { return m_caps; }

protected:
    void perform() override;
    bool handleUntagged(const Response &response) override;

private:
    QByteArrayList m_caps;
};

} // namespace Tern::Imap

#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// ID (RFC 2971): tells the server who we are and learns who it is.
class IdTask : public Task
{
    Q_OBJECT
public:
    explicit IdTask(const QList<QPair<QByteArray, QByteArray>> &fields, QObject *parent = nullptr);
    bool needsAuthenticated() const override { return false; }
    const QList<QPair<QByteArray, QByteArray>> &serverFields() const { return m_server; }
    /// One field of the server's answer, e.g. value("name").
    QByteArray value(const QByteArray &key) const;

protected:
    void perform() override;
    bool handleUntagged(const Response &response) override;

private:
    QList<QPair<QByteArray, QByteArray>> m_fields;
    QList<QPair<QByteArray, QByteArray>> m_server;
};

} // namespace Tern::Imap

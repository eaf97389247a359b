#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// STARTTLS, RFC 9051 §6.2.1: on OK the connection drops what it buffered and starts TLS.
class StartTlsTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    Concurrency concurrency() const override { return Concurrency::Exclusive; }
    bool needsAuthenticated() const override { return false; }
    bool isBoundary() const override { return true; }

protected:
    void perform() override;
    void handleTagged(const StatusResponse &response) override;
};

} // namespace Tern::Imap

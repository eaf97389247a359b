#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// LOGOUT, RFC 9051 §6.1.3: BYE then the tagged OK; the connection closes afterwards.
class LogoutTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    Concurrency concurrency() const override { return Concurrency::Exclusive; }
    bool needsAuthenticated() const override { return false; }

protected:
    void perform() override;
    void handleTagged(const StatusResponse &response) override;
};

} // namespace Tern::Imap

#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// COMPRESS DEFLATE, RFC 4978 §3: after the OK both directions are raw deflate.
class CompressTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    Concurrency concurrency() const override { return Concurrency::Exclusive; }
    bool isBoundary() const override { return true; }

protected:
    void perform() override;
    void handleTagged(const StatusResponse &response) override;
};

} // namespace Tern::Imap

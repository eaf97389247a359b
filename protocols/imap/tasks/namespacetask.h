#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// NAMESPACE (RFC 2342, RFC 9051 §6.3.10): personal, other users' and shared prefixes.
class NamespaceTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    const NamespaceData &result() const { return m_result; }

protected:
    void perform() override;
    bool handleUntagged(const Response &response) override;

private:
    NamespaceData m_result;
};

} // namespace Tern::Imap

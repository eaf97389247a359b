#include "namespacetask.h"

#include "imapencoder.h"

namespace Tern::Imap {

void NamespaceTask::perform()
{
    if (!caps().hasNamespace()) {
        // RFC 2342 absent: one personal namespace with an empty prefix.
        m_result.personal.append({QString(), QByteArray()});
        finish();
        return;
    }
    send(CommandBuilder("NAMESPACE"));
}

bool NamespaceTask::handleUntagged(const Response &response)
{
    if (const auto *ns = std::get_if<NamespaceData>(&response)) {
        m_result = *ns;
        return true;
    }
    return false;
}

} // namespace Tern::Imap

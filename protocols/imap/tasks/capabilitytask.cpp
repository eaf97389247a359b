#include "capabilitytask.h"

#include "imapencoder.h"

namespace Tern::Imap {

void CapabilityTask::perform()
{
    send(CommandBuilder("CAPABILITY"));
}

bool CapabilityTask::handleUntagged(const Response &response)
{
    if (const auto *caps = std::get_if<CapabilityData>(&response)) {
        m_caps = caps->capabilities;
        return true;
    }
    return false;
}

} // namespace Tern::Imap

#include "enabletask.h"

#include "imapencoder.h"

namespace Tern::Imap {

EnableTask::EnableTask(const QByteArrayList &wanted, QObject *parent)
    : Task(parent), m_wanted(wanted)
{
}

void EnableTask::perform()
{
    CommandBuilder cmd("ENABLE");
    int n = 0;
    for (const QByteArray &name : std::as_const(m_wanted)) {
        // UTF8=ACCEPT is offered as UTF8=ACCEPT or UTF8=ONLY (RFC 6855 §3).
        const bool offered = caps().has(name)
            || (name.toUpper() == "UTF8=ACCEPT" && caps().has("UTF8=ONLY"));
        if (offered) {
            cmd.atom(name);
            ++n;
        }
    }
    if (n == 0 || !caps().hasEnable()) {
        finish(); // nothing to enable here: not an error
        return;
    }
    send(cmd);
}

bool EnableTask::handleUntagged(const Response &response)
{
    if (const auto *e = std::get_if<EnabledData>(&response)) {
        m_enabled += e->capabilities;
        return true;
    }
    return false;
}

} // namespace Tern::Imap

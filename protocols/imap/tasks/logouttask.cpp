#include "logouttask.h"

#include "imapencoder.h"

namespace Tern::Imap {

void LogoutTask::perform()
{
    changeState(Connection::State::Logout);
    send(CommandBuilder("LOGOUT"));
}

void LogoutTask::handleTagged(const StatusResponse &)
{
    finish(); // whatever the server says, the session is over
}

} // namespace Tern::Imap

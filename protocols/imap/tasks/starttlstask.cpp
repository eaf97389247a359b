#include "starttlstask.h"

#include "imapencoder.h"

namespace Tern::Imap {

void StartTlsTask::perform()
{
    send(CommandBuilder("STARTTLS"));
}

void StartTlsTask::handleTagged(const StatusResponse &response)
{
    if (response.kind == StatusResponse::Kind::Ok)
        beginTls();
    Task::handleTagged(response);
}

} // namespace Tern::Imap

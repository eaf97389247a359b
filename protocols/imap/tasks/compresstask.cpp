#include "compresstask.h"

#include "imapencoder.h"

namespace Tern::Imap {

void CompressTask::perform()
{
    send(CommandBuilder("COMPRESS").atom("DEFLATE"));
}

void CompressTask::handleTagged(const StatusResponse &response)
{
    if (response.kind == StatusResponse::Kind::Ok) {
        beginCompression();
        Task::handleTagged(response);
        return;
    }
    // RFC 4978 §3: a NO (e.g. already compressed) leaves the connection usable as it is.
    finish();
}

} // namespace Tern::Imap

#pragma once

#include "cache/messageheader.h"

#include <imapresponse.h>

namespace Tern {

/// The fetch items a header sync asks for: the summary items plus the References header,
/// which ENVELOPE lacks and threading needs (RFC 5256 §2.1).
QByteArray referencesFetchItem();

/// Turns one FETCH response into what the cache stores: RFC 2047 decoded subject and names,
/// the Date header as Unix time (INTERNALDATE when absent or unparsable), attachments guessed
/// from BODYSTRUCTURE, and the structure itself in a compact serialised form.
MessageHeader headerFromFetch(const Imap::FetchData &fetch);

/// The BODYSTRUCTURE serialisation stored in messages.bodystructure, and its inverse.
QByteArray serializeBodyStructure(const Imap::BodyStructure &structure);
std::optional<Imap::BodyStructure> deserializeBodyStructure(const QByteArray &blob);

} // namespace Tern

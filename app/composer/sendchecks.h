#pragma once

#include "mime/messagedraft.h"

#include <QStringList>

namespace Tern {

/// Warnings to show before sending: no recipient, an empty subject, or a body that
/// mentions an attachment (attached, Anhang, angehängt, 附件, ...) while none is attached.
/// Quoted lines ("> ...") are not searched: the mention belongs to the other writer.
QStringList sendWarnings(const Mime::MessageDraft &draft);

/// Whether text mentions an attachment in one of the languages we know.
bool mentionsAttachment(const QString &text);

} // namespace Tern

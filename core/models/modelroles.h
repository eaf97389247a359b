#pragma once

#include <Qt>

namespace Tern {

/// Every custom item-data role of Tern's models (FolderModel, MessageListModel).
/// Presentation (fonts, icons, formatted text) is added by proxies and delegates in app/.
namespace ModelRole {
enum : int {
    /// ItemKind of the row: an account, a folder or a message.
    ItemKind = Qt::UserRole + 1,
    /// qint64 id of the account the row belongs to.
    AccountId,
    /// qint64 id of the folder (0 for an account row or a folder that only exists as a parent).
    FolderId,
    /// QString full folder path as the server names it ("Lists/Qt").
    FolderPath,
    /// QString special-use role of a folder: inbox, drafts, sent, archive, junk, trash or "".
    FolderRole,
    /// int unread (not \Seen) messages of a folder.
    UnreadCount,
    /// int messages of a folder.
    TotalCount,
    /// qint64 id of the message row in the cache.
    MessageId,
    /// qint64 IMAP UID (or local sequence) of the message.
    Uid,
    /// int MessageFlag bitmask of the message.
    Flags,
    /// bool: the message is not \Seen.
    Unread,
    /// bool: the message is \Flagged.
    Flagged,
    /// bool: the message is \Answered.
    Answered,
    /// bool: the message is marked \Deleted.
    Deleted,
    /// bool: the message has attachments.
    HasAttachments,
    /// int nesting level in threaded mode (0 for top-level rows).
    ThreadDepth,
    /// qint64 thread id of the message (0 when it belongs to no thread).
    ThreadId,
    /// QDateTime the message was written (Date header).
    Date,
    /// qint64 size of the message in bytes.
    Size,
    /// QString subject of the message.
    Subject,
    /// QString the other party: the sender, or the recipients in Sent and Drafts.
    Correspondent,
    /// QString address of the sender.
    FromAddress,
};
}

/// What a model row stands for (ModelRole::ItemKind).
enum class ItemKind : int { Account = 1, Folder = 2, Message = 3 };

/// Message flags as stored in messages.flags (RFC 9051 section 2.3.2 system flags).
namespace MessageFlag {
enum : int { Seen = 1, Answered = 2, Flagged = 4, Deleted = 8, Draft = 16 };
}

} // namespace Tern

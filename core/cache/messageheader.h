#pragma once

#include "messageflags.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Tern {

/// What a header sync fetches for one message (RFC 9051 §7.5.2: UID, FLAGS, INTERNALDATE,
/// RFC822.SIZE, ENVELOPE, BODYSTRUCTURE; MODSEQ from RFC 7162 §3.1.4). Times are Unix seconds.
struct MessageHeader {
    qint64 uid = 0;
    MessageFlags flags;
    qint64 modseq = 0;
    qint64 internalDate = 0;
    qint64 size = 0;
    qint64 date = 0;
    QString subject;
    QString fromName;
    QString fromAddr;
    QString toText;
    QString ccText;
    /// Message-ID, In-Reply-To and References with their angle brackets.
    QString messageId;
    QString inReplyTo;
    QStringList references;
    bool hasAttachments = false;
    QString preview;
    QByteArray bodyStructure;

    friend bool operator==(const MessageHeader &, const MessageHeader &) = default;
};

/// A flag change for one message, as FETCH FLAGS (and MODSEQ) report it.
struct FlagUpdate {
    qint64 uid = 0;
    MessageFlags flags;
    qint64 modseq = 0;

    friend bool operator==(const FlagUpdate &, const FlagUpdate &) = default;
};

} // namespace Tern

namespace Tern {

/// One line of a message list as read from the cache.
struct MessageSummary {
    qint64 id = 0;
    qint64 uid = 0;
    qint64 date = 0;
    MessageFlags flags;
    QString fromName;
    QString fromAddr;
    QString subject;
    qint64 threadId = 0;
    qint64 size = 0;
};

} // namespace Tern

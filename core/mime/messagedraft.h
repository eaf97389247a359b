#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Tern::Mime {

/// One mailbox: an optional display name and an addr-spec (RFC 5322 section 3.4).
struct MailAddress
{
    QString name;
    QString address;

    friend bool operator==(const MailAddress &, const MailAddress &) = default;
};

/// A file attached to a draft: read from filePath, or taken from data when filePath is empty.
struct DraftAttachment
{
    QString filePath;
    QByteArray data;
    QString fileName; ///< defaults to the file name of filePath
    QString mimeType; ///< defaults to QMimeDatabase's guess

    friend bool operator==(const DraftAttachment &, const DraftAttachment &) = default;
};

/// An image referenced from the HTML body as cid:contentId (RFC 2392).
struct InlineImage
{
    QByteArray data;
    QString mimeType;
    QByteArray contentId; ///< without angle brackets; generated when empty

    friend bool operator==(const InlineImage &, const InlineImage &) = default;
};

/// One extra header field the caller wants in the message (e.g. Mail-Followup-To).
struct ExtraHeader
{
    QByteArray name;
    QString value;

    friend bool operator==(const ExtraHeader &, const ExtraHeader &) = default;
};

/// Everything the user wrote; MessageComposer turns it into RFC 5322 bytes.
struct MessageDraft
{
    MailAddress from;
    QList<MailAddress> to;
    QList<MailAddress> cc;
    QList<MailAddress> bcc; ///< envelope only: never written into the message
    QList<MailAddress> replyTo;
    QString subject;
    QString plainBody;
    QString htmlBody; ///< empty: plain text only; plainBody empty: made from the HTML
    QList<DraftAttachment> attachments;
    QList<InlineImage> inlineImages;
    QByteArray inReplyTo;          ///< msg-id without angle brackets
    QList<QByteArray> references;  ///< msg-ids without angle brackets, oldest first
    QList<ExtraHeader> extraHeaders;
    bool formatFlowed = false;     ///< RFC 3676 for the text/plain part
    QByteArray messageId;          ///< empty: generated; set to keep the id on a resend
    QDateTime date;                ///< invalid: now

    friend bool operator==(const MessageDraft &, const MessageDraft &) = default;
};

/// Addresses for SMTP RCPT TO: To, Cc and Bcc, without duplicates, in that order.
QStringList envelopeRecipients(const MessageDraft &draft);

} // namespace Tern::Mime

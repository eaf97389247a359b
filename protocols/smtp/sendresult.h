#pragma once

#include "reply.h"

#include <QList>
#include <QString>

namespace Tern::Smtp {

/// What the server said to one RCPT TO, RFC 5321 §4.1.1.3.
struct RecipientResult {
    QString address;
    Reply reply;
    bool accepted = false;
    bool permanent = false;   ///< 5xx: do not retry this address as is; 4xx: retry later

    friend bool operator==(const RecipientResult &, const RecipientResult &) = default;
};

/// How sending one message ended.
enum class Outcome {
    Sent,               ///< accepted for at least one recipient; see the recipient results
    TemporaryFailure,   ///< 4xx, or the connection failed before the message was complete
    PermanentFailure,   ///< 5xx, or refused before sending: needs the user
    DeliveryUnknown,    ///< lost after the final dot: maybe delivered, never resend on its own
};

/// The result of one send(): outcome, the deciding reply and what each recipient got.
struct SendResult {
    Outcome outcome = Outcome::TemporaryFailure;
    Reply reply;                       ///< the reply that decided the outcome, if any
    QString error;                     ///< a user-facing explanation unless Sent to everyone
    QList<RecipientResult> recipients; ///< in envelope order, once RCPT replies arrived
};

} // namespace Tern::Smtp

#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>
#include <optional>
#include <variant>

class QDebug;

namespace Tern::Imap {

/// One address of an envelope, raw bytes (RFC 2047 not decoded). Group syntax, RFC 3501 §7.4.2:
/// host empty and mailbox set = group start (mailbox is the group name), mailbox empty = group end.
struct Address {
    QByteArray name, adl, mailbox, host;
    bool operator==(const Address &) const = default;
};

/// The ENVELOPE fetch item, RFC 3501 §7.4.2; NIL fields are empty.
struct Envelope {
    QByteArray date, subject;
    QList<Address> from, sender, replyTo, to, cc, bcc;
    QByteArray inReplyTo, messageId;
    bool operator==(const Envelope &) const = default;
};

/// BODY / BODYSTRUCTURE, RFC 3501 §7.4.2 and RFC 9051 §7.5.2. type, subtype, encoding,
/// disposition and all parameter names are lower-cased; parameter values are raw.
struct BodyStructure {
    QByteArray type, subtype;
    QList<QPair<QByteArray, QByteArray>> params;
    QByteArray id, description, encoding;
    quint64 size = 0;
    quint64 lines = 0;
    QByteArray md5;
    QByteArray disposition;
    QList<QPair<QByteArray, QByteArray>> dispositionParams;
    QByteArrayList language;
    QByteArray location;
    QList<BodyStructure> children;
    std::shared_ptr<Envelope> embeddedEnvelope;
    std::shared_ptr<BodyStructure> embeddedBody;
    /// Compares the embedded envelope and body by value.
    bool operator==(const BodyStructure &other) const;
};

/// A BODY[section]<origin> or BINARY[section]<origin> fetch item, RFC 3501 §7.4.2, RFC 3516.
/// RFC822, RFC822.HEADER and RFC822.TEXT are reported as sections "", "HEADER" and "TEXT".
struct BodySection {
    QByteArray section;
    std::optional<quint32> origin;
    QByteArray data;
    bool binary = false;
    bool isNil = false;
    bool operator==(const BodySection &) const = default;
};

/// A response code, RFC 3501 §7.1 and extensions. name is upper-cased.
/// UIDVALIDITY, UIDNEXT, UNSEEN, HIGHESTMODSEQ, APPENDLIMIT -> numbers{n};
/// APPENDUID -> numbers{uidvalidity}, text = uid set; COPYUID -> numbers{uidvalidity},
/// atoms{source set, destination set}; PERMANENTFLAGS, CAPABILITY (upper-cased), BADCHARSET
/// -> atoms; MODIFIED -> text = sequence set; anything else -> name + raw text.
struct ResponseCode {
    QByteArray name;
    QByteArray text;
    QList<quint64> numbers;
    QByteArrayList atoms;
    bool operator==(const ResponseCode &) const = default;
};

/// Tagged or untagged OK/NO/BAD and untagged BYE/PREAUTH, RFC 3501 §7.1.
struct StatusResponse {
    QByteArray tag; // empty = untagged
    enum class Kind { Ok, No, Bad, Bye, Preauth } kind = Kind::Ok;
    std::optional<ResponseCode> code;
    QString text;
    bool operator==(const StatusResponse &) const = default;
};

/// "+ text", RFC 3501 §7.5. text is raw (base64 during AUTHENTICATE).
struct ContinuationRequest {
    QByteArray text;
    bool operator==(const ContinuationRequest &) const = default;
};

/// * CAPABILITY, RFC 3501 §7.2.1; names upper-cased.
struct CapabilityData {
    QByteArrayList capabilities;
    bool operator==(const CapabilityData &) const = default;
};

/// * LIST / * LSUB, RFC 3501 §7.2.2, RFC 5258 (CHILDINFO), RFC 6154 (special-use attributes).
/// Known attributes are spelled as in their RFC (\Noselect, \HasNoChildren, \Sent, ...);
/// INBOX in any case is reported as "INBOX".
struct ListData {
    QByteArrayList attributes;
    QByteArray delimiter; // empty for NIL
    QString mailbox;      // decoded from mUTF-7, or UTF-8 in UTF-8 mode
    bool lsub = false;
    QByteArrayList childInfo;
    bool operator==(const ListData &) const = default;
};

/// * STATUS, RFC 3501 §7.2.4; item names upper-cased.
struct StatusData {
    QString mailbox;
    QList<QPair<QByteArray, quint64>> items;
    bool operator==(const StatusData &) const = default;
};

/// * FLAGS, RFC 3501 §7.2.6. System flags are spelled as in the RFC (\Seen, \Deleted, ...).
struct FlagsData {
    QByteArrayList flags;
    bool operator==(const FlagsData &) const = default;
};

/// * n EXISTS / RECENT / EXPUNGE, RFC 3501 §7.3, §7.4.1.
struct NumberData {
    enum class Kind { Exists, Recent, Expunge } kind = Kind::Exists;
    quint32 number = 0;
    bool operator==(const NumberData &) const = default;
};

/// * n FETCH, RFC 3501 §7.4.2, RFC 7162 (MODSEQ), RFC 8474 (EMAILID/THREADID),
/// RFC 8970 (PREVIEW), RFC 8514 (SAVEDATE), RFC 3516 (BINARY, BINARY.SIZE).
/// BODY (the non-extensible form) is also reported in bodyStructure.
struct FetchData {
    quint32 seq = 0;
    std::optional<quint32> uid;
    std::optional<QByteArrayList> flags;
    std::optional<QDateTime> internalDate;
    std::optional<quint64> size;
    std::optional<Envelope> envelope;
    std::optional<BodyStructure> bodyStructure;
    std::optional<quint64> modseq;
    QByteArray emailId, threadId, preview;
    std::optional<QDateTime> saveDate;
    QList<BodySection> sections;
    std::optional<quint64> binarySize;
    bool operator==(const FetchData &) const = default;
};

/// * SEARCH, RFC 3501 §7.2.5, with the RFC 7162 (MODSEQ n) suffix.
struct SearchData {
    QList<quint32> ids;
    std::optional<quint64> modseq;
    bool operator==(const SearchData &) const = default;
};

/// * ESEARCH, RFC 4731 / RFC 9051 §7.3.4. all is the sequence-set text.
struct ESearchData {
    QByteArray tag;
    bool uid = false;
    std::optional<quint32> min, max;
    std::optional<quint64> count, modseq;
    QByteArray all;
    bool operator==(const ESearchData &) const = default;
};

/// * VANISHED [(EARLIER)] uid-set, RFC 7162 §3.2.10.
struct VanishedData {
    bool earlier = false;
    QByteArray uids; // sequence-set text; expand with expandSequenceSet
    bool operator==(const VanishedData &) const = default;
};

/// * ENABLED, RFC 5161 §3.2; names upper-cased.
struct EnabledData {
    QByteArrayList capabilities;
    bool operator==(const EnabledData &) const = default;
};

/// * NAMESPACE, RFC 2342 §5; prefixes decoded like mailbox names.
struct NamespaceData {
    struct Entry {
        QString prefix;
        QByteArray delimiter;
        bool operator==(const Entry &) const = default;
    };
    QList<Entry> personal, otherUsers, shared;
    bool operator==(const NamespaceData &) const = default;
};

/// * ID, RFC 2971 §3.2; empty for NIL. Values of NIL are empty.
struct IdData {
    QList<QPair<QByteArray, QByteArray>> fields;
    bool operator==(const IdData &) const = default;
};

/// * SORT, RFC 5256 §4.
struct SortData {
    QList<quint32> ids;
    bool operator==(const SortData &) const = default;
};

/// * THREAD, RFC 5256 §4: the raw thread list text after "THREAD ".
struct ThreadData {
    QByteArray raw;
    bool operator==(const ThreadData &) const = default;
};

/// Every response the parser yields. Unknown untagged responses are skipped by the parser.
using Response = std::variant<StatusResponse, ContinuationRequest, CapabilityData, ListData,
                              StatusData, FlagsData, NumberData, FetchData, SearchData,
                              ESearchData, VanishedData, EnabledData, NamespaceData, IdData,
                              SortData, ThreadData>;

/// Expands a sequence set ("1:3,7" -> {1,2,3,7}, RFC 3501 §9 sequence-set) in the order given;
/// empty when malformed, when it contains "*", or when it would exceed maxCount numbers.
QList<quint32> expandSequenceSet(QByteArrayView set, quint32 maxCount = 10'000'000);

QDebug operator<<(QDebug debug, const Address &value);
QDebug operator<<(QDebug debug, const Envelope &value);
QDebug operator<<(QDebug debug, const BodyStructure &value);
QDebug operator<<(QDebug debug, const BodySection &value);
QDebug operator<<(QDebug debug, const ResponseCode &value);
QDebug operator<<(QDebug debug, const StatusResponse &value);
QDebug operator<<(QDebug debug, const ContinuationRequest &value);
QDebug operator<<(QDebug debug, const CapabilityData &value);
QDebug operator<<(QDebug debug, const ListData &value);
QDebug operator<<(QDebug debug, const StatusData &value);
QDebug operator<<(QDebug debug, const FlagsData &value);
QDebug operator<<(QDebug debug, const NumberData &value);
QDebug operator<<(QDebug debug, const FetchData &value);
QDebug operator<<(QDebug debug, const SearchData &value);
QDebug operator<<(QDebug debug, const ESearchData &value);
QDebug operator<<(QDebug debug, const VanishedData &value);
QDebug operator<<(QDebug debug, const EnabledData &value);
QDebug operator<<(QDebug debug, const NamespaceData::Entry &value);
QDebug operator<<(QDebug debug, const NamespaceData &value);
QDebug operator<<(QDebug debug, const IdData &value);
QDebug operator<<(QDebug debug, const SortData &value);
QDebug operator<<(QDebug debug, const ThreadData &value);
QDebug operator<<(QDebug debug, const Response &value);

} // namespace Tern::Imap

#pragma once

#include "mutf7.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Tern::Imap {

/// Builds one IMAP command without its tag, RFC 3501 §9 (command syntax). The connection puts
/// "tag " in front of the first chunk.
class CommandBuilder
{
public:
    /// Starts a command, e.g. "UID FETCH".
    explicit CommandBuilder(QByteArrayView name);

    /// A raw atom or token, no quoting.
    CommandBuilder &atom(QByteArrayView a);
    /// A string, RFC 3501 §4.3: quoted when safe, else a literal (literal8 ~{n} for NUL bytes,
    /// only after setBinaryAllowed(true); otherwise the command becomes invalid).
    CommandBuilder &string(QByteArrayView s);
    /// An astring: an atom when every byte is an ASTRING-CHAR, else like string().
    CommandBuilder &astring(QByteArrayView s);
    /// A mailbox name: modified UTF-7 (RFC 3501 §5.1.3) unless utf8 (RFC 6855), then astring.
    /// INBOX in any case is sent as "INBOX".
    CommandBuilder &mailbox(const QString &name, bool utf8 = false);
    /// A literal {n} (or literal8 ~{n} when binary, RFC 3516 §4.2).
    CommandBuilder &literal(QByteArrayView data, bool binary = false);
    /// A sequence set compressed from ids: sorted, "1:5,7,9:12".
    CommandBuilder &sequenceSet(QList<quint32> ids);
    /// A parenthesised list of raw items: "(a b c)".
    CommandBuilder &list(const QByteArrayList &items);
    /// Text appended verbatim after a space.
    CommandBuilder &raw(QByteArrayView text);
    /// Like astring(), but shown as *** in logText().
    CommandBuilder &secret(QByteArrayView s);
    /// Lets string() use literal8 for data with NUL bytes (the server offers BINARY).
    CommandBuilder &setBinaryAllowed(bool on);

    /// The wire chunks. With literalPlus (RFC 7888) every literal is sent as {n+} and there is
    /// one chunk; literalMinus does so for literals up to 4096 bytes. Otherwise every chunk but
    /// the last ends with "{n}\r\n" and the connection must wait for a continuation request
    /// before sending the next. The last chunk ends with "\r\n".
    QList<QByteArray> chunks(bool literalPlus, bool literalMinus = false) const;
    /// One line for the protocol log: secrets become ***, literal contents "<n bytes>".
    QByteArray logText() const;
    /// False when an argument could not be encoded (NUL bytes without setBinaryAllowed).
    bool isValid() const { return m_valid; }

private:
    struct Part {
        QByteArray text;        // the token, or the literal's data
        bool literal = false;
        bool binary = false;
        bool secret = false;
    };
    CommandBuilder &addString(QByteArrayView s, bool secret);

    QByteArray m_name;
    QList<Part> m_parts;
    bool m_binaryAllowed = false;
    bool m_valid = true;
};

/// Sorts and compresses ids into a sequence set, RFC 3501 §9: {1,2,3,5} -> "1:3,5".
QByteArray compressSequenceSet(QList<quint32> ids);

} // namespace Tern::Imap

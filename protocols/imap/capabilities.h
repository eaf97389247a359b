#pragma once

#include <QByteArrayList>
#include <QSet>

#include <optional>

namespace Tern::Imap {

/// The capability list a server advertised (RFC 9051 §7.2.2), upper-cased for lookups.
class Capabilities
{
public:
    Capabilities() = default;
    explicit Capabilities(const QByteArrayList &list);

    /// True when the exact capability (case-insensitive) is offered, e.g. "QRESYNC".
    bool has(QByteArrayView name) const;
    bool isEmpty() const { return m_list.isEmpty(); }
    QByteArrayList list() const { return m_list; }
    /// SASL mechanisms from the AUTH= entries (RFC 9051 §6.2.2).
    QByteArrayList authMechanisms() const;
    /// RFC 7889 APPENDLIMIT=n; nothing when absent or given per mailbox only.
    std::optional<quint64> appendLimit() const;
    /// IMAP4rev2 (RFC 9051) was offered: ESEARCH, MOVE, UNSELECT, etc. are implied.
    bool isRev2() const { return has("IMAP4REV2"); }
    /// Helpers for the extensions IMAP4rev2 folds into the base protocol (RFC 9051 §1.2).
    bool hasESearch() const { return has("ESEARCH") || isRev2(); }
    bool hasMove() const { return has("MOVE") || isRev2(); }
    bool hasUnselect() const { return has("UNSELECT") || isRev2(); }
    bool hasUidPlus() const { return has("UIDPLUS") || isRev2(); }
    bool hasNamespace() const { return has("NAMESPACE") || isRev2(); }
    bool hasSpecialUse() const { return has("SPECIAL-USE") || isRev2(); }
    bool hasListStatus() const { return has("LIST-STATUS") || isRev2(); }
    bool hasEnable() const { return has("ENABLE") || isRev2(); }
    bool hasIdle() const { return has("IDLE") || isRev2(); }
    bool hasSaslIr() const { return has("SASL-IR") || isRev2(); }
    bool hasBinary() const { return has("BINARY") || isRev2(); }
    bool hasLiteralPlus() const { return has("LITERAL+"); }
    /// LITERAL- (RFC 7888 §4) or IMAP4rev2's built-in LITERAL- semantics.
    bool hasLiteralMinus() const { return has("LITERAL-") || isRev2(); }

    bool operator==(const Capabilities &other) const { return m_set == other.m_set; }

private:
    QByteArrayList m_list;
    QSet<QByteArray> m_set;
};

} // namespace Tern::Imap

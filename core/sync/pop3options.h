#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Tern {

/// What a POP3 account does with the server's copy of downloaded mail, and its size limit.
/// Stored under "pop3" in the JSON options column of the accounts table.
struct Pop3Options {
    enum class Mode {
        Keep,             ///< leave on the server; UIDL remembers what was downloaded
        Delete,           ///< delete from the server once committed locally
        DeleteAfterDays,  ///< delete once downloaded at least `days` days ago
        DeleteWhenDeleted ///< delete once the local copy is deleted
    };
    Mode mode = Mode::Keep;
    int days = 0;
    /// Messages larger than this many KB are downloaded as headers only (0: no limit).
    int maxKb = 0;

    /// Parses keep | delete | delete-after-days:N | delete-when-deleted.
    static std::optional<Pop3Options> parseMode(const QString &text, QString *error);
    /// The mode as parseMode() reads it.
    QString modeText() const;
    /// The account's options, defaults when none are stored.
    static Pop3Options read(QSqlDatabase &db, qint64 accountId);
    /// Stores the options, keeping the account's other options.
    bool write(QSqlDatabase &db, qint64 accountId) const;

    friend bool operator==(const Pop3Options &, const Pop3Options &) = default;
};

} // namespace Tern

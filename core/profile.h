#pragma once

#include <QString>

namespace Tern {

/// The user's profile folder: the cache database and anything else Tern keeps on disk.
/// Default under QStandardPaths::AppDataLocation, or the folder given with --profile.
class Profile
{
public:
    explicit Profile(const QString &dir = QString());

    QString dir() const { return m_dir; }
    QString databasePath() const;
    /// Creates the folder (mode 0700: mail is private). False with a message on failure.
    bool ensureExists(QString *error) const;

private:
    QString m_dir;
};

} // namespace Tern

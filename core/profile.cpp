#include "profile.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace Tern {

Profile::Profile(const QString &dir)
    : m_dir(dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                          : QDir(dir).absolutePath())
{
}

QString Profile::databasePath() const
{
    return QDir(m_dir).filePath(QStringLiteral("cache.sqlite"));
}

bool Profile::ensureExists(QString *error) const
{
    if (!QDir().mkpath(m_dir)) {
        *error = QStringLiteral("cannot create the profile folder %1").arg(m_dir);
        return false;
    }
    QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return true;
}

} // namespace Tern

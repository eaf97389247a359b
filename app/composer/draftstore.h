#pragma once

#include "mime/messagedraft.h"

#include <QList>
#include <QString>

namespace Tern {

/// One locally autosaved draft: the account, the editor mode and what the user wrote.
struct StoredDraft
{
    QString id;
    qint64 accountId = 0;
    bool richText = false;
    Mime::MessageDraft draft;
};

/// Crash protection for the composer: one JSON file per open draft in a folder
/// (<profile>/drafts/), each written atomically with QSaveFile.
class DraftStore
{
public:
    explicit DraftStore(const QString &directory);

    QString directory() const { return m_directory; }
    QString filePath(const QString &id) const;

    /// Writes the draft; false with errorString() when the disk refused.
    bool save(const StoredDraft &draft);
    /// All readable drafts in the folder, oldest first; unreadable files are left alone.
    QList<StoredDraft> loadAll() const;
    bool remove(const QString &id);

    QString errorString() const { return m_error; }

private:
    QString m_directory;
    QString m_error;
};

} // namespace Tern

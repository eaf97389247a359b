#include "searchresultmodel.h"

#include "models/messagelistmodel.h"
#include "models/modelroles.h"

#include <QHash>
#include <QLocale>
#include <QSqlQuery>
#include <QTimeZone>

namespace Tern {

SearchResultModel::SearchResultModel(QSqlDatabase &db, QObject *parent)
    : QAbstractTableModel(parent), m_db(db)
{
}

void SearchResultModel::setResults(const QList<qint64> &rowIds)
{
    QHash<qint64, Row> byId;
    if (!rowIds.isEmpty()) {
        QStringList marks;
        for (qsizetype i = 0; i < rowIds.size(); ++i)
            marks.append(QStringLiteral("?"));
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral(
            "SELECT m.id, f.account_id, m.folder_id, m.uid, m.flags, m.thread_id, m.date, "
            "m.size, m.subject, m.from_name, m.from_addr, m.has_attachments "
            "FROM messages m JOIN folders f ON f.id = m.folder_id WHERE m.id IN (")
            + marks.join(QLatin1Char(',')) + QLatin1Char(')'));
        for (qint64 id : rowIds)
            q.addBindValue(id);
        if (q.exec()) {
            while (q.next()) {
                Row r;
                r.id = q.value(0).toLongLong();
                r.accountId = q.value(1).toLongLong();
                r.folderId = q.value(2).toLongLong();
                r.uid = q.value(3).toLongLong();
                r.flags = q.value(4).toInt();
                r.threadId = q.value(5).toLongLong();
                r.date = QDateTime::fromSecsSinceEpoch(q.value(6).toLongLong(), QTimeZone::UTC);
                r.size = q.value(7).toLongLong();
                r.subject = q.value(8).toString();
                r.fromName = q.value(9).toString();
                r.fromAddr = q.value(10).toString();
                r.attachments = q.value(11).toBool();
                byId.insert(r.id, r);
            }
        }
    }
    beginResetModel();
    m_rows.clear();
    for (qint64 id : rowIds) {
        const auto it = byId.constFind(id);
        if (it != byId.cend())
            m_rows.append(*it);
    }
    endResetModel();
}

QList<qint64> SearchResultModel::rowIds() const
{
    QList<qint64> ids;
    for (const Row &r : m_rows)
        ids.append(r.id);
    return ids;
}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SearchResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : MessageListModel::ColumnCount;
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const QString correspondent = r.fromName.isEmpty() ? r.fromAddr : r.fromName;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case MessageListModel::SubjectColumn:
            return r.subject;
        case MessageListModel::CorrespondentColumn:
            return correspondent;
        case MessageListModel::DateColumn:
            return r.date;
        case MessageListModel::SizeColumn:
            return QLocale().formattedDataSize(r.size);
        default:
            return {};
        }
    case ModelRole::ItemKind:
        return int(ItemKind::Message);
    case ModelRole::MessageId:
        return r.id;
    case ModelRole::AccountId:
        return r.accountId;
    case ModelRole::FolderId:
        return r.folderId;
    case ModelRole::Uid:
        return r.uid;
    case ModelRole::Flags:
        return r.flags;
    case ModelRole::Unread:
        return (r.flags & MessageFlag::Seen) == 0;
    case ModelRole::Flagged:
        return (r.flags & MessageFlag::Flagged) != 0;
    case ModelRole::Answered:
        return (r.flags & MessageFlag::Answered) != 0;
    case ModelRole::Deleted:
        return (r.flags & MessageFlag::Deleted) != 0;
    case ModelRole::HasAttachments:
        return r.attachments;
    case ModelRole::ThreadDepth:
        return 0;
    case ModelRole::ThreadId:
        return r.threadId;
    case ModelRole::Date:
        return r.date;
    case ModelRole::Size:
        return r.size;
    case ModelRole::Subject:
        return r.subject;
    case ModelRole::Correspondent:
        return correspondent;
    case ModelRole::FromAddress:
        return r.fromAddr;
    default:
        return {};
    }
}

QVariant SearchResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MessageListModel::SubjectColumn:
        return tr("Subject");
    case MessageListModel::CorrespondentColumn:
        return tr("Correspondent");
    case MessageListModel::DateColumn:
        return tr("Date");
    case MessageListModel::SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

QHash<int, QByteArray> SearchResultModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ModelRole::MessageId, "messageId");
    names.insert(ModelRole::Subject, "subject");
    names.insert(ModelRole::Correspondent, "correspondent");
    names.insert(ModelRole::Date, "date");
    return names;
}

} // namespace Tern

#include "messagelistmodel.h"

#include "modelroles.h"
#include "threadbuilder.h"

#include "cache/database.h"

#include <QDateTime>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace Tern {

QString MessageListModel::idList(const QList<qint64> &ids)
{
    QString s;
    s.reserve(ids.size() * 8);
    for (qint64 id : ids) {
        if (!s.isEmpty())
            s += QLatin1Char(',');
        s += QString::number(id);
    }
    return s;
}

MessageListModel::MessageListModel(Database &db, QObject *parent)
    : QAbstractItemModel(parent), m_db(db)
{
}

MessageListModel::~MessageListModel() = default;

void MessageListModel::setFolder(qint64 folderId)
{
    m_folderId = folderId;
    m_unified = false;
    m_folderIds.clear();
    m_recipients = false;
    if (folderId) {
        m_folderIds = {folderId};
        QSqlQuery q(m_db.db());
        ++m_queries;
        q.prepare(QStringLiteral("SELECT role FROM folders WHERE id = ?"));
        q.addBindValue(folderId);
        // Thunderbird's habit: in Sent and Drafts the other party is the recipient.
        if (q.exec() && q.next()) {
            const QString role = q.value(0).toString();
            m_recipients = role == QLatin1StringView("sent")
                || role == QLatin1StringView("drafts");
        }
    }
    resetTo(load());
}

void MessageListModel::setUnifiedInbox()
{
    m_folderId = 0;
    m_unified = true;
    m_recipients = false;
    m_folderIds = inboxFolderIds();
    resetTo(load());
}

QList<qint64> MessageListModel::inboxFolderIds() const
{
    QList<qint64> ids;
    QSqlQuery q(m_db.db());
    ++m_queries;
    q.exec(QStringLiteral("SELECT id FROM folders WHERE role = 'inbox' "
                          "OR (role = '' AND upper(path) = 'INBOX') ORDER BY account_id"));
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

void MessageListModel::setThreaded(bool threaded)
{
    if (threaded == m_threaded)
        return;
    m_threaded = threaded;
    resetTo(load());
}

QString MessageListModel::folderCondition() const
{
    if (m_folderIds.isEmpty())
        return QStringLiteral("0");
    if (m_folderIds.size() == 1)
        return QStringLiteral("folder_id = %1").arg(m_folderIds.first());
    return QStringLiteral("folder_id IN (%1)").arg(idList(m_folderIds));
}

QString MessageListModel::orderBy() const
{
    QString key;
    switch (m_sortColumn) {
    case FlagsColumn:
        key = QStringLiteral("(flags & 4)");
        break;
    case SubjectColumn:
        key = QStringLiteral("subject COLLATE NOCASE");
        break;
    case CorrespondentColumn:
        key = m_recipients ? QStringLiteral("to_text COLLATE NOCASE")
                           : QStringLiteral("(CASE WHEN from_name <> '' THEN from_name "
                                            "ELSE from_addr END) COLLATE NOCASE");
        break;
    case SizeColumn:
        key = QStringLiteral("size");
        break;
    case AttachmentColumn:
        key = QStringLiteral("has_attachments");
        break;
    default:
        key = QStringLiteral("date");
        break;
    }
    const QLatin1StringView dir(m_sortOrder == Qt::AscendingOrder ? " ASC" : " DESC");
    if (m_sortColumn == DateColumn)
        return key + dir + QStringLiteral(", id") + dir;
    return key + dir + QStringLiteral(", date") + dir + QStringLiteral(", id") + dir;
}

MessageListModel::Forest MessageListModel::load()
{
    Forest f;
    if (m_folderIds.isEmpty())
        return f;
    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    ++m_queries;
    if (!m_threaded) {
        q.exec(QStringLiteral("SELECT id FROM messages WHERE ") + folderCondition()
               + QStringLiteral(" ORDER BY ") + orderBy());
        while (q.next())
            f.top.push_back(q.value(0).toLongLong());
        f.nodes.reserve(qsizetype(f.top.size()));
        for (qint64 id : f.top)
            f.nodes.insert(id, Node{});
        return f;
    }

    // Threads in the order their first member appears in the sorted list.
    q.exec(QStringLiteral("SELECT id, thread_id, date FROM messages WHERE ") + folderCondition()
           + QStringLiteral(" ORDER BY ") + orderBy());
    std::vector<std::vector<ThreadMember>> groups;
    QHash<qint64, size_t> groupOfThread;
    QHash<qint64, ThreadMember *> member;
    size_t rows = 0;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        const qint64 thread = q.value(1).toLongLong();
        size_t g = groups.size();
        if (thread != 0) {
            auto it = groupOfThread.constFind(thread);
            if (it != groupOfThread.cend())
                g = *it;
            else
                groupOfThread.insert(thread, g);
        }
        if (g == groups.size())
            groups.emplace_back();
        groups[g].push_back(ThreadMember{id, q.value(2).toLongLong(), {}, {}, {}});
        ++rows;
    }
    for (auto &g : groups) {
        if (g.size() > 1) {
            for (ThreadMember &m : g)
                member.insert(m.id, &m);
        }
    }
    if (!member.isEmpty()) {
        // Header ids are needed only for messages sharing a thread with another shown one;
        // filtering here is much cheaper than a GROUP BY subquery in SQL.
        ++m_queries;
        q.exec(QStringLiteral("SELECT id, message_id, in_reply_to, refs FROM messages WHERE ")
               + folderCondition() + QStringLiteral(" AND thread_id <> 0"));
        while (q.next()) {
            if (ThreadMember *m = member.value(q.value(0).toLongLong())) {
                m->messageId = q.value(1).toString();
                m->inReplyTo = q.value(2).toString();
                m->references = q.value(3).toString();
            }
        }
    }
    f.nodes.reserve(qsizetype(rows));
    for (auto &g : groups) {
        for (const auto &[id, parentId] : arrangeThread(std::move(g))) {
            Node n;
            n.parentId = parentId;
            if (parentId == 0) {
                f.top.push_back(id);
            } else {
                Node &p = f.nodes[parentId];
                n.depth = p.depth + 1;
                n.row = int(p.children.size());
                p.children.push_back(id);
            }
            f.nodes.insert(id, std::move(n));
        }
    }
    return f;
}

void MessageListModel::resetTo(Forest forest)
{
    beginResetModel();
    m_top = std::move(forest.top);
    m_nodes = std::move(forest.nodes);
    dropPages();
    m_topRowsDirty = true;
    endResetModel();
}

void MessageListModel::dropPages()
{
    m_pages.clear();
    m_orderDirty = true;
}

void MessageListModel::ensureTopRows() const
{
    if (!m_topRowsDirty)
        return;
    for (size_t i = 0; i < m_top.size(); ++i)
        m_nodes.find(m_top[i])->row = int(i);
    m_topRowsDirty = false;
}

void MessageListModel::ensureOrder() const
{
    if (!m_orderDirty)
        return;
    m_order.clear();
    m_order.reserve(size_t(m_nodes.size()));
    std::vector<qint64> stack;
    for (size_t i = 0; i < m_top.size(); ++i) {
        m_nodes.constFind(m_top[i])->row = int(i); // the top-level rows come for free
        stack.push_back(m_top[i]);
        while (!stack.empty()) {
            const qint64 id = stack.back();
            stack.pop_back();
            const Node &n = *m_nodes.constFind(id);
            n.order = int(m_order.size());
            m_order.push_back(id);
            stack.insert(stack.end(), n.children.rbegin(), n.children.rend());
        }
    }
    m_orderDirty = false;
    m_topRowsDirty = false;
}

void MessageListModel::loadPage(int page) const
{
    ensureOrder();
    const size_t first = size_t(page) * PageSize;
    const size_t last = std::min(m_order.size(), first + PageSize);
    Page p;
    p.rows.resize(last - first);
    const QList<qint64> ids(m_order.begin() + qsizetype(first),
                            m_order.begin() + qsizetype(last));
    ++m_pageLoads;
    for (Row &r : fetchRows(ids)) {
        const auto node = m_nodes.constFind(r.id);
        if (node != m_nodes.cend())
            p.rows[size_t(node->order) - first] = std::move(r);
    }
    if (m_pages.size() >= MaxCachedPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        }
        m_pages.erase(oldest);
    }
    m_pages.insert(page, std::move(p));
}

QList<MessageListModel::Row> MessageListModel::fetchRows(const QList<qint64> &ids) const
{
    QList<Row> rows;
    rows.reserve(ids.size());
    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    ++m_queries;
    q.exec(QStringLiteral(
               "SELECT m.id, m.folder_id, f.account_id, m.uid, m.date, m.size, m.thread_id, "
               "m.flags, m.has_attachments, m.subject, m.from_name, m.from_addr, m.to_text "
               "FROM messages m JOIN folders f ON f.id = m.folder_id WHERE m.id IN (")
           + idList(ids) + QLatin1Char(')'));
    while (q.next()) {
        Row r;
        r.id = q.value(0).toLongLong();
        r.folderId = q.value(1).toLongLong();
        r.accountId = q.value(2).toLongLong();
        r.uid = q.value(3).toLongLong();
        r.date = q.value(4).toLongLong();
        r.size = q.value(5).toLongLong();
        r.threadId = q.value(6).toLongLong();
        r.flags = q.value(7).toInt();
        r.attachments = q.value(8).toBool();
        r.subject = q.value(9).toString();
        r.fromName = q.value(10).toString();
        r.fromAddr = q.value(11).toString();
        r.toText = q.value(12).toString();
        rows.append(std::move(r));
    }
    return rows;
}

const MessageListModel::Row *MessageListModel::row(qint64 id) const
{
    const auto node = m_nodes.constFind(id);
    if (node == m_nodes.cend())
        return nullptr;
    ensureOrder();
    const int page = node->order / PageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        loadPage(page);
        it = m_pages.find(page);
    }
    it->lastUse = ++m_useClock;
    const Row &r = it->rows[size_t(node->order - page * PageSize)];
    return r.id ? &r : nullptr;
}

QModelIndex MessageListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || parent.column() > 0)
        return {};
    if (!parent.isValid()) {
        if (size_t(row) >= m_top.size())
            return {};
        return createIndex(row, column, quintptr(m_top[size_t(row)]));
    }
    const auto node = m_nodes.constFind(qint64(parent.internalId()));
    if (node == m_nodes.cend() || size_t(row) >= node->children.size())
        return {};
    return createIndex(row, column, quintptr(node->children[size_t(row)]));
}

QModelIndex MessageListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const auto node = m_nodes.constFind(qint64(child.internalId()));
    if (node == m_nodes.cend() || node->parentId == 0)
        return {};
    const auto up = m_nodes.constFind(node->parentId);
    if (up->parentId == 0)
        ensureTopRows();
    return createIndex(up->row, 0, quintptr(node->parentId));
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_top.size());
    if (parent.column() > 0)
        return 0;
    const auto node = m_nodes.constFind(qint64(parent.internalId()));
    return node == m_nodes.cend() ? 0 : int(node->children.size());
}

int MessageListModel::columnCount(const QModelIndex &parent) const
{
    return parent.column() > 0 ? 0 : ColumnCount;
}

bool MessageListModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const qint64 id = qint64(index.internalId());
    switch (role) {
    case ModelRole::ItemKind:
        return int(ItemKind::Message);
    case ModelRole::MessageId:
        return id;
    case ModelRole::ThreadDepth:
        return m_nodes.constFind(id)->depth;
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case ModelRole::AccountId:
    case ModelRole::FolderId:
    case ModelRole::Uid:
    case ModelRole::Flags:
    case ModelRole::Unread:
    case ModelRole::Flagged:
    case ModelRole::Answered:
    case ModelRole::Deleted:
    case ModelRole::HasAttachments:
    case ModelRole::ThreadId:
    case ModelRole::Date:
    case ModelRole::Size:
    case ModelRole::Subject:
    case ModelRole::Correspondent:
    case ModelRole::FromAddress:
        break;
    default:
        return {};
    }
    const Row *r = row(id);
    if (!r)
        return {};
    const QString correspondent = m_recipients ? r->toText
        : r->fromName.isEmpty()                ? r->fromAddr
                                               : r->fromName;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SubjectColumn:
            return r->subject;
        case CorrespondentColumn:
            return correspondent;
        case DateColumn:
            return QDateTime::fromSecsSinceEpoch(r->date);
        case SizeColumn:
            return r->size;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == CorrespondentColumn && !m_recipients)
            return r->fromAddr;
        return {};
    case ModelRole::AccountId:
        return r->accountId;
    case ModelRole::FolderId:
        return r->folderId;
    case ModelRole::Uid:
        return r->uid;
    case ModelRole::Flags:
        return r->flags;
    case ModelRole::Unread:
        return !(r->flags & MessageFlag::Seen);
    case ModelRole::Flagged:
        return bool(r->flags & MessageFlag::Flagged);
    case ModelRole::Answered:
        return bool(r->flags & MessageFlag::Answered);
    case ModelRole::Deleted:
        return bool(r->flags & MessageFlag::Deleted);
    case ModelRole::HasAttachments:
        return r->attachments;
    case ModelRole::ThreadId:
        return r->threadId;
    case ModelRole::Date:
        return QDateTime::fromSecsSinceEpoch(r->date);
    case ModelRole::Size:
        return r->size;
    case ModelRole::Subject:
        return r->subject;
    case ModelRole::Correspondent:
        return correspondent;
    case ModelRole::FromAddress:
        return r->fromAddr;
    default:
        return {};
    }
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    QString name;
    switch (section) {
    case FlagsColumn:
        name = tr("Flag");
        break;
    case SubjectColumn:
        name = tr("Subject");
        break;
    case CorrespondentColumn:
        name = m_recipients ? tr("Recipients") : tr("From");
        break;
    case DateColumn:
        name = tr("Date");
        break;
    case SizeColumn:
        name = tr("Size");
        break;
    default:
        name = tr("Attachment");
        break;
    }
    // The two icon columns are too narrow for words; the name stays for tool tips and
    // screen readers.
    const bool iconColumn = section == FlagsColumn || section == AttachmentColumn;
    switch (role) {
    case Qt::DisplayRole:
        return iconColumn ? QString() : name;
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        return name;
    default:
        return {};
    }
}

Qt::ItemFlags MessageListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_nodes.constFind(qint64(index.internalId()))->children.empty())
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(ModelRole::MessageId, "messageId");
    names.insert(ModelRole::Uid, "uid");
    names.insert(ModelRole::Flags, "flags");
    names.insert(ModelRole::Unread, "unread");
    names.insert(ModelRole::Flagged, "flagged");
    names.insert(ModelRole::ThreadDepth, "threadDepth");
    names.insert(ModelRole::FolderId, "folderId");
    names.insert(ModelRole::AccountId, "accountId");
    names.insert(ModelRole::Date, "date");
    names.insert(ModelRole::Subject, "subject");
    names.insert(ModelRole::Correspondent, "correspondent");
    return names;
}

QModelIndex MessageListModel::indexOfMessage(qint64 messageId) const
{
    const auto node = m_nodes.constFind(messageId);
    if (node == m_nodes.cend())
        return {};
    if (node->parentId == 0)
        ensureTopRows();
    return createIndex(node->row, 0, quintptr(messageId));
}

QModelIndex MessageListModel::nextUnread(const QModelIndex &from) const
{
    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    ++m_queries;
    q.exec(QStringLiteral("SELECT id FROM messages WHERE ") + folderCondition()
           + QStringLiteral(" AND (flags & 9) = 0"));
    QSet<qint64> unread;
    while (q.next())
        unread.insert(q.value(0).toLongLong());
    if (unread.isEmpty())
        return {};
    ensureOrder();
    const size_t n = m_order.size();
    size_t start = 0;
    if (from.isValid()) {
        const auto node = m_nodes.constFind(qint64(from.internalId()));
        if (node != m_nodes.cend())
            start = size_t(node->order) + 1;
    }
    for (size_t i = 0; i < n; ++i) {
        const qint64 id = m_order[(start + i) % n];
        if (unread.contains(id))
            return indexOfMessage(id);
    }
    return {};
}

} // namespace Tern

// MessageListModel: sorting and incremental updates (the reading half is messagelistmodel.cpp).
#include "messagelistmodel.h"

#include "cache/database.h"

#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <map>

namespace Tern {

void MessageListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount || (column == m_sortColumn && order == m_sortOrder))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (m_folderIds.isEmpty())
        return;
    Forest f = load();
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    m_top = std::move(f.top);
    m_nodes = std::move(f.nodes);
    dropPages();
    m_topRowsDirty = true;
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &old : before) {
        const QModelIndex now = indexOfMessage(qint64(old.internalId()));
        after << (now.isValid() ? createIndex(now.row(), old.column(), old.internalId())
                                : QModelIndex());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void MessageListModel::messagesChanged(const QList<qint64> &ids)
{
    QList<qint64> shown;
    for (qint64 id : ids) {
        if (m_nodes.contains(id))
            shown << id;
    }
    if (shown.isEmpty())
        return;
    // Re-read only the rows that sit in cached pages; the others are read when they are shown.
    ensureOrder();
    QList<qint64> cached;
    for (qint64 id : std::as_const(shown)) {
        if (m_pages.contains(m_nodes.constFind(id)->order / PageSize))
            cached << id;
    }
    if (!cached.isEmpty()) {
        for (Row &r : fetchRows(cached)) {
            const int order = m_nodes.constFind(r.id)->order;
            m_pages[order / PageSize].rows[size_t(order % PageSize)] = std::move(r);
        }
    }
    // One dataChanged per run of neighbouring rows under the same parent.
    ensureTopRows();
    std::map<qint64, std::vector<int>> rowsByParent;
    for (qint64 id : std::as_const(shown)) {
        const auto node = m_nodes.constFind(id);
        rowsByParent[node->parentId].push_back(node->row);
    }
    for (auto &[parentId, rows] : rowsByParent) {
        const QModelIndex parent = parentId ? indexOfMessage(parentId) : QModelIndex();
        std::sort(rows.begin(), rows.end());
        for (size_t i = 0; i < rows.size();) {
            size_t j = i;
            while (j + 1 < rows.size() && rows[j + 1] <= rows[j] + 1)
                ++j;
            Q_EMIT dataChanged(index(rows[i], 0, parent), index(rows[j], ColumnCount - 1, parent));
            i = j + 1;
        }
    }
}

void MessageListModel::messagesAdded(const QList<qint64> &ids)
{
    if (ids.isEmpty() || m_folderIds.isEmpty())
        return;
    QSqlQuery q(m_db.db());
    ++m_queries;
    q.exec(QStringLiteral("SELECT count(*) FROM messages WHERE ") + folderCondition()
           + QStringLiteral(" AND id IN (") + idList(ids) + QLatin1Char(')'));
    if (q.next() && q.value(0).toInt() > 0)
        refresh();
}

void MessageListModel::messagesRemoved(const QList<qint64> &ids)
{
    std::vector<int> rows;
    bool any = false;
    ensureTopRows();
    for (qint64 id : ids) {
        const auto node = m_nodes.constFind(id);
        if (node == m_nodes.cend())
            continue;
        any = true;
        rows.push_back(node->row);
    }
    if (!any)
        return;
    if (m_threaded) {
        refresh(); // a thread may fall apart or get a new root
        return;
    }
    // Flat: no query needed, remove runs from the bottom up so row numbers stay valid.
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (size_t i = 0; i < rows.size();) {
        size_t j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] - 1)
            ++j;
        const int first = rows[j], last = rows[i];
        beginRemoveRows({}, first, last);
        for (int r = first; r <= last; ++r)
            m_nodes.remove(m_top[size_t(r)]);
        m_top.erase(m_top.begin() + first, m_top.begin() + last + 1);
        m_topRowsDirty = true;
        dropPages();
        endRemoveRows();
        i = j + 1;
    }
}

void MessageListModel::refresh()
{
    if (m_unified)
        m_folderIds = inboxFolderIds(); // an account may have come or gone
    applyDifference(load());
}

bool MessageListModel::sameSubtree(const QHash<qint64, Node> &other, qint64 id) const
{
    const auto mine = m_nodes.constFind(id);
    const auto theirs = other.constFind(id);
    if (theirs == other.cend() || mine->children != theirs->children)
        return false;
    return std::all_of(mine->children.begin(), mine->children.end(),
                       [&](qint64 child) { return sameSubtree(other, child); });
}

void MessageListModel::takeSubtree(QHash<qint64, Node> &from, qint64 id)
{
    Node n = from.take(id);
    for (qint64 child : n.children)
        takeSubtree(from, child);
    m_nodes.insert(id, std::move(n));
}

void MessageListModel::dropSubtree(qint64 id)
{
    const Node n = m_nodes.take(id);
    for (qint64 child : n.children)
        dropSubtree(child);
}

// Top-level rows whose subtree is unchanged stay; the others are removed and the new ones
// inserted. A changed thread is replaced as a whole: one remove, one insert.
void MessageListModel::applyDifference(Forest forest)
{
    QSet<qint64> newTop(forest.top.begin(), forest.top.end());
    std::vector<char> keep(m_top.size());
    std::vector<qint64> keptOld;
    QSet<qint64> kept;
    for (size_t i = 0; i < m_top.size(); ++i) {
        const qint64 id = m_top[i];
        keep[i] = newTop.contains(id) && sameSubtree(forest.nodes, id);
        if (keep[i]) {
            keptOld.push_back(id);
            kept.insert(id);
        }
    }
    std::vector<qint64> keptNew;
    for (qint64 id : forest.top) {
        if (kept.contains(id))
            keptNew.push_back(id);
    }
    if (keptOld != keptNew) { // the survivors changed order: nothing incremental is left
        resetTo(std::move(forest));
        return;
    }
    for (int i = int(m_top.size()) - 1; i >= 0;) {
        if (keep[size_t(i)]) {
            --i;
            continue;
        }
        const int last = i;
        while (i >= 0 && !keep[size_t(i)])
            --i;
        const int first = i + 1;
        beginRemoveRows({}, first, last);
        for (int r = first; r <= last; ++r)
            dropSubtree(m_top[size_t(r)]);
        m_top.erase(m_top.begin() + first, m_top.begin() + last + 1);
        m_topRowsDirty = true;
        dropPages();
        endRemoveRows();
    }
    // m_top now holds the survivors in their new relative order; fill in the rest.
    for (size_t k = 0; k < forest.top.size();) {
        if (kept.contains(forest.top[k])) {
            ++k;
            continue;
        }
        size_t end = k;
        while (end < forest.top.size() && !kept.contains(forest.top[end]))
            ++end;
        beginInsertRows({}, int(k), int(end) - 1);
        for (size_t x = k; x < end; ++x)
            takeSubtree(forest.nodes, forest.top[x]);
        m_top.insert(m_top.begin() + qsizetype(k), forest.top.begin() + qsizetype(k),
                     forest.top.begin() + qsizetype(end));
        m_topRowsDirty = true;
        dropPages();
        endInsertRows();
        k = end;
    }
}

} // namespace Tern

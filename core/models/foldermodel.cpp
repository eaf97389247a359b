#include "foldermodel.h"

#include "modelroles.h"

#include "cache/database.h"

#include <QHash>
#include <QSqlQuery>

#include <algorithm>

namespace Tern {

struct FolderModel::Node {
    ItemKind kind = ItemKind::Folder;
    qint64 id = 0; // account or folder id; 0 for a parent that is not a folder of its own
    qint64 accountId = 0;
    QString path;
    QString name;
    QString role;
    QString toolTip;
    QString key; // identity across reloads; it includes everything the order depends on
    int unread = 0;
    int total = 0;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    int row() const
    {
        const auto &siblings = parent->children;
        const auto it = std::find_if(siblings.begin(), siblings.end(),
                                     [this](const auto &n) { return n.get() == this; });
        return int(it - siblings.begin());
    }
};

namespace {

using Node = FolderModel::Node;

int roleRank(const QString &role)
{
    static const QStringList order = {QStringLiteral("inbox"), QStringLiteral("drafts"),
                                      QStringLiteral("sent"), QStringLiteral("archive"),
                                      QStringLiteral("junk"), QStringLiteral("trash")};
    const qsizetype i = order.indexOf(role);
    return i < 0 ? int(order.size()) : int(i);
}

bool folderLess(const std::unique_ptr<Node> &a, const std::unique_ptr<Node> &b)
{
    const int ra = roleRank(a->role), rb = roleRank(b->role);
    if (ra != rb)
        return ra < rb;
    if (const int c = a->name.compare(b->name, Qt::CaseInsensitive))
        return c < 0;
    return a->path < b->path;
}

// Accounts stay in id order; folders are sorted under their account and under each other.
void sortFolders(Node *node)
{
    std::sort(node->children.begin(), node->children.end(), folderLess);
    for (auto &child : node->children)
        sortFolders(child.get());
}

QString parentPath(const QString &path, const QString &delimiter)
{
    if (delimiter.isEmpty())
        return {};
    const qsizetype i = path.lastIndexOf(delimiter);
    return i <= 0 ? QString() : path.left(i);
}

QString lastComponent(const QString &path, const QString &delimiter)
{
    const QString up = parentPath(path, delimiter);
    return up.isEmpty() ? path : path.mid(up.size() + delimiter.size());
}

} // namespace

FolderModel::FolderModel(Database &db, QObject *parent)
    : QAbstractItemModel(parent), m_db(db), m_root(load())
{
}

FolderModel::~FolderModel() = default;

std::unique_ptr<Node> FolderModel::load()
{
    auto root = std::make_unique<Node>();
    root->kind = ItemKind::Account; // its children are accounts, kept in id order
    QHash<qint64, Node *> accounts;
    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    ++m_queries;
    q.exec(QStringLiteral("SELECT id, name, email FROM accounts ORDER BY id"));
    while (q.next()) {
        auto node = std::make_unique<Node>();
        node->kind = ItemKind::Account;
        node->id = node->accountId = q.value(0).toLongLong();
        node->name = q.value(1).toString();
        node->toolTip = q.value(2).toString();
        node->key = QStringLiteral("a%1").arg(node->id);
        node->parent = root.get();
        accounts.insert(node->id, node.get());
        root->children.push_back(std::move(node));
    }

    // First every real folder by (account, path), then link each to its parent path,
    // creating placeholder parents for paths the server did not list.
    struct Pending {
        std::unique_ptr<Node> node;
        QString delimiter;
    };
    std::vector<Pending> folders;
    QHash<QString, Node *> byPath; // "<account>/<path>"
    auto pathKey = [](qint64 account, const QString &path) {
        return QString::number(account) + QLatin1Char('/') + path;
    };
    ++m_queries;
    // The cache's triggers keep folders.total and folders.unread in step with messages.
    q.exec(QStringLiteral("SELECT id, account_id, path, delimiter, role, unread, total "
                          "FROM folders"));
    while (q.next()) {
        auto node = std::make_unique<Node>();
        node->id = q.value(0).toLongLong();
        node->accountId = q.value(1).toLongLong();
        if (!accounts.contains(node->accountId))
            continue;
        node->path = node->toolTip = q.value(2).toString();
        const QString delimiter = q.value(3).toString();
        node->role = q.value(4).toString();
        const bool isInbox = node->path.compare(QLatin1StringView("INBOX"),
                                                Qt::CaseInsensitive) == 0;
        if (node->role.isEmpty() && isInbox)
            node->role = QStringLiteral("inbox"); // RFC 9051 section 5.1: INBOX is special
        node->name = isInbox ? tr("Inbox") : lastComponent(node->path, delimiter);
        node->unread = q.value(5).toInt();
        node->total = q.value(6).toInt();
        node->key = QStringLiteral("f%1:%2:%3").arg(node->id).arg(node->role, node->path);
        byPath.insert(pathKey(node->accountId, node->path), node.get());
        folders.push_back({std::move(node), delimiter});
    }

    // Placeholders are created on demand, recursively for deeper missing levels.
    auto attach = [&](auto &self, std::unique_ptr<Node> node, const QString &delimiter) -> void {
        Node *raw = node.get();
        const QString up = parentPath(raw->path, delimiter);
        Node *parent = accounts.value(raw->accountId);
        if (!up.isEmpty()) {
            Node *existing = byPath.value(pathKey(raw->accountId, up));
            if (!existing) {
                auto placeholder = std::make_unique<Node>();
                placeholder->accountId = raw->accountId;
                placeholder->path = placeholder->toolTip = up;
                placeholder->name = lastComponent(up, delimiter);
                placeholder->key = QStringLiteral("v%1:%2").arg(raw->accountId).arg(up);
                existing = placeholder.get();
                byPath.insert(pathKey(raw->accountId, up), existing);
                self(self, std::move(placeholder), delimiter);
            }
            parent = existing;
        }
        raw->parent = parent;
        parent->children.push_back(std::move(node));
    };
    for (Pending &p : folders)
        attach(attach, std::move(p.node), p.delimiter);
    for (auto &account : root->children)
        sortFolders(account.get());
    return root;
}

void FolderModel::refresh()
{
    std::unique_ptr<Node> wanted = load();
    reconcile(m_root.get(), wanted.get(), {});
}

void FolderModel::reconcile(Node *current, Node *wanted, const QModelIndex &currentIndex)
{
    auto &have = current->children;
    auto &want = wanted->children;
    QSet<QString> wantedKeys;
    for (const auto &n : want)
        wantedKeys.insert(n->key);
    for (int i = int(have.size()) - 1; i >= 0; --i) {
        if (wantedKeys.contains(have[size_t(i)]->key))
            continue;
        beginRemoveRows(currentIndex, i, i);
        have.erase(have.begin() + i);
        endRemoveRows();
    }
    // What is left is in the wanted relative order, since keys carry every sort criterion.
    size_t j = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        if (j < have.size() && have[j]->key == want[i]->key) {
            Node *h = have[j].get();
            const Node *w = want[i].get();
            if (h->name != w->name || h->unread != w->unread || h->total != w->total
                || h->toolTip != w->toolTip) {
                h->name = w->name;
                h->unread = w->unread;
                h->total = w->total;
                h->toolTip = w->toolTip;
                const QModelIndex idx = createIndex(int(j), 0, h);
                Q_EMIT dataChanged(idx, idx);
            }
            reconcile(h, want[i].get(), createIndex(int(j), 0, h));
            ++j;
            continue;
        }
        beginInsertRows(currentIndex, int(j), int(j));
        std::unique_ptr<Node> moved = std::move(want[i]);
        moved->parent = current;
        have.insert(have.begin() + qsizetype(j), std::move(moved));
        endInsertRows();
        ++j;
        // Leave an empty stand-in so later indexes of want stay valid.
        want[i] = std::make_unique<Node>();
    }
}

void FolderModel::folderChanged(qint64 folderId)
{
    Node *node = findFolder(m_root.get(), folderId);
    QSqlQuery q(m_db.db());
    ++m_queries;
    q.prepare(QStringLiteral("SELECT unread, total FROM folders WHERE id = ?"));
    q.addBindValue(folderId);
    if (!q.exec())
        return;
    const bool exists = q.next();
    if (!node || !exists) {
        if (node || exists)
            refresh();
        return;
    }
    const int unread = q.value(0).toInt(), total = q.value(1).toInt();
    if (unread == node->unread && total == node->total)
        return;
    node->unread = unread;
    node->total = total;
    const QModelIndex idx = indexOf(node);
    Q_EMIT dataChanged(idx, idx, {ModelRole::UnreadCount, ModelRole::TotalCount,
                                  Qt::DisplayRole});
}

FolderModel::Node *FolderModel::findFolder(Node *under, qint64 folderId) const
{
    for (const auto &child : under->children) {
        if (child->kind == ItemKind::Folder && child->id == folderId)
            return child.get();
        if (Node *found = findFolder(child.get(), folderId))
            return found;
    }
    return nullptr;
}

QModelIndex FolderModel::indexOfFolder(qint64 folderId) const
{
    return indexOf(findFolder(m_root.get(), folderId));
}

QModelIndex FolderModel::indexOfAccount(qint64 accountId) const
{
    for (const auto &child : m_root->children) {
        if (child->id == accountId)
            return indexOf(child.get());
    }
    return {};
}

QModelIndex FolderModel::indexOf(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), 0, const_cast<Node *>(node));
}

FolderModel::Node *FolderModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex FolderModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent)->children[size_t(row)].get());
}

QModelIndex FolderModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int FolderModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int FolderModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant FolderModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *n = nodeOf(index);
    const bool folder = n->kind == ItemKind::Folder;
    switch (role) {
    case Qt::DisplayRole:
        return n->name;
    case Qt::ToolTipRole:
        return n->toolTip;
    case ModelRole::ItemKind:
        return int(n->kind);
    case ModelRole::AccountId:
        return n->accountId;
    case ModelRole::FolderId:
        return folder ? n->id : qint64(0);
    case ModelRole::FolderPath:
        return folder ? QVariant(n->path) : QVariant();
    case ModelRole::FolderRole:
        return folder ? QVariant(n->role) : QVariant();
    case ModelRole::UnreadCount:
        return folder ? QVariant(n->unread) : QVariant();
    case ModelRole::TotalCount:
        return folder ? QVariant(n->total) : QVariant();
    default:
        return {};
    }
}

Qt::ItemFlags FolderModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Node *n = nodeOf(index);
    // A placeholder parent cannot hold messages, so it cannot be opened.
    if (n->kind == ItemKind::Folder && n->id == 0)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QHash<int, QByteArray> FolderModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(ModelRole::ItemKind, "itemKind");
    names.insert(ModelRole::AccountId, "accountId");
    names.insert(ModelRole::FolderId, "folderId");
    names.insert(ModelRole::FolderPath, "folderPath");
    names.insert(ModelRole::FolderRole, "folderRole");
    names.insert(ModelRole::UnreadCount, "unreadCount");
    names.insert(ModelRole::TotalCount, "totalCount");
    return names;
}

} // namespace Tern

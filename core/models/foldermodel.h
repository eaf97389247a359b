#pragma once

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace Tern {

class Database;

/// Accounts at the top level and each account's folders as a tree built from the folder paths,
/// special-use folders first (Inbox, Drafts, Sent, Archive, Junk, Trash), then by name.
/// Reads the cache through the GUI thread's Database; updates arrive through refresh() and
/// folderChanged() and become row inserts, removes and dataChanged, never a reset.
class FolderModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    explicit FolderModel(Database &db, QObject *parent = nullptr);
    ~FolderModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Re-reads accounts, folders and counts and applies the difference to the tree.
    void refresh();
    /// Re-reads the counts of one folder; a folder that appeared or vanished refreshes the tree.
    void folderChanged(qint64 folderId);

    /// The index of a folder by id, invalid if it is not in the tree.
    QModelIndex indexOfFolder(qint64 folderId) const;
    /// The index of an account by id, invalid if it is not in the tree.
    QModelIndex indexOfAccount(qint64 accountId) const;

    /// Number of SQL queries run so far; tests use it to prove updates stay cheap.
    int queryCount() const { return m_queries; }

    struct Node;

private:
    std::unique_ptr<Node> load();
    void reconcile(Node *current, Node *wanted, const QModelIndex &currentIndex);
    QModelIndex indexOf(const Node *node) const;
    Node *nodeOf(const QModelIndex &index) const;
    Node *findFolder(Node *under, qint64 folderId) const;

    Database &m_db;
    std::unique_ptr<Node> m_root;
    int m_queries = 0;
};

} // namespace Tern

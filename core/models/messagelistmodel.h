#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QList>

#include <vector>

namespace Tern {

class Database;

/// The messages of one folder, or of every account's inbox (unified inbox), for a list view.
/// Flat or threaded (thread_id groups; inside a thread each reply under the message it answers,
/// children by date, like Thunderbird). Built for 100,000 messages: one query loads the ids in
/// SQL sort order, the columns of visible rows are read lazily in pages into a small cache, and
/// change notices become dataChanged / row inserts and removes, never a reset.
class MessageListModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { FlagsColumn, SubjectColumn, CorrespondentColumn, DateColumn, SizeColumn,
                  AttachmentColumn, ColumnCount };
    Q_ENUM(Column)

    /// Rows read per page when a row's columns are first needed.
    static constexpr int PageSize = 256;
    /// Pages kept in the row cache.
    static constexpr int MaxCachedPages = 16;

    explicit MessageListModel(Database &db, QObject *parent = nullptr);
    ~MessageListModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QHash<int, QByteArray> roleNames() const override;

    /// Shows one folder (0 shows nothing).
    void setFolder(qint64 folderId);
    /// Shows the inbox of every account together.
    void setUnifiedInbox();
    qint64 folderId() const { return m_folderId; }
    bool isUnifiedInbox() const { return m_unified; }

    /// Switches between a flat list and threads.
    void setThreaded(bool threaded);
    bool isThreaded() const { return m_threaded; }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    /// The index of a message by id (column 0), invalid if it is not shown.
    QModelIndex indexOfMessage(qint64 messageId) const;
    /// The next unread message after `from` in display order (from the top if invalid),
    /// wrapping around; invalid when nothing is unread.
    QModelIndex nextUnread(const QModelIndex &from) const;

    /// The flags or other columns of these messages changed in the cache.
    void messagesChanged(const QList<qint64> &ids);
    /// These messages were added to the cache (in a shown folder or not).
    void messagesAdded(const QList<qint64> &ids);
    /// These messages were removed from the cache.
    void messagesRemoved(const QList<qint64> &ids);
    /// Re-reads the list and applies the difference as row removes and inserts.
    void refresh();

    /// Debug counters for tests and benchmarks: queries run and pages of rows read.
    int queryCount() const { return m_queries; }
    int pageLoadCount() const { return m_pageLoads; }

    /// The columns of one message, read a page at a time.
    struct Row {
        qint64 id = 0;
        qint64 folderId = 0;
        qint64 accountId = 0;
        qint64 uid = 0;
        qint64 date = 0;
        qint64 size = 0;
        qint64 threadId = 0;
        int flags = 0;
        bool attachments = false;
        QString subject;
        QString fromName;
        QString fromAddr;
        QString toText;
    };
    /// A shown message's place in the list or thread tree.
    struct Node {
        qint64 parentId = 0; // 0 at the top level
        int depth = 0;
        mutable int row = 0;   // among its siblings; for top-level rows kept up to date lazily
        mutable int order = 0; // position in the depth-first order, for paging
        std::vector<qint64> children;
    };

private:
    struct Forest {
        std::vector<qint64> top;
        QHash<qint64, Node> nodes;
    };
    Forest load();
    void resetTo(Forest forest);
    void applyDifference(Forest forest);
    void ensureTopRows() const;
    void ensureOrder() const;
    bool sameSubtree(const QHash<qint64, Node> &other, qint64 id) const;
    void takeSubtree(QHash<qint64, Node> &from, qint64 id);
    void dropSubtree(qint64 id);
    QString folderCondition() const;
    QList<qint64> inboxFolderIds() const;
    QString orderBy() const;
    const Row *row(qint64 id) const;
    QList<Row> fetchRows(const QList<qint64> &ids) const;
    // Ids are integers from the cache, so they can be written into the SQL text safely.
    static QString idList(const QList<qint64> &ids);
    void loadPage(int page) const;
    void dropPages();
    bool correspondentIsRecipient() const;

    Database &m_db;
    qint64 m_folderId = 0;
    bool m_unified = false;
    bool m_threaded = false;
    bool m_recipients = false;
    QList<qint64> m_folderIds;
    int m_sortColumn = DateColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;

    std::vector<qint64> m_top;      // top-level message ids in display order
    QHash<qint64, Node> m_nodes;    // every shown message by id
    mutable std::vector<qint64> m_order; // all messages depth-first: pages are ranges of it
    mutable bool m_topRowsDirty = false;
    mutable bool m_orderDirty = false;

    struct Page {
        std::vector<Row> rows;
        quint64 lastUse = 0;
    };
    mutable QHash<int, Page> m_pages;
    mutable quint64 m_useClock = 0;
    mutable int m_queries = 0;
    mutable int m_pageLoads = 0;
};

} // namespace Tern

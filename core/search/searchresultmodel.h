#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QSqlDatabase>

namespace Tern {

/// Search hits as a flat message list with MessageListModel's columns and ModelRole roles,
/// so the app's message list view and delegate show it unchanged. Rows are read in one query
/// when the results are set; a search result is small (a few hundred rows at most).
class SearchResultModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit SearchResultModel(QSqlDatabase &db, QObject *parent = nullptr);

    /// Shows these message rows in this order (e.g. from mergeSearchResults()).
    void setResults(const QList<qint64> &rowIds);
    void clear() { setResults({}); }
    QList<qint64> rowIds() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row {
        qint64 id = 0;
        qint64 accountId = 0;
        qint64 folderId = 0;
        qint64 uid = 0;
        int flags = 0;
        qint64 threadId = 0;
        QDateTime date;
        qint64 size = 0;
        QString subject;
        QString fromName;
        QString fromAddr;
        bool attachments = false;
    };
    QSqlDatabase &m_db;
    QList<Row> m_rows;
};

} // namespace Tern

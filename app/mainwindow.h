#pragma once

#include <QMainWindow>

class QLabel;
class QSplitter;
class QStandardItemModel;
class QTextBrowser;
class QTreeView;

namespace Tern {

class Database;

/// The three-pane main window: folder tree | message list | message view.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Database &db, QWidget *parent = nullptr);
    ~MainWindow() override;

    QTreeView *folderView() const { return m_folderView; }
    QTreeView *messageView() const { return m_messageList; }
    QTextBrowser *readingPane() const { return m_reader; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void loadAccounts();
    void restoreLayout();

    Database &m_db;
    QSplitter *m_splitter = nullptr;
    QTreeView *m_folderView = nullptr;
    QTreeView *m_messageList = nullptr;
    QTextBrowser *m_reader = nullptr;
    QStandardItemModel *m_folders = nullptr;
    QLabel *m_connectionState = nullptr;
};

} // namespace Tern

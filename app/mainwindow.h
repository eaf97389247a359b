#pragma once

#include <QMainWindow>

class QLabel;
class QSplitter;
class QTextBrowser;
class QTreeView;

namespace Tern {

class Database;
class FolderModel;
class MessageListModel;

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
    FolderModel *folderModel() const { return m_folderModel; }
    MessageListModel *messageModel() const { return m_messages; }
    /// Opens the first account's first folder (the inbox comes first) and its top message.
    void openFirstMessage();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void setUpModels();
    void restoreLayout();
    void showFolder(const QModelIndex &index);
    void showMessage(const QModelIndex &index);
    void updateActions();
    QList<qint64> selectedMessages() const;
    /// Sets `flag` on the selected messages, or clears it when all of them have it already.
    void toggleFlag(int flag);
    void goToNextUnread();

    Database &m_db;
    QSplitter *m_splitter = nullptr;
    QTreeView *m_folderView = nullptr;
    QTreeView *m_messageList = nullptr;
    QTextBrowser *m_reader = nullptr;
    QSplitter *m_listSplitter = nullptr;
    FolderModel *m_folderModel = nullptr;
    MessageListModel *m_messages = nullptr;
    QLabel *m_connectionState = nullptr;
};

} // namespace Tern

#include "mainwindow.h"

#include "foldertreedelegate.h"
#include "messagelistdelegate.h"

#include "cache/database.h"
#include "models/cachedmessage.h"
#include "models/flagwriter.h"
#include "models/foldermodel.h"
#include "models/messagelistmodel.h"
#include "models/modelroles.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSet>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeView>

namespace Tern {

MainWindow::MainWindow(Database &db, QWidget *parent) : QMainWindow(parent), m_db(db)
{
    setWindowTitle(tr("Tern"));
    setObjectName(QStringLiteral("MainWindow"));

    m_folderView = new QTreeView;
    m_folderView->setObjectName(QStringLiteral("folderView"));
    m_folderView->setAccessibleName(tr("Folders"));
    m_folderView->setHeaderHidden(true);

    m_messageList = new QTreeView;
    m_messageList->setObjectName(QStringLiteral("messageList"));
    m_messageList->setAccessibleName(tr("Messages"));
    m_messageList->setRootIsDecorated(false);
    m_messageList->setUniformRowHeights(true);

    m_reader = new QTextBrowser;
    m_reader->setObjectName(QStringLiteral("readingPane"));
    m_reader->setAccessibleName(tr("Message"));
    m_reader->setOpenLinks(false);

    auto *right = new QSplitter(Qt::Vertical);
    m_listSplitter = right;
    right->setObjectName(QStringLiteral("listReaderSplitter"));
    right->addWidget(m_messageList);
    right->addWidget(m_reader);
    right->setStretchFactor(1, 2);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_folderView);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(1, 3);
    setCentralWidget(m_splitter);

    m_connectionState = new QLabel(tr("Offline"));
    m_connectionState->setAccessibleName(tr("Connection state"));
    statusBar()->addPermanentWidget(m_connectionState);

    buildMenus();
    setUpModels();
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    auto add = [this](QMenu *menu, const QString &text, QKeySequence key, const char *name) {
        QAction *action = menu->addAction(text);
        action->setObjectName(QLatin1StringView(name));
        if (!key.isEmpty())
            action->setShortcut(key);
        return action;
    };
    QMenu *file = menuBar()->addMenu(tr("&File"));
    add(file, tr("&New Message"), QKeySequence::New, "actionNewMessage");
    add(file, tr("&Check Mail"), QKeySequence(Qt::Key_F5), "actionCheckMail");
    QAction *offline = add(file, tr("Work &Offline"), QKeySequence(), "actionOffline");
    offline->setCheckable(true);
    file->addSeparator();
    QAction *quit = add(file, tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), "actionQuit");
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    add(edit, tr("&Copy"), QKeySequence::Copy, "actionCopy");
    add(edit, tr("&Search"), QKeySequence::Find, "actionSearch");

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *threaded = add(view, tr("&Threaded"), QKeySequence(Qt::CTRL | Qt::Key_T),
                            "actionThreaded");
    threaded->setCheckable(true);
    add(view, tr("&Activity"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), "actionActivity");
    add(view, tr("Message &Source"), QKeySequence(Qt::CTRL | Qt::Key_U), "actionViewSource");

    QMenu *message = menuBar()->addMenu(tr("&Message"));
    add(message, tr("&Reply"), QKeySequence(Qt::CTRL | Qt::Key_R), "actionReply");
    add(message, tr("Reply &All"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
        "actionReplyAll");
    add(message, tr("&Forward"), QKeySequence(Qt::CTRL | Qt::Key_L), "actionForward");
    message->addSeparator();
    add(message, tr("Mark as &Read"), QKeySequence(Qt::Key_M), "actionMarkRead");
    add(message, tr("&Flag"), QKeySequence(Qt::Key_S), "actionFlag");
    add(message, tr("&Move To..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M),
        "actionMoveTo");
    add(message, tr("&Delete"), QKeySequence::Delete, "actionDelete");
    add(message, tr("&Next Unread"), QKeySequence(Qt::Key_N), "actionNextUnread");

    QMenu *account = menuBar()->addMenu(tr("&Account"));
    add(account, tr("&Add Account..."), QKeySequence(), "actionAddAccount");
    add(account, tr("Account &Settings..."), QKeySequence(), "actionAccountSettings");
    add(account, tr("&Connection Report"), QKeySequence(), "actionConnectionReport");

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = add(help, tr("&About Tern"), QKeySequence(), "actionAbout");
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Tern"),
                           tr("Tern %1: an offline-first mail client.")
                               .arg(QApplication::applicationVersion()));
    });

    // Until the sending and server features land these actions exist but do nothing.
    static const QSet<QString> working = {
        QStringLiteral("actionQuit"), QStringLiteral("actionAbout"),
        QStringLiteral("actionThreaded"), QStringLiteral("actionNextUnread"),
        QStringLiteral("actionMarkRead"), QStringLiteral("actionFlag")};
    for (QAction *a : findChildren<QAction *>()) {
        if (!a->isSeparator() && !working.contains(a->objectName()))
            a->setEnabled(false);
    }
    connect(threaded, &QAction::toggled, this, [this](bool on) {
        m_messages->setThreaded(on);
        m_messageList->setRootIsDecorated(on);
        QSettings().setValue(QStringLiteral("view/threaded"), on);
    });
    connect(findChild<QAction *>(QStringLiteral("actionNextUnread")), &QAction::triggered, this,
            &MainWindow::goToNextUnread);
    connect(findChild<QAction *>(QStringLiteral("actionMarkRead")), &QAction::triggered, this,
            [this] { toggleFlag(MessageFlag::Seen); });
    connect(findChild<QAction *>(QStringLiteral("actionFlag")), &QAction::triggered, this,
            [this] { toggleFlag(MessageFlag::Flagged); });

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    for (const char *name : {"actionCheckMail", "actionNewMessage", "actionReply",
                             "actionReplyAll", "actionForward", "actionDelete"})
        tools->addAction(findChild<QAction *>(QLatin1StringView(name)));
}

void MainWindow::setUpModels()
{
    m_folderModel = new FolderModel(m_db, this);
    m_folderView->setModel(m_folderModel);
    m_folderView->setItemDelegate(new FolderTreeDelegate(m_folderView));
    m_folderView->expandAll();
    connect(m_folderView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::showFolder);

    m_messages = new MessageListModel(m_db, this);
    m_messageList->setModel(m_messages);
    m_messageList->setItemDelegate(new MessageListDelegate(m_messageList));
    m_messageList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_messageList->setAllColumnsShowFocus(true);
    QHeaderView *header = m_messageList->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(MessageListModel::SubjectColumn, QHeaderView::Stretch);
    for (int column : {MessageListModel::FlagsColumn, MessageListModel::AttachmentColumn}) {
        header->setSectionResizeMode(column, QHeaderView::Fixed);
        header->resizeSection(column, 28);
    }
    header->resizeSection(MessageListModel::CorrespondentColumn, 160);
    header->resizeSection(MessageListModel::DateColumn, 150);
    header->resizeSection(MessageListModel::SizeColumn, 70);
    header->setSortIndicator(MessageListModel::DateColumn, Qt::DescendingOrder);
    m_messageList->setSortingEnabled(true);
    connect(m_messageList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::showMessage);
    connect(m_messageList->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(m_messages, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);

    auto *threaded = findChild<QAction *>(QStringLiteral("actionThreaded"));
    threaded->setChecked(QSettings().value(QStringLiteral("view/threaded"), false).toBool());
    updateActions();
}

void MainWindow::openFirstMessage()
{
    const QModelIndex account = m_folderModel->index(0, 0);
    const QModelIndex folder = m_folderModel->index(0, 0, account);
    if (!folder.isValid())
        return;
    m_folderView->setCurrentIndex(folder);
    const QModelIndex message = m_messages->index(0, 0);
    if (message.isValid())
        m_messageList->setCurrentIndex(message);
}

void MainWindow::showFolder(const QModelIndex &index)
{
    const qint64 folderId = index.data(ModelRole::FolderId).toLongLong();
    if (folderId == m_messages->folderId() && !m_messages->isUnifiedInbox())
        return;
    m_messages->setFolder(folderId);
    m_reader->clear();
    if (m_messages->rowCount() > 0)
        m_messageList->scrollToTop();
}

void MainWindow::showMessage(const QModelIndex &index)
{
    if (!index.isValid()) {
        m_reader->clear();
        return;
    }
    const auto source = cachedMessageSource(m_db, index.data(ModelRole::MessageId).toLongLong());
    const QString heading =
        tr("From: %1\nSubject: %2\nDate: %3\n\n")
            .arg(index.data(ModelRole::Correspondent).toString(),
                 index.data(ModelRole::Subject).toString(),
                 QLocale().toString(index.data(ModelRole::Date).toDateTime(),
                                    QLocale::LongFormat));
    if (!source) {
        m_reader->setPlainText(heading
                               + tr("The text of this message has not been downloaded yet."));
        return;
    }
    // A plain view until the message view lands: the body after the header block as UTF-8.
    qsizetype split = source->indexOf("\r\n\r\n");
    qsizetype skip = 4;
    if (split < 0) {
        split = source->indexOf("\n\n");
        skip = 2;
    }
    const QByteArray body = split < 0 ? *source : source->mid(split + skip);
    m_reader->setPlainText(heading + QString::fromUtf8(body));
}

QList<qint64> MainWindow::selectedMessages() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_messageList->selectionModel()->selectedRows())
        ids << index.data(ModelRole::MessageId).toLongLong();
    return ids;
}

void MainWindow::updateActions()
{
    const bool selected = m_messageList->selectionModel()->hasSelection();
    findChild<QAction *>(QStringLiteral("actionMarkRead"))->setEnabled(selected);
    findChild<QAction *>(QStringLiteral("actionFlag"))->setEnabled(selected);
}

void MainWindow::toggleFlag(int flag)
{
    const QModelIndexList rows = m_messageList->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    QList<qint64> ids;
    QSet<qint64> folders;
    bool allHaveIt = true;
    for (const QModelIndex &index : rows) {
        ids << index.data(ModelRole::MessageId).toLongLong();
        folders.insert(index.data(ModelRole::FolderId).toLongLong());
        allHaveIt = allHaveIt && (index.data(ModelRole::Flags).toInt() & flag);
    }
    QString error;
    if (!writeFlags(m_db, ids, allHaveIt ? 0 : flag, allHaveIt ? flag : 0, &error)) {
        statusBar()->showMessage(tr("Could not change the message: %1").arg(error), 5000);
        return;
    }
    m_messages->messagesChanged(ids);
    for (qint64 folder : std::as_const(folders))
        m_folderModel->folderChanged(folder);
}

void MainWindow::goToNextUnread()
{
    const QModelIndex next = m_messages->nextUnread(m_messageList->currentIndex());
    if (!next.isValid()) {
        statusBar()->showMessage(tr("No unread messages in this folder."), 3000);
        return;
    }
    for (QModelIndex up = next.parent(); up.isValid(); up = up.parent())
        m_messageList->expand(up);
    m_messageList->setCurrentIndex(next);
    m_messageList->scrollTo(next);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 700);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray()))
        m_splitter->setSizes({250, 850});
    m_listSplitter->restoreState(
        settings.value(QStringLiteral("window/listSplitter")).toByteArray());
    m_messageList->header()->restoreState(
        settings.value(QStringLiteral("window/messageHeader")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("window/listSplitter"), m_listSplitter->saveState());
    settings.setValue(QStringLiteral("window/messageHeader"),
                      m_messageList->header()->saveState());
    event->accept();
}

} // namespace Tern

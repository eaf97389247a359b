#include "mainwindow.h"

#include "accounts/accountstore.h"
#include "cache/database.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStandardItemModel>
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
    m_folders = new QStandardItemModel(this);
    m_folderView->setModel(m_folders);

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
    loadAccounts();
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
    QAction *threaded = add(view, tr("&Threaded"), QKeySequence(Qt::CTRL | Qt::Key_T), "actionThreaded");
    threaded->setCheckable(true);
    add(view, tr("&Activity"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), "actionActivity");
    add(view, tr("Message &Source"), QKeySequence(Qt::CTRL | Qt::Key_U), "actionViewSource");

    QMenu *message = menuBar()->addMenu(tr("&Message"));
    add(message, tr("&Reply"), QKeySequence(Qt::CTRL | Qt::Key_R), "actionReply");
    add(message, tr("Reply &All"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), "actionReplyAll");
    add(message, tr("&Forward"), QKeySequence(Qt::CTRL | Qt::Key_L), "actionForward");
    message->addSeparator();
    add(message, tr("Mark as &Read"), QKeySequence(Qt::Key_M), "actionMarkRead");
    add(message, tr("&Flag"), QKeySequence(Qt::Key_S), "actionFlag");
    add(message, tr("&Move To..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), "actionMoveTo");
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

    // Until the reading and sending features land these actions exist but do nothing.
    for (QAction *a : findChildren<QAction *>()) {
        if (a != quit && a != about && !a->isSeparator())
            a->setEnabled(false);
    }

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    for (const char *name : {"actionCheckMail", "actionNewMessage", "actionReply",
                             "actionReplyAll", "actionForward", "actionDelete"})
        tools->addAction(findChild<QAction *>(QLatin1StringView(name)));
}

void MainWindow::loadAccounts()
{
    m_folders->clear();
    for (const Account &a : AccountStore(m_db.db()).list()) {
        auto *item = new QStandardItem(a.name);
        item->setToolTip(a.email);
        item->setEditable(false);
        m_folders->appendRow(item);
    }
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 700);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray()))
        m_splitter->setSizes({250, 850});
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    event->accept();
}

} // namespace Tern

#include "composerwindow.h"

#include "addresscompletionmodel.h"
#include "addresslineedit.h"
#include "composereditor.h"
#include "draftstore.h"
#include "mime/addresslist.h"
#include "mime/messagecomposer.h"
#include "sendchecks.h"

#include <QBuffer>
#include <QCloseEvent>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPushButton>
#include <QSqlQuery>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QUuid>
#include <QVBoxLayout>

namespace Tern {

namespace {

enum IdentityRole {
    NameRole = Qt::UserRole,
    EmailRole,
    ReplyToRole,
    SignatureRole,
};

// Local files only: a URL from a web page is not something we read from disk.
QStringList localFiles(const QMimeData *data)
{
    QStringList files;
    if (!data || !data->hasUrls())
        return files;
    const QList<QUrl> urls = data->urls();
    for (const QUrl &url : urls) {
        if (!url.isLocalFile())
            continue;
        const QFileInfo info(url.toLocalFile());
        if (info.isFile() && info.isReadable())
            files.append(info.absoluteFilePath());
    }
    return files;
}

QString plainFromEditor(const QString &text)
{
    QString t = text;
    t.remove(QChar(QChar::ObjectReplacementCharacter)); // where an image sat
    t.replace(QChar(QChar::Nbsp), QLatin1Char(' '));
    return t;
}

} // namespace

ComposerWindow::ComposerWindow(const QSqlDatabase &db, qint64 accountId, QWidget *parent)
    : QMainWindow(parent)
    , m_db(db)
    , m_accountId(accountId)
    , m_draftId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    setAttribute(Qt::WA_DeleteOnClose, false);
    setWindowTitle(tr("New message"));
    setAcceptDrops(true);
    buildUi();
    loadIdentities();
    m_completion->load(m_db);
    // Filling the identity picker is not an edit by the user.
    m_dirty = false;
    m_edited = false;
}

ComposerWindow::~ComposerWindow() = default;

void ComposerWindow::buildUi()
{
    auto *toolbar = addToolBar(tr("Message"));
    toolbar->setObjectName(QStringLiteral("composerToolbar"));
    QAction *sendAction = toolbar->addAction(tr("Send"), this, &ComposerWindow::send);
    sendAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    toolbar->addAction(tr("Attach…"), this, &ComposerWindow::attachWithDialog);
    m_richAction = toolbar->addAction(tr("Rich text"));
    m_richAction->setCheckable(true);
    connect(m_richAction, &QAction::toggled, this, &ComposerWindow::setRichText);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *form = new QFormLayout;
    m_completion = new AddressCompletionModel(this);

    m_identity = new QComboBox(central);
    m_identity->setObjectName(QStringLiteral("composerIdentity"));
    m_identity->setAccessibleName(tr("From"));
    form->addRow(tr("&From:"), m_identity);

    auto addressField = [&](const QString &name, const QString &label, const QString &objectName) {
        auto *edit = new AddressLineEdit(central);
        edit->setObjectName(objectName);
        edit->setAccessibleName(name);
        edit->setCompletionModel(m_completion);
        connect(edit, &QLineEdit::textChanged, this, &ComposerWindow::markDirty);
        form->addRow(label, edit);
        return edit;
    };
    m_to = addressField(tr("To"), tr("&To:"), QStringLiteral("composerTo"));
    m_cc = addressField(tr("Cc"), tr("&Cc:"), QStringLiteral("composerCc"));
    m_bcc = addressField(tr("Bcc"), tr("&Bcc:"), QStringLiteral("composerBcc"));

    m_subject = new QLineEdit(central);
    m_subject->setObjectName(QStringLiteral("composerSubject"));
    m_subject->setAccessibleName(tr("Subject"));
    connect(m_subject, &QLineEdit::textChanged, this, &ComposerWindow::markDirty);
    connect(m_subject, &QLineEdit::textChanged, this, [this](const QString &s) {
        setWindowTitle(s.isEmpty() ? tr("New message") : s);
    });
    form->addRow(tr("&Subject:"), m_subject);
    layout->addLayout(form);

    m_editor = new ComposerEditor(central);
    m_editor->setAcceptRichText(false);
    m_editor->viewport()->installEventFilter(this);
    connect(m_editor, &QTextEdit::textChanged, this, &ComposerWindow::markDirty);
    connect(m_editor, &ComposerEditor::imagePasted, this, &ComposerWindow::addPastedImage);
    layout->addWidget(m_editor, 1);

    auto *attachRow = new QHBoxLayout;
    m_attachmentList = new QListWidget(central);
    m_attachmentList->setObjectName(QStringLiteral("composerAttachments"));
    m_attachmentList->setAccessibleName(tr("Attachments"));
    m_attachmentList->setMaximumHeight(90);
    m_attachmentList->setFlow(QListView::LeftToRight);
    m_attachmentList->setWrapping(true);
    auto *remove = new QPushButton(tr("Remove"), central);
    remove->setObjectName(QStringLiteral("composerRemoveAttachment"));
    remove->setAccessibleName(tr("Remove attachment"));
    connect(remove, &QPushButton::clicked, this, [this] {
        removeAttachment(m_attachmentList->currentRow());
    });
    attachRow->addWidget(m_attachmentList, 1);
    attachRow->addWidget(remove);
    layout->addLayout(attachRow);
    setCentralWidget(central);
    resize(720, 560);

    connect(m_identity, &QComboBox::currentIndexChanged, this, &ComposerWindow::markDirty);
}

void ComposerWindow::loadIdentities()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT name, email, reply_to, signature FROM identities "
                             "WHERE account_id = ? ORDER BY is_default DESC, id"));
    q.addBindValue(m_accountId);
    if (!q.exec())
        return;
    while (q.next()) {
        const Mime::MailAddress a{q.value(0).toString(), q.value(1).toString()};
        m_identity->addItem(Mime::formatAddress(a));
        const int i = m_identity->count() - 1;
        m_identity->setItemData(i, a.name, NameRole);
        m_identity->setItemData(i, a.address, EmailRole);
        m_identity->setItemData(i, q.value(2), ReplyToRole);
        m_identity->setItemData(i, q.value(3), SignatureRole);
    }
}

Mime::MessageDraft ComposerWindow::draft() const
{
    Mime::MessageDraft d = m_base;
    if (m_identity->currentIndex() >= 0) {
        d.from = {m_identity->currentData(NameRole).toString(),
                  m_identity->currentData(EmailRole).toString()};
        const QString replyTo = m_identity->currentData(ReplyToRole).toString();
        if (!replyTo.isEmpty())
            d.replyTo = Mime::parseAddressList(replyTo);
    }
    d.to = Mime::parseAddressList(m_to->text());
    d.cc = Mime::parseAddressList(m_cc->text());
    d.bcc = Mime::parseAddressList(m_bcc->text());
    d.subject = m_subject->text();
    d.plainBody = plainFromEditor(m_editor->toPlainText());
    d.htmlBody.clear();
    d.inlineImages.clear();
    if (m_richText) {
        d.htmlBody = m_editor->toHtml();
        // Only images still in the text; a deleted one is not sent.
        for (const Mime::InlineImage &image : m_inlineImages) {
            const QString ref = QStringLiteral("cid:") + QString::fromLatin1(image.contentId);
            if (d.htmlBody.contains(ref))
                d.inlineImages.append(image);
        }
    }
    d.attachments = m_attachments;
    return d;
}

void ComposerWindow::setDraft(const Mime::MessageDraft &d)
{
    m_loading = true;
    m_base = d;
    for (int i = 0; i < m_identity->count(); ++i) {
        if (m_identity->itemData(i, EmailRole).toString().compare(
                d.from.address, Qt::CaseInsensitive) == 0) {
            m_identity->setCurrentIndex(i);
            break;
        }
    }
    m_to->setText(Mime::formatAddressList(d.to));
    m_cc->setText(Mime::formatAddressList(d.cc));
    m_bcc->setText(Mime::formatAddressList(d.bcc));
    m_subject->setText(d.subject);
    m_attachments = d.attachments;
    m_inlineImages = d.inlineImages;
    const bool rich = !d.htmlBody.isEmpty();
    m_richText = rich;
    m_editor->setAcceptRichText(rich);
    {
        const QSignalBlocker blocker(m_richAction);
        m_richAction->setChecked(rich);
    }
    if (rich) {
        m_editor->setHtml(d.htmlBody);
        for (const Mime::InlineImage &image : std::as_const(m_inlineImages)) {
            const QUrl url(QStringLiteral("cid:") + QString::fromLatin1(image.contentId));
            m_editor->document()->addResource(QTextDocument::ImageResource, url,
                                              QImage::fromData(image.data));
        }
        m_editor->document()->markContentsDirty(0, m_editor->document()->characterCount());
    } else {
        m_editor->setPlainText(d.plainBody);
    }
    refreshAttachmentList();
    m_loading = false;
}

void ComposerWindow::setRichText(bool rich)
{
    if (rich == m_richText)
        return;
    m_richText = rich;
    m_editor->setAcceptRichText(rich);
    if (!rich) {
        // Plain text cannot show images: keep them as ordinary attachments.
        for (const Mime::InlineImage &image : std::as_const(m_inlineImages)) {
            addAttachmentData(QStringLiteral("image-%1.png").arg(m_attachments.size() + 1),
                              image.mimeType, image.data);
        }
        m_inlineImages.clear();
        m_editor->setPlainText(plainFromEditor(m_editor->toPlainText()));
    }
    const QSignalBlocker blocker(m_richAction);
    m_richAction->setChecked(rich);
    markDirty();
}

void ComposerWindow::addAttachmentFile(const QString &path)
{
    const QFileInfo info(path);
    Mime::DraftAttachment a;
    a.filePath = info.absoluteFilePath();
    a.fileName = info.fileName();
    a.mimeType = QMimeDatabase().mimeTypeForFile(info).name();
    m_attachments.append(a);
    refreshAttachmentList();
    markDirty();
}

void ComposerWindow::addAttachmentData(const QString &fileName, const QString &mimeType,
                                       const QByteArray &bytes)
{
    m_attachments.append({QString(), bytes, fileName, mimeType});
    refreshAttachmentList();
    markDirty();
}

void ComposerWindow::removeAttachment(int index)
{
    if (index < 0 || index >= m_attachments.size())
        return;
    m_attachments.removeAt(index);
    refreshAttachmentList();
    markDirty();
}

QList<Mime::DraftAttachment> ComposerWindow::attachments() const
{
    return m_attachments;
}

void ComposerWindow::refreshAttachmentList()
{
    m_attachmentList->clear();
    for (const Mime::DraftAttachment &a : std::as_const(m_attachments)) {
        auto *item = new QListWidgetItem(a.fileName, m_attachmentList);
        item->setToolTip(a.filePath.isEmpty() ? a.mimeType : a.filePath);
        item->setData(Qt::AccessibleDescriptionRole, a.mimeType);
    }
}

QStringList ComposerWindow::checkBeforeSend() const
{
    return sendWarnings(draft());
}

void ComposerWindow::addPastedImage(const QImage &image)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    if (!m_richText) {
        addAttachmentData(QStringLiteral("pasted-image-%1.png").arg(m_attachments.size() + 1),
                          QStringLiteral("image/png"), png);
        return;
    }
    const QByteArray cid = QUuid::createUuid().toByteArray(QUuid::Id128) + "@tern.invalid";
    m_inlineImages.append({png, QStringLiteral("image/png"), cid});
    m_editor->insertInlineImage(image, cid);
    markDirty();
}

void ComposerWindow::attachWithDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Attach files"));
    for (const QString &f : files)
        addAttachmentFile(f);
}

void ComposerWindow::send()
{
    const QStringList warnings = checkBeforeSend();
    if (!warnings.isEmpty()) {
        const auto answer = QMessageBox::question(
            this, tr("Send message?"),
            warnings.join(QLatin1Char('\n')) + QLatin1StringView("\n\n") + tr("Send anyway?"),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
    }
    requestSend();
}

void ComposerWindow::requestSend()
{
    m_finished = true;
    Q_EMIT sendRequested(m_accountId, draft());
    forgetLocalDraft();
    close();
}

void ComposerWindow::markDirty()
{
    if (m_loading)
        return;
    m_dirty = true;
    m_edited = true;
}

bool ComposerWindow::hasContent() const
{
    if (!m_edited)
        return false; // an untouched reply or new message is not worth a draft
    const Mime::MessageDraft d = draft();
    return !d.to.isEmpty() || !d.cc.isEmpty() || !d.bcc.isEmpty() || !d.subject.isEmpty()
        || !d.plainBody.trimmed().isEmpty() || !d.attachments.isEmpty();
}

void ComposerWindow::setDraftsDirectory(const QString &directory, int intervalMs)
{
    m_store = std::make_unique<DraftStore>(directory);
    if (!m_autosave) {
        m_autosave = new QTimer(this);
        connect(m_autosave, &QTimer::timeout, this, &ComposerWindow::autosave);
    }
    m_autosave->start(intervalMs);
}

QString ComposerWindow::draftFilePath() const
{
    return m_store ? m_store->filePath(m_draftId) : QString();
}

bool ComposerWindow::saveLocalDraft()
{
    if (!m_store)
        return false;
    m_dirty = false;
    return m_store->save({m_draftId, m_accountId, m_richText, draft()});
}

void ComposerWindow::autosave()
{
    if (m_dirty && !m_finished && hasContent())
        saveLocalDraft();
}

void ComposerWindow::forgetLocalDraft()
{
    if (m_autosave)
        m_autosave->stop();
    if (m_store)
        m_store->remove(m_draftId);
}

void ComposerWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        QMainWindow::dragEnterEvent(event);
}

void ComposerWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        QMainWindow::dragMoveEvent(event);
}

void ComposerWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty()) {
        QMainWindow::dropEvent(event);
        return;
    }
    for (const QString &f : files)
        addAttachmentFile(f);
    event->acceptProposedAction();
}

bool ComposerWindow::eventFilter(QObject *watched, QEvent *event)
{
    // Files dropped on the text are attachments, not file:// text.
    if (watched == m_editor->viewport()) {
        switch (event->type()) {
        case QEvent::DragEnter:
        case QEvent::DragMove: {
            auto *drag = static_cast<QDragMoveEvent *>(event);
            if (!localFiles(drag->mimeData()).isEmpty()) {
                drag->acceptProposedAction();
                return true;
            }
            break;
        }
        case QEvent::Drop: {
            auto *drop = static_cast<QDropEvent *>(event);
            if (!localFiles(drop->mimeData()).isEmpty()) {
                dropEvent(drop);
                return true;
            }
            break;
        }
        default:
            break;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void ComposerWindow::closeEvent(QCloseEvent *event)
{
    if (!m_finished && hasContent()) {
        m_finished = true;
        Mime::MessageComposer composer;
        composer.setAllow8Bit(true);
        const Mime::ComposedMessage composed = composer.compose(draft());
        if (composed.ok()) {
            Q_EMIT saveDraftRequested(m_accountId, composed.bytes);
            forgetLocalDraft();
        } else if (m_store) {
            saveLocalDraft(); // keep the local copy rather than lose the text
        }
    }
    m_finished = true;
    if (m_autosave)
        m_autosave->stop();
    QMainWindow::closeEvent(event);
}

} // namespace Tern

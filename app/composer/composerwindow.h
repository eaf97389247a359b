#pragma once

#include "mime/messagedraft.h"

#include <QByteArray>
#include <QMainWindow>
#include <QSqlDatabase>

#include <memory>

class QComboBox;
class QLineEdit;
class QListWidget;
class QTimer;
class QAction;

namespace Tern {

class AddressCompletionModel;
class AddressLineEdit;
class ComposerEditor;
class DraftStore;

/// The window to write a message: identity, To/Cc/Bcc with completion, subject, plain or
/// rich text, attachments (dialog, drag-and-drop of files, pasted images), checks before
/// sending and a local autosave. It never sends: sendRequested() goes to the outbox.
class ComposerWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class ForwardMode { Inline, AsAttachment };

    /// An empty composer for accountId; identities and completion come from db.
    ComposerWindow(const QSqlDatabase &db, qint64 accountId, QWidget *parent = nullptr);
    ~ComposerWindow() override;

    /// A new message with the default identity's signature.
    static ComposerWindow *newMessage(const QSqlDatabase &db, qint64 accountId,
                                      QWidget *parent = nullptr);
    /// A reply (or reply to all) to the raw original message, quoted, with threading headers.
    static ComposerWindow *reply(const QSqlDatabase &db, qint64 accountId,
                                 const QByteArray &originalBytes, bool replyAll,
                                 QWidget *parent = nullptr);
    /// A forward of the raw original, inline or as a message/rfc822 attachment.
    static ComposerWindow *forward(const QSqlDatabase &db, qint64 accountId,
                                   const QByteArray &originalBytes, ForwardMode mode,
                                   QWidget *parent = nullptr);
    /// A composer prefilled from a mailto: URL (RFC 6068); nullptr when url is not one.
    static ComposerWindow *fromMailto(const QSqlDatabase &db, qint64 accountId,
                                      const QString &url, QWidget *parent = nullptr);
    /// One composer per draft autosaved in draftsDirectory by a session that did not end
    /// cleanly; each keeps autosaving to its own file.
    static QList<ComposerWindow *> restoreDrafts(const QSqlDatabase &db,
                                                 const QString &draftsDirectory,
                                                 QWidget *parent = nullptr);

    qint64 accountId() const { return m_accountId; }

    /// What the user has written, as the composer would hand it to the outbox.
    Mime::MessageDraft draft() const;
    /// Fills every field from draft (identity chosen by draft.from when it is one of ours).
    void setDraft(const Mime::MessageDraft &draft);

    bool isRichText() const { return m_richText; }
    void setRichText(bool rich);

    void addAttachmentFile(const QString &path);
    void addAttachmentData(const QString &fileName, const QString &mimeType,
                           const QByteArray &bytes);
    void removeAttachment(int index);
    QList<Mime::DraftAttachment> attachments() const;

    /// Warnings about the current draft (empty subject, mentioned but missing attachment...).
    QStringList checkBeforeSend() const;

    /// Enables the local autosave into directory (<profile>/drafts/) every intervalMs.
    void setDraftsDirectory(const QString &directory, int intervalMs = 3000);
    QString draftFilePath() const;
    /// Writes the local draft now; false when the disk refused.
    bool saveLocalDraft();

    // The parts, for tests and accessibility tools.
    QComboBox *identityPicker() const { return m_identity; }
    AddressLineEdit *toField() const { return m_to; }
    AddressLineEdit *ccField() const { return m_cc; }
    AddressLineEdit *bccField() const { return m_bcc; }
    QLineEdit *subjectField() const { return m_subject; }
    ComposerEditor *editor() const { return m_editor; }
    QListWidget *attachmentList() const { return m_attachmentList; }
    AddressCompletionModel *completionModel() const { return m_completion; }

public Q_SLOTS:
    /// Interactive send: asks about checkBeforeSend() warnings, then requestSend().
    void send();
    /// Emits sendRequested(), forgets the local draft and closes, without asking.
    void requestSend();
    /// Lets the user pick files to attach.
    void attachWithDialog();

Q_SIGNALS:
    /// The user sent the draft; the receiver queues it in the outbox.
    void sendRequested(qint64 accountId, const Tern::Mime::MessageDraft &draft);
    /// The window was closed with unsent content; the receiver stores the bytes in the
    /// account's IMAP Drafts folder.
    void saveDraftRequested(qint64 accountId, const QByteArray &composedBytes);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void loadIdentities();
    void markDirty();
    void autosave();
    void addPastedImage(const QImage &image);
    void refreshAttachmentList();
    bool hasContent() const;
    void forgetLocalDraft();

    QSqlDatabase m_db;
    qint64 m_accountId = 0;
    QString m_draftId;
    bool m_richText = false;
    bool m_dirty = false;
    bool m_edited = false;  ///< the user changed something since the window opened
    bool m_loading = false; ///< setDraft() is filling the fields
    bool m_finished = false;
    Mime::MessageDraft m_base; ///< threading headers and fields the form does not show
    QList<Mime::DraftAttachment> m_attachments;
    QList<Mime::InlineImage> m_inlineImages;
    std::unique_ptr<DraftStore> m_store;

    QComboBox *m_identity = nullptr;
    AddressLineEdit *m_to = nullptr;
    AddressLineEdit *m_cc = nullptr;
    AddressLineEdit *m_bcc = nullptr;
    QLineEdit *m_subject = nullptr;
    ComposerEditor *m_editor = nullptr;
    QListWidget *m_attachmentList = nullptr;
    AddressCompletionModel *m_completion = nullptr;
    QAction *m_richAction = nullptr;
    QTimer *m_autosave = nullptr;
};

} // namespace Tern

#pragma once

#include "mime/parsedmessage.h"

#include <QByteArray>
#include <QWidget>

#include <functional>

class QLabel;
class QToolButton;

namespace Tern {

class AttachmentList;
class HeaderBlock;
class MessageBrowser;
class RemoteContentBar;

/// The reading pane: headers, the sanitised body, a remote-content bar and the attachments.
class MessageView : public QWidget
{
    Q_OBJECT
public:
    explicit MessageView(QWidget *parent = nullptr);

    /// Shows a message from its raw RFC 5322 bytes; senderAddress keys the remote allow list.
    void showMessage(const QByteArray &raw, const QString &senderAddress);
    /// Shows nothing.
    void clear();
    /// Asked for each message: true loads remote content of that sender without asking.
    void setRemoteAllowList(std::function<bool(QString)> allowed);

    /// Loads remote content of the current message once.
    void allowRemoteContent();
    /// Loads it and asks to remember the sender (emits remoteContentAllowedForSender).
    void allowRemoteContentForSender();
    /// Switches between the HTML and plain-text alternatives (RFC 2046 section 5.1.4).
    void showOtherAlternative();
    /// Opens the raw source in a dialog.
    void viewSource();

    bool isShowingHtml() const { return m_message.bodyIsHtml; }
    const Mime::ParsedMessage &message() const { return m_message; }
    MessageBrowser *browser() const { return m_browser; }
    HeaderBlock *headerBlock() const { return m_headers; }
    AttachmentList *attachmentList() const { return m_attachments; }
    RemoteContentBar *remoteContentBar() const { return m_remoteBar; }
    QToolButton *alternativeButton() const { return m_alternative; }
    QToolButton *sourceButton() const { return m_source; }

Q_SIGNALS:
    /// The user chose "always load remote content" for this sender address.
    void remoteContentAllowedForSender(const QString &senderAddress);

private:
    void render();

    HeaderBlock *m_headers;
    RemoteContentBar *m_remoteBar;
    QToolButton *m_alternative;
    QToolButton *m_source;
    MessageBrowser *m_browser;
    AttachmentList *m_attachments;
    std::function<bool(QString)> m_allowList;
    QByteArray m_raw;
    QString m_sender;
    Mime::ParsedMessage m_message;
    bool m_preferHtml = true;
    bool m_remoteAllowed = false;
};

} // namespace Tern

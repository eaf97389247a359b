#include "messageview.h"

#include "attachmentlist.h"
#include "bodyrenderer.h"
#include "headerblock.h"
#include "messagebrowser.h"
#include "mime/messageparser.h"
#include "remotecontentbar.h"
#include "sourcedialog.h"

#include <QHBoxLayout>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace Tern {

MessageView::MessageView(QWidget *parent)
    : QWidget(parent)
    , m_headers(new HeaderBlock(this))
    , m_remoteBar(new RemoteContentBar(this))
    , m_alternative(new QToolButton(this))
    , m_source(new QToolButton(this))
    , m_browser(new MessageBrowser(this))
    , m_attachments(new AttachmentList(this))
{
    setAccessibleName(tr("Message view"));
    m_alternative->setAccessibleName(tr("Switch between HTML and plain text"));
    m_source->setText(tr("View Source"));
    m_source->setAccessibleName(tr("View message source"));
    m_source->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_alternative);
    buttons->addWidget(m_source);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_browser);
    splitter->addWidget(m_attachments);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_headers);
    layout->addLayout(buttons);
    layout->addWidget(m_remoteBar);
    layout->addWidget(splitter, 1);
    connect(m_remoteBar, &RemoteContentBar::loadRequested, this,
            &MessageView::allowRemoteContent);
    connect(m_remoteBar, &RemoteContentBar::alwaysRequested, this,
            &MessageView::allowRemoteContentForSender);
    connect(m_alternative, &QToolButton::clicked, this, &MessageView::showOtherAlternative);
    connect(m_source, &QToolButton::clicked, this, &MessageView::viewSource);
    clear();
}

void MessageView::setRemoteAllowList(std::function<bool(QString)> allowed)
{
    m_allowList = std::move(allowed);
}

void MessageView::showMessage(const QByteArray &raw, const QString &senderAddress)
{
    m_raw = raw;
    m_sender = senderAddress;
    m_preferHtml = true;
    m_remoteAllowed = !senderAddress.isEmpty() && m_allowList && m_allowList(senderAddress);
    Mime::ParseOptions options;
    options.preferHtml = m_preferHtml;
    m_message = Mime::parseMessage(raw, options);
    m_headers->setMessage(m_message);
    m_attachments->setAttachments(m_message.attachments);
    m_source->setEnabled(true);
    render();
}

void MessageView::clear()
{
    m_raw.clear();
    m_sender.clear();
    m_message = Mime::ParsedMessage();
    m_remoteAllowed = false;
    m_headers->clear();
    m_attachments->setAttachments({});
    m_browser->setRemoteAllowed(false);
    m_browser->setMessageHtml(QString(), {});
    m_remoteBar->setVisible(false);
    m_alternative->setVisible(false);
    m_source->setEnabled(false);
}

void MessageView::render()
{
    BodyRenderer renderer;
    renderer.setAllowRemote(m_remoteAllowed);
    const RenderedBody body = renderer.render(m_message, m_raw);
    m_browser->setRemoteAllowed(m_remoteAllowed);
    m_browser->setMessageHtml(body.html, body.cidParts);
    m_remoteBar->setSender(m_sender);
    m_remoteBar->setVisible(body.hasRemoteContent && !m_remoteAllowed);
    m_alternative->setVisible(body.hasAlternative);
    m_alternative->setText(m_message.bodyIsHtml ? tr("Show Plain Text") : tr("Show HTML"));
}

void MessageView::allowRemoteContent()
{
    if (m_raw.isEmpty() || m_remoteAllowed)
        return;
    m_remoteAllowed = true;
    render();
}

void MessageView::allowRemoteContentForSender()
{
    if (!m_sender.isEmpty())
        Q_EMIT remoteContentAllowedForSender(m_sender);
    allowRemoteContent();
}

void MessageView::showOtherAlternative()
{
    if (m_raw.isEmpty())
        return;
    m_preferHtml = !m_message.bodyIsHtml;
    Mime::ParseOptions options;
    options.preferHtml = m_preferHtml;
    m_message = Mime::parseMessage(m_raw, options);
    render();
}

void MessageView::viewSource()
{
    auto *dialog = new SourceDialog(m_raw, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

} // namespace Tern

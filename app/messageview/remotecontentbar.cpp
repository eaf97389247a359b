#include "remotecontentbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Tern {

RemoteContentBar::RemoteContentBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(tr("Remote content in this message was blocked to protect your "
                           "privacy."), this))
    , m_load(new QPushButton(tr("&Load Remote Content"), this))
    , m_always(new QPushButton(this))
{
    setAccessibleName(tr("Remote content blocked"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setWordWrap(true);
    m_load->setAccessibleName(tr("Load remote content"));
    m_always->setAccessibleName(tr("Always load remote content from this sender"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_load);
    layout->addWidget(m_always);
    connect(m_load, &QPushButton::clicked, this, &RemoteContentBar::loadRequested);
    connect(m_always, &QPushButton::clicked, this, &RemoteContentBar::alwaysRequested);
    setSender(QString());
}

void RemoteContentBar::setSender(const QString &address)
{
    m_always->setText(tr("Always from %1").arg(address));
    m_always->setVisible(!address.isEmpty());
}

} // namespace Tern

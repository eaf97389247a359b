#include "headerblock.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QStringList>
#include <QToolButton>
#include <QVBoxLayout>

namespace Tern {

namespace {

QLabel *valueLabel(QWidget *parent, const QString &accessibleName)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // header values are untrusted: never rich text
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    label->setAccessibleName(accessibleName);
    return label;
}

} // namespace

HeaderBlock::HeaderBlock(QWidget *parent)
    : QWidget(parent)
    , m_from(valueLabel(this, tr("From")))
    , m_to(valueLabel(this, tr("To")))
    , m_cc(valueLabel(this, tr("Cc")))
    , m_ccLabel(new QLabel(tr("Cc:"), this))
    , m_date(valueLabel(this, tr("Date")))
    , m_subject(valueLabel(this, tr("Subject")))
    , m_toggle(new QToolButton(this))
    , m_full(new QPlainTextEdit(this))
{
    setAccessibleName(tr("Message headers"));
    QFont bold = m_subject->font();
    bold.setBold(true);
    m_subject->setFont(bold);
    auto *form = new QFormLayout;
    form->addRow(tr("Subject:"), m_subject);
    form->addRow(tr("From:"), m_from);
    form->addRow(tr("To:"), m_to);
    form->addRow(m_ccLabel, m_cc);
    form->addRow(tr("Date:"), m_date);
    m_toggle->setText(tr("All Headers"));
    m_toggle->setCheckable(true);
    m_toggle->setAccessibleName(tr("Show all headers"));
    m_full->setReadOnly(true);
    m_full->setAccessibleName(tr("All headers"));
    m_full->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_full->setVisible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addLayout(form, 1);
    top->addWidget(m_toggle, 0, Qt::AlignTop);
    layout->addLayout(top);
    layout->addWidget(m_full);
    connect(m_toggle, &QToolButton::toggled, this, &HeaderBlock::setFullHeadersVisible);
}

QString HeaderBlock::formatAddresses(const QList<Mime::MailAddress> &addresses)
{
    QStringList parts;
    for (const Mime::MailAddress &a : addresses) {
        if (a.name.isEmpty())
            parts.append(a.address);
        else
            parts.append(a.name + QLatin1StringView(" <") + a.address + u'>');
    }
    return parts.join(QLatin1StringView(", "));
}

void HeaderBlock::setMessage(const Mime::ParsedMessage &message)
{
    m_from->setText(formatAddresses(message.from));
    m_to->setText(formatAddresses(message.to));
    m_cc->setText(formatAddresses(message.cc));
    m_cc->setVisible(!message.cc.isEmpty());
    m_ccLabel->setVisible(!message.cc.isEmpty());
    m_date->setText(message.date.isValid()
                        ? QLocale().toString(message.date.toLocalTime(), QLocale::LongFormat)
                        : QString());
    m_subject->setText(message.subject);
    QString full;
    for (const Mime::HeaderField &field : message.headers)
        full += QString::fromLatin1(field.name) + QLatin1StringView(": ") + field.value + u'\n';
    m_full->setPlainText(full);
}

void HeaderBlock::clear()
{
    setMessage(Mime::ParsedMessage());
}

void HeaderBlock::setFullHeadersVisible(bool visible)
{
    m_toggle->setChecked(visible);
    m_full->setVisible(visible);
}

bool HeaderBlock::fullHeadersVisible() const
{
    return m_toggle->isChecked();
}

QString HeaderBlock::fromText() const { return m_from->text(); }
QString HeaderBlock::toText() const { return m_to->text(); }
QString HeaderBlock::ccText() const { return m_cc->text(); }
QString HeaderBlock::dateText() const { return m_date->text(); }
QString HeaderBlock::subjectText() const { return m_subject->text(); }
QString HeaderBlock::fullHeadersText() const { return m_full->toPlainText(); }

} // namespace Tern

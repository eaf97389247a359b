#include "addresslineedit.h"

#include <QAbstractItemView>
#include <QCompleter>

namespace Tern {

namespace {

qsizetype segmentStart(const QString &text)
{
    const qsizetype sep = qMax(text.lastIndexOf(QLatin1Char(',')),
                               text.lastIndexOf(QLatin1Char(';')));
    return sep < 0 ? 0 : sep + 1;
}

} // namespace

AddressLineEdit::AddressLineEdit(QWidget *parent)
    : QLineEdit(parent)
    , m_completer(new QCompleter(this))
{
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(this);
    connect(this, &QLineEdit::textEdited, this, &AddressLineEdit::updateCompletion);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &AddressLineEdit::insertCompletion);
}

void AddressLineEdit::setCompletionModel(QAbstractItemModel *model)
{
    m_completer->setModel(model);
}

QString AddressLineEdit::currentSegment() const
{
    const QString t = text();
    return t.mid(segmentStart(t)).trimmed();
}

void AddressLineEdit::updateCompletion(const QString &)
{
    const QString prefix = currentSegment();
    if (prefix.size() < 2) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() > 0)
        m_completer->complete();
    else
        m_completer->popup()->hide();
}

void AddressLineEdit::insertCompletion(const QString &completion)
{
    const QString t = text();
    QString head = t.left(segmentStart(t));
    if (!head.isEmpty())
        head += QLatin1Char(' ');
    setText(head + completion + QLatin1StringView(", "));
}

} // namespace Tern

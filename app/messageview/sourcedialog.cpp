#include "sourcedialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace Tern {

SourceDialog::SourceDialog(const QByteArray &raw, QWidget *parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Message Source"));
    setAccessibleName(tr("Message source"));
    m_text->setReadOnly(true);
    m_text->setAccessibleName(tr("Raw message"));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(displayText(raw, 8 * 1024 * 1024));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    resize(800, 600);
}

QString SourceDialog::sourceText() const
{
    return m_text->toPlainText();
}

QString SourceDialog::displayText(const QByteArray &raw, qsizetype maxBytes)
{
    QString text = QString::fromUtf8(raw.left(maxBytes));
    if (raw.size() > maxBytes)
        text += tr("\n[… %n more bytes not shown]", nullptr, int(raw.size() - maxBytes));
    return text;
}

} // namespace Tern

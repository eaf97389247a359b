#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace Tern {

/// Shows the raw bytes of a message as received ("View source").
class SourceDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SourceDialog(const QByteArray &raw, QWidget *parent = nullptr);

    /// The text shown: the raw bytes, cut after a few megabytes.
    QString sourceText() const;

    /// The displayable form of raw: UTF-8 with replacements, at most maxBytes of it.
    static QString displayText(const QByteArray &raw, qsizetype maxBytes);

private:
    QPlainTextEdit *m_text;
};

} // namespace Tern

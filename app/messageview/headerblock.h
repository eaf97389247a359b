#pragma once

#include "mime/parsedmessage.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace Tern {

/// From, To, Cc, Date and Subject of a message as plain text, full headers on demand.
class HeaderBlock : public QWidget
{
    Q_OBJECT
public:
    explicit HeaderBlock(QWidget *parent = nullptr);

    /// Shows the decoded headers of message.
    void setMessage(const Mime::ParsedMessage &message);
    void clear();
    /// Shows or hides every header field as received.
    void setFullHeadersVisible(bool visible);
    bool fullHeadersVisible() const;

    /// "Name <address>, ..." for display.
    static QString formatAddresses(const QList<Mime::MailAddress> &addresses);

    QString fromText() const;
    QString toText() const;
    QString ccText() const;
    QString dateText() const;
    QString subjectText() const;
    QString fullHeadersText() const;

private:
    QLabel *m_from;
    QLabel *m_to;
    QLabel *m_cc;
    QLabel *m_ccLabel;
    QLabel *m_date;
    QLabel *m_subject;
    QToolButton *m_toggle;
    QPlainTextEdit *m_full;
};

} // namespace Tern

#pragma once

#include "finding.h"
#include "resolver.h"

#include <QObject>

namespace Tern::Autoconfig {

/// RFC 6186 discovery: asks for _imaps, _imap, _pop3s, _pop3, _submissions and _submission
/// SRV records of a domain at once. A target of "." means the service is not offered
/// (RFC 6186 §3.4); implicit TLS is preferred over STARTTLS (RFC 8314 §5.1), IMAP over POP3.
class SrvLookup : public QObject
{
    Q_OBJECT
public:
    SrvLookup(Resolver *resolver, Source source, QObject *parent = nullptr);

    /// Looks up the records of domain; user names are the full address (RFC 6186 §4).
    void start(const QString &domain, const QString &email);
    Finding result() const { return m_result; }

Q_SIGNALS:
    void finished();

private:
    void onAnswer(int index, QList<SrvRecord> records, const QString &error);

    Resolver *m_resolver;
    QString m_email;
    Finding m_result;
    QList<QList<ServerConfig>> m_perService;
    QStringList m_errors;
    int m_pending = 0;
};

} // namespace Tern::Autoconfig

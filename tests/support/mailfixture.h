#pragma once

#include <QHash>
#include <QSslCertificate>
#include <QString>

namespace TernTest {

/// The real Dovecot + Postfix servers of tools/mailfixture.py, as a test sees them.
/// shared() reads the suite-wide instance that CTest's fixture started (TERN_FIXTURE_ENV);
/// startPrivate() starts a private one a test may stop and restart at will.
class MailFixture
{
public:
    /// The suite's servers. isValid() is false (with error()) when none are running: a test
    /// that needs them must fail then, never skip.
    static MailFixture shared();
    /// Starts private servers in dir with `messages` sample messages for alice.
    static MailFixture startPrivate(const QString &dir, int messages = 0);

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString value(const QString &key) const { return m_env.value(key); }

    QString host() const { return value(QStringLiteral("TERN_FIXTURE_HOST")); }
    /// Port by name: imaps, imap, pop3s, pop3, lmtp, smtp, submission, submissions.
    quint16 port(const char *name) const;
    QString caFile() const { return value(QStringLiteral("TERN_FIXTURE_CA")); }
    QList<QSslCertificate> caCertificates() const;
    /// Test users: alice (sample mail), bob, carol, and u1..u16 (empty, one per test).
    QString password(const QString &user) const;
    QString maildir(const QString &user) const;
    QString dir() const { return value(QStringLiteral("TERN_FIXTURE_DIR")); }

    /// Delivers a raw message through Postfix's inbound SMTP port (no auth), as the world would.
    bool deliver(const QString &from, const QString &to, const QByteArray &message,
                 QString *error = nullptr) const;
    /// Stops or restarts the daemons, keeping mail and ports: the "server went away" case.
    bool stopServers() const;
    bool startServers() const;
    /// Stops everything (private fixtures; CTest stops the shared one).
    bool stop() const;

private:
    bool runScript(const QStringList &args, QString *output = nullptr) const;
    static MailFixture fromEnvFile(const QString &path);

    QHash<QString, QString> m_env;
    QString m_error;
};

} // namespace TernTest

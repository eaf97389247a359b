// Secrets: the real Secret Service (write, read, overwrite, delete), the session-only fallback
// when no keychain exists, and `tern account remove` deleting cache rows and keychain entries.
#include "wizard/sessionsecretstore.h"

#include "accounts/accountstore.h"
#include "cache/database.h"
#include "cli/cli.h"
#include "profile.h"
#include "secrets/keychainsecretstore.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Tern;

namespace {

/// A keychain that does not exist, as KeychainSecretStore reports it without a service.
class NoBackendStore : public SecretStore
{
public:
    int calls = 0;
    void read(const QString &, Callback done) override { done(fail()); }
    void write(const QString &, const QString &, Callback done) override { done(fail()); }
    void remove(const QString &, Callback done) override { done(fail()); }

private:
    Result fail()
    {
        ++calls;
        Result r;
        r.noBackend = true;
        r.error = QStringLiteral("no keychain");
        return r;
    }
};

bool folderContains(const QString &dir, const QByteArray &needle)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            return true;
    }
    return false;
}

int countRows(QSqlDatabase &db, const QString &table, qint64 accountId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM %1 WHERE account_id = ?").arg(table));
    q.addBindValue(accountId);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

} // namespace

class TestSessionSecrets : public QObject
{
    Q_OBJECT

    const QString m_password = QStringLiteral("wizard-secret-%1")
                                   .arg(QCoreApplication::applicationPid());

private Q_SLOTS:
    void keychainRoundTrip()
    {
        KeychainSecretStore keychain;
        const QString key = QStringLiteral("tst_sessionsecrets/%1")
                                .arg(QCoreApplication::applicationPid());
        auto r = keychain.writeNow(key, m_password);
        QVERIFY2(r.ok, qPrintable(r.error));
        r = keychain.readNow(key);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.secret == m_password);
        r = keychain.writeNow(key, m_password + QStringLiteral("-2"));
        QVERIFY2(r.ok, qPrintable(r.error));
        r = keychain.readNow(key);
        QVERIFY(r.ok && r.secret == m_password + QStringLiteral("-2"));
        r = keychain.removeNow(key);
        QVERIFY2(r.ok, qPrintable(r.error));
        r = keychain.readNow(key);
        QVERIFY(!r.ok);
        QVERIFY(r.notFound);
    }

    void keychainPassesThrough()
    {
        KeychainSecretStore keychain;
        int asked = 0;
        SessionSecretStore store(&keychain, [&](const QString &) {
            ++asked;
            return QString();
        });
        const QString key = QStringLiteral("tst_sessionsecrets/through/%1")
                                .arg(QCoreApplication::applicationPid());
        QVERIFY(store.writeNow(key, m_password).ok);
        QVERIFY(!store.isMemoryOnly());
        QVERIFY(keychain.readNow(key).secret == m_password);
        QVERIFY(store.removeNow(key).ok);
        QVERIFY(keychain.readNow(key).notFound);
        QCOMPARE(asked, 0);
    }

    void noBackendAsksOncePerSession()
    {
        QTemporaryDir profile;
        QVERIFY(profile.isValid());
        NoBackendStore backend;
        int asked = 0;
        SessionSecretStore store(&backend, [&](const QString &) {
            ++asked;
            return m_password;
        });
        QSignalSpy notice(&store, &SessionSecretStore::memoryOnlyChanged);
        {
            Database db(Profile(profile.path()).databasePath(), QStringLiteral("nobackend"));
            QVERIFY(db.isOpen());
            const auto first = store.readNow(QStringLiteral("acct/imap"));
            QVERIFY(first.ok);
            QVERIFY(first.secret == m_password);
            const auto second = store.readNow(QStringLiteral("acct/imap"));
            QVERIFY(second.ok && second.secret == m_password);
            QCOMPARE(asked, 1);
            QVERIFY(store.isMemoryOnly());
            QCOMPARE(notice.count(), 1);
            QVERIFY(!SessionSecretStore::memoryOnlyNotice().isEmpty());
            // A write goes to memory only; the keychain is not asked again.
            const int backendCalls = backend.calls;
            QVERIFY(store.writeNow(QStringLiteral("acct/smtp"), m_password).ok);
            QVERIFY(store.readNow(QStringLiteral("acct/smtp")).secret == m_password);
            QCOMPARE(backend.calls, backendCalls);
            QCOMPARE(asked, 1);
        }
        QVERIFY(!folderContains(profile.path(), m_password.toUtf8()));
    }

    void noBackendCancelled()
    {
        NoBackendStore backend;
        SessionSecretStore store(&backend, [](const QString &) { return QString(); });
        const auto r = store.readNow(QStringLiteral("acct/imap"));
        QVERIFY(!r.ok);
        QVERIFY(r.noBackend);
        QVERIFY(store.isMemoryOnly());
    }

    void removeDeletesCacheAndKeychain()
    {
        QTemporaryDir profile;
        const QString dbPath = Profile(profile.path()).databasePath();
        Account a;
        {
            QString made;
            QVERIFY(Profile(profile.path()).ensureExists(&made));
            Database db(dbPath, QStringLiteral("remove-setup"));
            QVERIFY(db.isOpen());
            a.name = QStringLiteral("gone-%1").arg(QCoreApplication::applicationPid());
            a.email = QStringLiteral("gone@example.test");
            QString error;
            a.incoming = *ServerUrl::parse(QStringLiteral("imaps://gone@127.0.0.1:993"), &error);
            a.smtp = ServerUrl::parse(QStringLiteral("smtps://gone@127.0.0.1:465"), &error);
            QVERIFY2(AccountStore(db.db()).add(a, &error), qPrintable(error));
            QSqlQuery q(db.db());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO folders (account_id, path) VALUES (%1, "
                                          "'INBOX')").arg(a.id)));
            QCOMPARE(countRows(db.db(), QStringLiteral("folders"), a.id), 1);
        }
        KeychainSecretStore keychain;
        QVERIFY(keychain.writeNow(a.secretKey(ServerUrl::Protocol::Imap), m_password).ok);
        QVERIFY(keychain.writeNow(a.secretKey(ServerUrl::Protocol::Smtp), m_password).ok);

        Cli cli;
        QCOMPARE(cli.run({QStringLiteral("tern"), QStringLiteral("--profile"), profile.path(),
                          QStringLiteral("account"), QStringLiteral("remove"), a.name}),
                 0);
        {
            Database db(dbPath, QStringLiteral("remove-check"));
            QVERIFY(db.isOpen());
            QCOMPARE(countRows(db.db(), QStringLiteral("folders"), a.id), 0);
            QCOMPARE(countRows(db.db(), QStringLiteral("identities"), a.id), 0);
            QVERIFY(!AccountStore(db.db()).find(a.id));
        }
        QVERIFY(keychain.readNow(a.secretKey(ServerUrl::Protocol::Imap)).notFound);
        QVERIFY(keychain.readNow(a.secretKey(ServerUrl::Protocol::Smtp)).notFound);
        QVERIFY(!folderContains(profile.path(), m_password.toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestSessionSecrets)
#include "tst_sessionsecrets.moc"

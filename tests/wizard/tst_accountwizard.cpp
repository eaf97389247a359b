// The account wizard end to end against the Dovecot/Postfix fixture: settings found through
// SRV records in a local DNS server (dnsmasq), a certificate the system does not trust accepted
// and pinned, a wrong password and then the right one, and the new account in the folder tree.
#include "wizard/accountwizard.h"
#include "wizard/certificatedetails.h"
#include "wizard/serverspage.h"
#include "wizard/verifypage.h"

#include "accounts/accountstore.h"
#include "autoconfig/dnsresolver.h"
#include "autoconfig/networkhttpfetcher.h"
#include "cache/database.h"
#include "dnsmasqserver.h"
#include "httptestserver.h"
#include "mailfixture.h"
#include "models/foldermodel.h"
#include "profile.h"
#include "secrets/secretstore.h"

#include <QCheckBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTemporaryDir>
#include <QTest>
#include <QWizardPage>

#include <memory>

using namespace Tern;
using namespace Tern::Autoconfig;
using TernTest::MailFixture;

namespace {

void setText(QWidget *page, const char *name, const QString &text)
{
    auto *edit = page->findChild<QLineEdit *>(QString::fromLatin1(name));
    QVERIFY2(edit, name);
    edit->setText(text);
}

} // namespace

class TestAccountWizard : public QObject
{
    Q_OBJECT

    MailFixture m_fixture;
    DnsmasqServer m_dns;
    std::unique_ptr<DnsResolver> m_resolver;
    // Serves nothing: the XML steps get a 404 instead of reaching the Internet.
    HttpTestServer m_http;
    QNetworkAccessManager m_manager;
    std::unique_ptr<NetworkHttpFetcher> m_fetcher;
    QTemporaryDir m_profile;
    std::unique_ptr<Database> m_db;
    MemorySecretStore m_secrets;
    const QString m_user = QStringLiteral("u7");

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture = MailFixture::shared();
        const auto srv = [](const char *service, quint16 port) {
            return QStringLiteral("--srv-host=%1._tcp.wizard.test,localhost,%2,0,1")
                .arg(QLatin1StringView(service))
                .arg(port);
        };
        QVERIFY2(m_dns.start({srv("_imaps", m_fixture.port("imaps")),
                              srv("_submissions", m_fixture.port("submissions"))}),
                 qPrintable(m_dns.error()));
        m_resolver = std::make_unique<DnsResolver>(m_dns.address(), m_dns.port());
        QVERIFY(m_http.isListening());
        m_manager.setProxy(QNetworkProxy::NoProxy);
        m_fetcher = std::make_unique<NetworkHttpFetcher>(&m_manager);
        m_fetcher->setUrlRewriter([this](const QUrl &url) { return m_http.rewrite(url); });
        QString error;
        QVERIFY(Profile(m_profile.path()).ensureExists(&error));
        m_db = std::make_unique<Database>(Profile(m_profile.path()).databasePath(),
                                          QStringLiteral("wizard"));
        QVERIFY(m_db->isOpen());
    }

    void endToEnd()
    {
        Discovery::Settings discovery;
        discovery.resolver = m_resolver.get();
        discovery.fetcher = m_fetcher.get();
        discovery.allowHttp = false;
        discovery.guess = false;
        discovery.timeoutMs = 15000;
        AccountWizard wizard(m_db->db(), &m_secrets, discovery);
        QSignalSpy created(&wizard, &AccountWizard::accountCreated);
        wizard.show();
        const QString password = m_fixture.password(m_user);
        const QString wrong = QStringLiteral("wrong-%1").arg(QCoreApplication::applicationPid());

        QWizardPage *intro = wizard.page(AccountWizard::IntroPageId);
        setText(intro, "name", QStringLiteral("User Seven"));
        setText(intro, "email", QStringLiteral("u7@wizard.test"));
        setText(intro, "password", wrong);
        QVERIFY(intro->isComplete());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(AccountWizard::ServersPageId));

        auto *servers = qobject_cast<ServersPage *>(wizard.currentPage());
        QTRY_VERIFY_WITH_TIMEOUT(!servers->isDiscovering(), 30000);
        qInfo().noquote() << servers->result().describe();
        QVERIFY(servers->result().found);
        QCOMPARE(servers->result().source(), Source::Srv);
        QVERIFY(servers->result().fromDns);
        // Found through unsigned DNS: the page asks before the password goes anywhere.
        QVERIFY(!servers->isComplete());
        auto *confirm = servers->findChild<QCheckBox *>(QStringLiteral("confirm"));
        QVERIFY(confirm && confirm->isVisible());
        QCOMPARE(servers->findChild<QLineEdit *>(QStringLiteral("incomingHost"))->text(),
                 QStringLiteral("localhost"));
        // SRV records carry no user name; the fixture's users log in without the domain.
        setText(servers, "incomingUser", m_user);
        setText(servers, "outgoingUser", m_user);
        confirm->setChecked(true);
        QVERIFY(servers->isComplete());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(AccountWizard::VerifyPageId));

        // No CA file given: the fixture's certificate is not trusted, the user pins it.
        auto *verify = qobject_cast<VerifyPage *>(wizard.currentPage());
        QTRY_VERIFY_WITH_TIMEOUT(!verify->isVerifying(), 30000);
        QCOMPARE(verify->lastResult().problem, AccountVerifier::Problem::Certificate);
        const QString details =
            verify->findChild<QPlainTextEdit *>(QStringLiteral("certificate"))->toPlainText();
        qInfo().noquote() << details;
        QVERIFY(details.contains(QStringLiteral("SHA-256: ")));
        QVERIFY(details.contains(QStringLiteral("Issuer: ")));
        QVERIFY(details.contains(QStringLiteral("Valid from ")));
        const QString digest = certificateSha256(verify->lastResult().chain.first());
        QVERIFY(!verify->isComplete());

        // Pinned, the login itself is tried and the wrong password refused.
        auto *pin = verify->findChild<QCheckBox *>(QStringLiteral("pin"));
        pin->setChecked(true);
        verify->retry();
        QTRY_VERIFY_WITH_TIMEOUT(!verify->isVerifying(), 30000);
        QVERIFY(wizard.draft().pinnedSha256.contains(digest));
        QCOMPARE(verify->lastResult().problem, AccountVerifier::Problem::WrongPassword);
        QVERIFY(!verify->lastResult().outgoing);
        QVERIFY(!verify->lastResult().message.contains(wrong));
        QVERIFY(!verify->isComplete());

        setText(verify, "password", password);
        verify->retry();
        QTRY_VERIFY_WITH_TIMEOUT(!verify->isVerifying(), 30000);
        // Postfix may present another certificate than Dovecot: pin that one too.
        if (verify->lastResult().problem == AccountVerifier::Problem::Certificate) {
            QVERIFY(verify->lastResult().outgoing);
            pin->setChecked(true);
            verify->retry();
            QTRY_VERIFY_WITH_TIMEOUT(!verify->isVerifying(), 30000);
        }
        QVERIFY2(verify->lastResult().ok, qPrintable(verify->lastResult().message));
        QVERIFY(verify->isComplete());

        wizard.accept();
        QCOMPARE(created.count(), 1);
        const qint64 id = created.first().first().toLongLong();
        const auto account = AccountStore(m_db->db()).find(id);
        QVERIFY(account);
        QCOMPARE(account->email, QStringLiteral("u7@wizard.test"));
        QCOMPARE(account->displayName, QStringLiteral("User Seven"));
        QCOMPARE(account->incoming.port, m_fixture.port("imaps"));
        QVERIFY(account->smtp);
        QCOMPARE(account->smtp->port, m_fixture.port("submissions"));
        QVERIFY(account->caFile.isEmpty());
        QVERIFY(account->pinnedSha256.contains(digest));
        QVERIFY(m_secrets.readNow(account->secretKey(ServerUrl::Protocol::Imap)).secret
                == password);
        QVERIFY(m_secrets.readNow(account->secretKey(ServerUrl::Protocol::Smtp)).secret
                == password);

        // The next connection succeeds with the pin alone, without any CA.
        AccountVerifier again;
        QSignalSpy done(&again, &AccountVerifier::finished);
        again.start(*account, password);
        QVERIFY(done.wait(30000));
        QVERIFY(done.first().first().value<AccountVerifier::Result>().ok);

        FolderModel folders(*m_db);
        folders.refresh();
        bool listed = false;
        for (int row = 0; row < folders.rowCount(); ++row)
            listed = listed
                || folders.data(folders.index(row, 0)).toString().contains(account->name)
                || folders.data(folders.index(row, 0)).toString().contains(account->email);
        QVERIFY(listed);

        // Nothing in the profile holds either password.
        QDirIterator it(m_profile.path(), QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY(!bytes.contains(password.toUtf8()));
            QVERIFY(!bytes.contains(wrong.toUtf8()));
        }
    }
};

QTEST_MAIN(TestAccountWizard)
#include "tst_accountwizard.moc"

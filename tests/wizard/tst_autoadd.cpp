// `tern account add --auto`: discovery through a local DNS server (dnsmasq) whose SRV records
// point at the Dovecot/Postfix fixture, the confirmation DNS-found settings need, and the
// account it adds.
#include "wizard/autoaccount.h"

#include "accounts/accountstore.h"
#include "autoconfig/dnsresolver.h"
#include "autoconfig/networkhttpfetcher.h"
#include "cache/database.h"
#include "cli/cli.h"
#include "dnsmasqserver.h"
#include "httptestserver.h"
#include "mailfixture.h"
#include "profile.h"
#include "secrets/secretstore.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Tern;
using namespace Tern::Autoconfig;
using TernTest::MailFixture;

class TestAutoAdd : public QObject
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
    const QString m_password = QStringLiteral("autoadd-secret-%1")
                                   .arg(QCoreApplication::applicationPid());

    Discovery::Settings settings()
    {
        Discovery::Settings s;
        s.resolver = m_resolver.get();
        s.fetcher = m_fetcher.get();
        s.allowHttp = false;
        s.guess = false;
        s.timeoutMs = 15000;
        s.probe.tls.extraCaCertificates = m_fixture.caCertificates();
        return s;
    }

    int run(const AutoAddRequest &request, QString *output)
    {
        CliContext ctx;
        ctx.db = m_db.get();
        ctx.secrets = &m_secrets;
        ctx.out.setString(output);
        ctx.err.setString(output);
        const int code = addAccountAuto(ctx, request, settings());
        ctx.out.flush();
        ctx.err.flush();
        return code;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture = MailFixture::shared();
        const auto srv = [](const char *service, quint16 port) {
            return QStringLiteral("--srv-host=%1._tcp.wiz.test,localhost,%2,0,1")
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
                                          QStringLiteral("autoadd"));
        QVERIFY(m_db->isOpen());
    }

    void refusesDnsSettingsWithoutConfirmation()
    {
        AutoAddRequest request;
        request.name = QStringLiteral("dns-unconfirmed");
        request.email = QStringLiteral("u5@wiz.test");
        request.password = m_password;
        QString output;
        QCOMPARE(run(request, &output), 3);
        qInfo().noquote() << output;
        QVERIFY2(output.contains(QStringLiteral("--yes")), qPrintable(output));
        QVERIFY(!output.contains(m_password));
        QVERIFY(!AccountStore(m_db->db()).find(request.name));
    }

    void addsTheBestResultWhenConfirmed()
    {
        AutoAddRequest request;
        request.name = QStringLiteral("dns-confirmed");
        request.email = QStringLiteral("u5@wiz.test");
        request.password = m_password;
        request.confirmed = true;
        QString output;
        QCOMPARE(run(request, &output), 0);
        qInfo().noquote() << output;
        QVERIFY(!output.contains(m_password));
        QVERIFY2(output.contains(QStringLiteral("added account dns-confirmed")),
                 qPrintable(output));
        const auto a = AccountStore(m_db->db()).find(request.name);
        QVERIFY(a);
        QCOMPARE(a->incoming.protocol, ServerUrl::Protocol::Imap);
        QCOMPARE(a->incoming.tls, TlsMode::Implicit);
        QCOMPARE(a->incoming.host, QStringLiteral("localhost"));
        QCOMPARE(a->incoming.port, m_fixture.port("imaps"));
        QVERIFY(a->smtp);
        QCOMPARE(a->smtp->port, m_fixture.port("submissions"));
        QVERIFY(m_secrets.readNow(a->secretKey(ServerUrl::Protocol::Imap)).secret == m_password);
        QVERIFY(m_secrets.readNow(a->secretKey(ServerUrl::Protocol::Smtp)).secret == m_password);
    }

    void reportsNothingFound_data()
    {
        QTest::addColumn<QString>("email");
        QTest::newRow("not an address") << QStringLiteral("not-an-address");
        QTest::newRow("empty domain") << QStringLiteral("u5@nothing.test");
    }

    void reportsNothingFound()
    {
        QFETCH(QString, email);
        AutoAddRequest request;
        request.name = QStringLiteral("nothing");
        request.email = email;
        request.confirmed = true;
        QString output;
        QCOMPARE(run(request, &output), 1);
        QVERIFY(!AccountStore(m_db->db()).find(request.name));
    }
};

QTEST_GUILESS_MAIN(TestAutoAdd)
#include "tst_autoadd.moc"

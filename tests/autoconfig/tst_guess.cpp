#include "autoconfig/discovery.h"
#include "autoconfig/dnsresolver.h"
#include "autoconfig/guesser.h"
#include "autoconfig/networkhttpfetcher.h"
#include "dnsmasqserver.h"
#include "httptestserver.h"
#include "mailfixture.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Tern;
using namespace Tern::Autoconfig;
using TernTest::MailFixture;

/// Step 4 against the real Dovecot and Postfix: guessed names resolve (dnsmasq) to 127.0.0.1,
/// and the standard ports are mapped onto the fixture's ports.
class TestGuess : public QObject
{
    Q_OBJECT

    MailFixture m_fixture;
    DnsmasqServer m_dns;
    HttpTestServer m_http; // answers 404 to every XML request
    QNetworkAccessManager m_manager;
    std::unique_ptr<NetworkHttpFetcher> m_fetcher;
    std::unique_ptr<DnsResolver> m_resolver;
    quint16 m_closedPort = 0;

    Discovery::Settings settings(bool implicitTlsReachable = true)
    {
        Discovery::Settings s;
        s.resolver = m_resolver.get();
        s.fetcher = m_fetcher.get();
        s.timeoutMs = 20000;
        s.probe.tls.extraCaCertificates = m_fixture.caCertificates();
        s.probe.connectHost = [](const QString &) { return QStringLiteral("localhost"); };
        s.probe.timeoutMs = 8000;
        auto port = [this, implicitTlsReachable](const char *name, bool implicit) {
            return implicit && !implicitTlsReachable ? m_closedPort : m_fixture.port(name);
        };
        s.probe.portMap = {{993, port("imaps", true)}, {143, port("imap", false)},
                           {995, port("pop3s", true)}, {110, port("pop3", false)},
                           {465, port("submissions", true)},
                           {587, port("submission", false)}};
        return s;
    }

    AutoconfigResult run(const QString &email, const Discovery::Settings &s)
    {
        Discovery discovery(s);
        QSignalSpy finished(&discovery, &Discovery::finished);
        discovery.start(email);
        if (!finished.wait(s.timeoutMs + 10000))
            qWarning("discovery did not finish");
        const AutoconfigResult result = discovery.result();
        qInfo().noquote() << result.describe();
        return result;
    }

    static QStringList servers(const QList<ServerConfig> &list)
    {
        QStringList out;
        for (const ServerConfig &s : list)
            out << QStringLiteral("%1 %2:%3 %4").arg(protocolName(s.protocol), s.host)
                       .arg(s.port)
                       .arg(tlsName(s.tls));
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture = MailFixture::shared();
        QVERIFY2(m_fixture.isValid(), qPrintable(m_fixture.error()));
        {
            QTcpServer s;
            s.listen(QHostAddress::LocalHost, 0);
            m_closedPort = s.serverPort();
        }
        QVERIFY2(m_dns.start({
                     QStringLiteral("--address=/imap.guess.test/127.0.0.1"),
                     QStringLiteral("--address=/pop3.guess.test/127.0.0.1"),
                     QStringLiteral("--address=/smtp.guess.test/127.0.0.1"),
                     QStringLiteral("--address=/mail.mailonly.test/127.0.0.1"),
                     QStringLiteral("--address=/starttls.test/127.0.0.1"),
                     QStringLiteral("--address=/imap.imaponly.test/127.0.0.1"),
                     QStringLiteral("--host-record=bare.test,127.0.0.1"),
                 }),
                 qPrintable(m_dns.error()));
        m_resolver = std::make_unique<DnsResolver>(m_dns.address(), m_dns.port());
        m_manager.setProxy(QNetworkProxy::NoProxy);
        m_fetcher = std::make_unique<NetworkHttpFetcher>(&m_manager);
        m_fetcher->setUrlRewriter([this](const QUrl &url) { return m_http.rewrite(url); });
    }

    void guess_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("implicitTls");
        QTest::addColumn<QStringList>("incoming");
        QTest::addColumn<QStringList>("outgoing");

        QTest::newRow("imap., pop3., smtp.: implicit TLS preferred")
            << QStringLiteral("u9@guess.test") << true
            << QStringList{QStringLiteral("IMAP imap.guess.test:993 SSL/TLS"),
                           QStringLiteral("POP3 pop3.guess.test:995 SSL/TLS")}
            << QStringList{QStringLiteral("SMTP smtp.guess.test:465 SSL/TLS")};
        QTest::newRow("mail. serves everything")
            << QStringLiteral("u9@mailonly.test") << true
            << QStringList{QStringLiteral("IMAP mail.mailonly.test:993 SSL/TLS"),
                           QStringLiteral("POP3 mail.mailonly.test:995 SSL/TLS")}
            << QStringList{QStringLiteral("SMTP mail.mailonly.test:465 SSL/TLS")};
        QTest::newRow("every name exists, only STARTTLS answers: the protocol's own names")
            << QStringLiteral("u9@starttls.test") << false
            << QStringList{QStringLiteral("IMAP imap.starttls.test:143 STARTTLS"),
                           QStringLiteral("POP3 pop.starttls.test:110 STARTTLS")}
            << QStringList{QStringLiteral("SMTP smtp.starttls.test:587 STARTTLS")};
        QTest::newRow("only the bare domain exists")
            << QStringLiteral("u9@bare.test") << true
            << QStringList{QStringLiteral("IMAP bare.test:993 SSL/TLS"),
                           QStringLiteral("POP3 bare.test:995 SSL/TLS")}
            << QStringList{QStringLiteral("SMTP bare.test:465 SSL/TLS")};
        QTest::newRow("imap. only: no outgoing server")
            << QStringLiteral("u9@imaponly.test") << true
            << QStringList{QStringLiteral("IMAP imap.imaponly.test:993 SSL/TLS")}
            << QStringList();
    }

    void guess()
    {
        QFETCH(QString, email);
        QFETCH(bool, implicitTls);
        QFETCH(QStringList, incoming);
        QFETCH(QStringList, outgoing);

        const AutoconfigResult r = run(email, settings(implicitTls));
        QVERIFY2(r.found, qPrintable(r.describe()));
        QCOMPARE(r.source(), Source::Guess);
        QCOMPARE(servers(r.best.incoming), incoming);
        QCOMPARE(servers(r.best.outgoing), outgoing);
        QCOMPARE(r.best.incoming.first().username, email);
        QVERIFY(!r.insecureSource);
        QVERIFY(r.describe().contains(QStringLiteral("guessed host names, probed")));
    }

    void candidates()
    {
        QCOMPARE(Guesser::candidateHosts(QStringLiteral("example.org")),
                 (QStringList{QStringLiteral("imap.example.org"),
                              QStringLiteral("pop.example.org"),
                              QStringLiteral("pop3.example.org"),
                              QStringLiteral("mail.example.org"),
                              QStringLiteral("smtp.example.org"),
                              QStringLiteral("example.org")}));
    }

    void untrustedCertificateIsNotChosen()
    {
        Discovery::Settings s = settings();
        s.probe.tls.extraCaCertificates.clear();
        const AutoconfigResult r = run(QStringLiteral("u9@imaponly.test"), s);
        QVERIFY(!r.found);
        const Finding guess = r.attempts.at(int(Source::Guess));
        QVERIFY2(guess.notes.join(QLatin1Char('\n')).contains(QStringLiteral("not trusted")),
                 qPrintable(guess.notes.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestGuess)
#include "tst_guess.moc"

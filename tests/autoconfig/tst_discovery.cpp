#include "autoconfig/discovery.h"
#include "autoconfig/dnsresolver.h"
#include "autoconfig/networkhttpfetcher.h"
#include "dnsmasqserver.h"
#include "httptestserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Tern;
using namespace Tern::Autoconfig;

namespace {

QByteArray dataFile(const QString &name)
{
    QFile f(QStringLiteral(TERN_TEST_DATA_DIR "/autoconfig/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test file %s", qPrintable(name));
    return f.readAll();
}

QString ispPath(const QString &scheme, const QString &domain)
{
    return QStringLiteral("/%1/autoconfig.%2/mail/config-v1.1.xml").arg(scheme, domain);
}

QString wellKnownPath(const QString &scheme, const QString &domain)
{
    return QStringLiteral("/%1/%2/.well-known/autoconfig/mail/config-v1.1.xml")
        .arg(scheme, domain);
}

QString srv(const char *service, const char *domain, const char *target, int port,
            int priority = 0, int weight = 1)
{
    return QStringLiteral("--srv-host=%1._tcp.%2,%3,%4,%5,%6")
        .arg(QLatin1StringView(service), QLatin1StringView(domain), QLatin1StringView(target))
        .arg(port)
        .arg(priority)
        .arg(weight);
}

} // namespace

class TestDiscovery : public QObject
{
    Q_OBJECT

    DnsmasqServer m_dns;
    HttpTestServer m_http;
    QNetworkAccessManager m_manager;
    std::unique_ptr<NetworkHttpFetcher> m_fetcher;
    std::unique_ptr<DnsResolver> m_resolver;

    Discovery::Settings settings(int timeoutMs = 15000)
    {
        Discovery::Settings s;
        s.resolver = m_resolver.get();
        s.fetcher = m_fetcher.get();
        s.timeoutMs = timeoutMs;
        s.probe.timeoutMs = 3000;
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

    static Finding attempt(const AutoconfigResult &r, Source source)
    {
        for (const Finding &f : r.attempts)
            if (f.source == source)
                return f;
        return Finding();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_http.serve(ispPath(QStringLiteral("https"), QStringLiteral("xml.test")),
                     dataFile(QStringLiteral("isp-xml.test.xml")));
        m_http.serve(wellKnownPath(QStringLiteral("https"), QStringLiteral("wellknown.test")),
                     dataFile(QStringLiteral("wellknown-wellknown.test.xml")));
        m_http.serve(ispPath(QStringLiteral("https"), QStringLiteral("provider.test")),
                     dataFile(QStringLiteral("isp-provider.test.xml")));
        m_http.serve(ispPath(QStringLiteral("http"), QStringLiteral("http.test")),
                     dataFile(QStringLiteral("http-http.test.xml")));
        m_http.serve(ispPath(QStringLiteral("http"), QStringLiteral("httpsrv.test")),
                     dataFile(QStringLiteral("http-http.test.xml")));
        m_http.serve(ispPath(QStringLiteral("https"), QStringLiteral("malformed.test")),
                     dataFile(QStringLiteral("malformed.xml")));
        m_http.hang(ispPath(QStringLiteral("https"), QStringLiteral("slow.test")));
        m_http.hang(ispPath(QStringLiteral("https"), QStringLiteral("slow2.test")));
        m_http.serve(wellKnownPath(QStringLiteral("http"), QStringLiteral("slow2.test")),
                     dataFile(QStringLiteral("isp-slow2.test.xml")));
        QVERIFY(m_http.isListening());

        const QStringList records{
            // xml.test: the XML must win over these.
            srv("_imaps", "xml.test", "srvimap.xml.test", 993),
            srv("_submissions", "xml.test", "srvsmtp.xml.test", 465),
            // srv.test: priority order, "." = not offered, implicit TLS first.
            srv("_imaps", "srv.test", "imap-b.srv.test", 993, 20, 1),
            srv("_imaps", "srv.test", "imap-a.srv.test", 993, 10, 1),
            QStringLiteral("--srv-host=_imap._tcp.srv.test"),
            srv("_pop3s", "srv.test", "pop.srv.test", 995),
            srv("_submission", "srv.test", "smtp.srv.test", 587),
            srv("_submissions", "srv.test", "smtps.srv.test", 465),
            // mx.test → provider.test, which has an ISP XML.
            QStringLiteral("--mx-host=mx.test,mx1.mail.provider.test,10"),
            QStringLiteral("--mx-host=mx.test,mx2.backup.other.test,20"),
            // mxsrv.test → srvprov.test, which has SRV records.
            QStringLiteral("--mx-host=mxsrv.test,mx.srvprov.test,5"),
            srv("_imaps", "srvprov.test", "imap.srvprov.test", 993),
            srv("_submissions", "srvprov.test", "smtp.srvprov.test", 465),
            // SRV outranks the XML over plain HTTP.
            srv("_imap", "httpsrv.test", "imap.httpsrv.test", 143),
            srv("_submission", "httpsrv.test", "smtp.httpsrv.test", 587),
            // malformed.test: broken XML, good SRV (no submission).
            srv("_imaps", "malformed.test", "imap.malformed.test", 993),
            // slow.test: the XML never answers; SRV does.
            srv("_imaps", "slow.test", "imap.slow.test", 993),
            srv("_submissions", "slow.test", "smtp.slow.test", 465),
            // The MX host lives in the domain itself.
            QStringLiteral("--mx-host=mxself.test,mx.mxself.test,10"),
        };
        QVERIFY2(m_dns.start(records), qPrintable(m_dns.error()));
        m_resolver = std::make_unique<DnsResolver>(m_dns.address(), m_dns.port());
        m_manager.setProxy(QNetworkProxy::NoProxy);
        m_fetcher = std::make_unique<NetworkHttpFetcher>(&m_manager);
        m_fetcher->setUrlRewriter([this](const QUrl &url) { return m_http.rewrite(url); });
    }

    void resolverAnswers()
    {
        QObject context;
        QList<SrvRecord> srvRecords;
        bool srvDone = false;
        m_resolver->lookupSrv(QStringLiteral("_imaps._tcp.srv.test"), &context,
                              [&](const QList<SrvRecord> &r, const QString &error) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            srvRecords = r;
            srvDone = true;
        });
        QTRY_VERIFY(srvDone);
        sortSrvRecords(srvRecords);
        QCOMPARE(srvRecords, (QList<SrvRecord>{{QStringLiteral("imap-a.srv.test"), 993, 10, 1},
                                                {QStringLiteral("imap-b.srv.test"), 993, 20, 1}}));
        QList<MxRecord> mx;
        bool mxDone = false;
        m_resolver->lookupMx(QStringLiteral("mx.test"), &context,
                             [&](const QList<MxRecord> &r, const QString &) {
            mx = r;
            mxDone = true;
        });
        QTRY_VERIFY(mxDone);
        QCOMPARE(mx.size(), 2);
        bool hostDone = false;
        QString hostError = QStringLiteral("unset");
        QList<QHostAddress> addresses{QHostAddress(QHostAddress::LocalHost)};
        m_resolver->lookupHost(QStringLiteral("imap.none.test"), &context,
                               [&](const QList<QHostAddress> &a, const QString &error) {
            addresses = a;
            hostError = error;
            hostDone = true;
        });
        QTRY_VERIFY(hostDone);
        QVERIFY(addresses.isEmpty());
        QCOMPARE(hostError, QString()); // NXDOMAIN is an answer, not an error
    }

    void discover_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("found");
        QTest::addColumn<int>("source");
        QTest::addColumn<QStringList>("incomingHosts");
        QTest::addColumn<QStringList>("outgoingHosts");
        QTest::addColumn<bool>("insecureSource");
        QTest::addColumn<bool>("fromDns");
        QTest::addColumn<QStringList>("outcomes"); // "rank:outcome" that must be present

        auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };
        row("ISP XML over HTTPS beats SRV")
            << QStringLiteral("alice@xml.test") << true << int(Source::IspXml)
            << QStringList{QStringLiteral("imap.isp.xml.test")}
            << QStringList{QStringLiteral("smtp.isp.xml.test")} << false << false
            << QStringList{QStringLiteral("0:found")};
        row("well-known XML after a 404")
            << QStringLiteral("bob@wellknown.test") << true << int(Source::WellKnownXml)
            << QStringList{QStringLiteral("imap.wk.wellknown.test")}
            << QStringList{QStringLiteral("smtp.wk.wellknown.test")} << false << false
            << QStringList{QStringLiteral("0:not found")};
        row("SRV: priority order, implicit TLS first, IMAP before POP3")
            << QStringLiteral("carol@srv.test") << true << int(Source::Srv)
            << QStringList{QStringLiteral("imap-a.srv.test"), QStringLiteral("imap-b.srv.test"),
                           QStringLiteral("pop.srv.test")}
            << QStringList{QStringLiteral("smtps.srv.test"), QStringLiteral("smtp.srv.test")}
            << false << true
            << QStringList{QStringLiteral("0:not found"), QStringLiteral("1:not found")};
        row("MX host's domain has an ISP XML")
            << QStringLiteral("dave@mx.test") << true << int(Source::MxIspXml)
            << QStringList{QStringLiteral("imap.provider.test")}
            << QStringList{QStringLiteral("smtp.provider.test")} << false << true
            << QStringList{QStringLiteral("2:not found")};
        row("MX host's domain has SRV records")
            << QStringLiteral("erin@mxsrv.test") << true << int(Source::MxSrv)
            << QStringList{QStringLiteral("imap.srvprov.test")}
            << QStringList{QStringLiteral("smtp.srvprov.test")} << false << true
            << QStringList{QStringLiteral("3:not found"), QStringLiteral("4:not found")};
        row("XML over plain HTTP only: last resort, flagged")
            << QStringLiteral("frank@http.test") << true << int(Source::IspXmlHttp)
            << QStringList{QStringLiteral("imap.http.test")}
            << QStringList{QStringLiteral("smtp.http.test")} << true << false
            << QStringList{QStringLiteral("0:not found"), QStringLiteral("6:not found")};
        row("SRV outranks plain HTTP")
            << QStringLiteral("gina@httpsrv.test") << true << int(Source::Srv)
            << QStringList{QStringLiteral("imap.httpsrv.test")}
            << QStringList{QStringLiteral("smtp.httpsrv.test")} << false << true
            << QStringList{QStringLiteral("0:not found")};
        row("malformed XML falls through to SRV")
            << QStringLiteral("hank@malformed.test") << true << int(Source::Srv)
            << QStringList{QStringLiteral("imap.malformed.test")} << QStringList() << false
            << true << QStringList{QStringLiteral("0:failed")};
        row("MX in the domain itself adds nothing")
            << QStringLiteral("ivy@mxself.test") << false << int(Source::IspXml)
            << QStringList() << QStringList() << false << false
            << QStringList{QStringLiteral("3:not found")};
        row("nothing anywhere")
            << QStringLiteral("jack@none.test") << false << int(Source::IspXml)
            << QStringList() << QStringList() << false << false
            << QStringList{QStringLiteral("0:not found"), QStringLiteral("1:not found"),
                           QStringLiteral("2:not found"), QStringLiteral("3:not found"),
                           QStringLiteral("6:not found"), QStringLiteral("7:not found")};
    }

    void discover()
    {
        QFETCH(QString, email);
        QFETCH(bool, found);
        QFETCH(int, source);
        QFETCH(QStringList, incomingHosts);
        QFETCH(QStringList, outgoingHosts);
        QFETCH(bool, insecureSource);
        QFETCH(bool, fromDns);
        QFETCH(QStringList, outcomes);

        const AutoconfigResult r = run(email, settings());
        QCOMPARE(r.found, found);
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.attempts.size(), SourceCount);
        if (found) {
            QCOMPARE(int(r.source()), source);
            QStringList in, out;
            for (const ServerConfig &s : r.best.incoming)
                in << s.host;
            for (const ServerConfig &s : r.best.outgoing)
                out << s.host;
            QCOMPARE(in, incomingHosts);
            QCOMPARE(out, outgoingHosts);
            QVERIFY(r.describe().contains(QStringLiteral("Found through: ")
                                          + sourceName(r.source())));
        } else {
            QVERIFY(r.describe().contains(QStringLiteral("Nothing found")));
        }
        QCOMPARE(r.insecureSource, insecureSource);
        QCOMPARE(r.fromDns, fromDns);
        for (const QString &expected : outcomes) {
            const int rank = expected.section(QLatin1Char(':'), 0, 0).toInt();
            QCOMPARE(outcomeName(r.attempts.at(rank).outcome),
                     expected.section(QLatin1Char(':'), 1));
        }
    }

    void srvDetails()
    {
        const AutoconfigResult r = run(QStringLiteral("carol@srv.test"), settings());
        QVERIFY(r.found);
        const ServerConfig first = r.best.incoming.first();
        QCOMPARE(first.port, quint16(993));
        QCOMPARE(first.tls, TlsMode::Implicit);
        QCOMPARE(first.username, QStringLiteral("carol@srv.test")); // RFC 6186 §4
        QCOMPARE(r.best.outgoing.last().tls, TlsMode::StartTls);
        QVERIFY(r.best.notes.contains(QStringLiteral("_imap._tcp says the service is not "
                                                     "offered")));
        QVERIFY(r.describe().contains(QStringLiteral("unsigned DNS")));
    }

    void mxDomainIsReported()
    {
        const AutoconfigResult r = run(QStringLiteral("dave@mx.test"), settings());
        QCOMPARE(r.mxHost, QStringLiteral("mx1.mail.provider.test")); // lowest preference
        QCOMPARE(r.mxDomain, QStringLiteral("provider.test"));
        QVERIFY(r.describe().contains(QStringLiteral("MX host: mx1.mail.provider.test")));
    }

    void ispRequestCarriesTheAddress()
    {
        run(QStringLiteral("alice@xml.test"), settings());
        QVERIFY2(m_http.requests().contains(
                     QStringLiteral("/https/autoconfig.xml.test/mail/config-v1.1.xml"
                                    "?emailaddress=alice%40xml.test")),
                 qPrintable(m_http.requests().join(QLatin1Char('\n'))));
    }

    void slowServerHitsTheTimeout()
    {
        QElapsedTimer clock;
        clock.start();
        const AutoconfigResult r = run(QStringLiteral("kim@slow.test"), settings(1500));
        const qint64 elapsed = clock.elapsed();
        QVERIFY(r.found);
        QCOMPARE(r.source(), Source::Srv);
        QCOMPARE(attempt(r, Source::IspXml).outcome, Finding::Outcome::TimedOut);
        QVERIFY2(elapsed >= 1400 && elapsed < 6000, qPrintable(QString::number(elapsed)));
        QVERIFY(r.describe().contains(QStringLiteral("timed out")));
    }

    void timeoutTakesTheBestLowerRankedAnswer()
    {
        // The HTTPS XML hangs; only the plain-HTTP well-known XML answers.
        const AutoconfigResult r = run(QStringLiteral("lou@slow2.test"), settings(1500));
        QVERIFY(r.found);
        QCOMPARE(r.source(), Source::WellKnownXmlHttp);
        QVERIFY(r.insecureSource);
        QCOMPARE(r.best.incoming.first().host, QStringLiteral("imap.isp.slow2.test"));
        QVERIFY(r.describe().contains(QStringLiteral("plain HTTP")));
    }

    void httpCanBeSwitchedOff()
    {
        Discovery::Settings s = settings();
        s.allowHttp = false;
        const AutoconfigResult r = run(QStringLiteral("frank@http.test"), s);
        QVERIFY(!r.found);
        QCOMPARE(attempt(r, Source::IspXmlHttp).outcome, Finding::Outcome::Skipped);
    }

    void invalidAddress_data()
    {
        QTest::addColumn<QString>("email");
        QTest::newRow("no at") << QStringLiteral("alice.example.org");
        QTest::newRow("no domain") << QStringLiteral("alice@");
        QTest::newRow("no local part") << QStringLiteral("@example.org");
        QTest::newRow("single label") << QStringLiteral("alice@localhost");
    }

    void invalidAddress()
    {
        QFETCH(QString, email);
        const AutoconfigResult r = run(email, settings());
        QVERIFY(!r.found);
        QVERIFY(r.error.contains(QStringLiteral("not an e-mail address")));
        QVERIFY(r.describe().contains(QStringLiteral("Error:")));
    }

    void secondStartReplacesTheFirst()
    {
        Discovery discovery(settings(20000));
        QSignalSpy finished(&discovery, &Discovery::finished);
        discovery.start(QStringLiteral("kim@slow.test")); // would wait for the hanging XML
        discovery.start(QStringLiteral("carol@srv.test"));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(discovery.result().email, QStringLiteral("carol@srv.test"));
        QCOMPARE(discovery.result().source(), Source::Srv);
        QVERIFY(!finished.wait(500)); // nothing left of the first run
    }

    void blockingHelper()
    {
        const AutoconfigResult r = Tern::Autoconfig::discover(QStringLiteral("bob@wellknown.test"),
                                                              settings());
        QVERIFY(r.found);
        QCOMPARE(r.source(), Source::WellKnownXml);
    }

    void mxProviderDomain_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("domain");
        QTest::newRow("deep") << QStringLiteral("mx1.mail.example.net")
                              << QStringLiteral("example.net");
        QTest::newRow("two labels") << QStringLiteral("example.net")
                                    << QStringLiteral("example.net");
        QTest::newRow("trailing dot, case") << QStringLiteral("MX.Example.NET.")
                                            << QStringLiteral("example.net");
        QTest::newRow("single label") << QStringLiteral("localhost") << QString();
        // The documented simplification: no public-suffix list.
        QTest::newRow("public suffix") << QStringLiteral("mx.example.co.uk")
                                       << QStringLiteral("co.uk");
    }

    void mxProviderDomain()
    {
        QFETCH(QString, host);
        QFETCH(QString, domain);
        QCOMPARE(Discovery::mxProviderDomain(host), domain);
    }

    void xmlUrls()
    {
        const QString email = QStringLiteral("a+b@example.org");
        QCOMPARE(Discovery::xmlUrl(Source::IspXml, QStringLiteral("example.org"), email)
                     .toString(QUrl::FullyEncoded),
                 QStringLiteral("https://autoconfig.example.org/mail/config-v1.1.xml"
                                "?emailaddress=a%2Bb%40example.org"));
        QCOMPARE(Discovery::xmlUrl(Source::WellKnownXmlHttp, QStringLiteral("example.org"),
                                   email).toString(),
                 QStringLiteral("http://example.org/.well-known/autoconfig/mail/"
                                "config-v1.1.xml"));
    }
};

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"

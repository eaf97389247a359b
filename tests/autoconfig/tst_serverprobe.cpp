#include "autoconfig/guesser.h"
#include "autoconfig/resolver.h"
#include "autoconfig/serverprobe.h"
#include "scriptedserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace Tern;
using namespace Tern::Autoconfig;
using TernTest::ScriptedServer;

namespace {

/// Answers host lookups from a table; no SRV or MX records.
class TableResolver : public Resolver
{
public:
    explicit TableResolver(QStringList hosts) : m_hosts(std::move(hosts)) {}
    void lookupSrv(const QString &, QObject *, SrvCallback done) override { done({}, {}); }
    void lookupMx(const QString &, QObject *, MxCallback done) override { done({}, {}); }
    void lookupHost(const QString &name, QObject *, HostCallback done) override
    {
        QList<QHostAddress> addresses;
        if (m_hosts.contains(name))
            addresses << QHostAddress(QHostAddress::LocalHost);
        done(addresses, QString());
    }

private:
    QStringList m_hosts;
};

quint16 closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

} // namespace

Q_DECLARE_METATYPE(Tern::Autoconfig::Protocol)
Q_DECLARE_METATYPE(Tern::TlsMode)
Q_DECLARE_METATYPE(Tern::Autoconfig::ServerProbe::Outcome)

class TestServerProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void probe_data()
    {
        using O = ServerProbe::Outcome;
        QTest::addColumn<Protocol>("protocol");
        QTest::addColumn<TlsMode>("mode");
        QTest::addColumn<QString>("script");
        QTest::addColumn<O>("outcome");
        QTest::addColumn<QString>("capability"); // one that must be listed; may be empty

        QTest::newRow("IMAP implicit TLS")
            << Protocol::Imap << TlsMode::Implicit
            << QStringLiteral("S: * OK ready\nC: A1 CAPABILITY\n"
                              "S: * CAPABILITY IMAP4rev1 AUTH=PLAIN\nS: A1 OK done\n"
                              "C: A2 LOGOUT")
            << O::Secure << QStringLiteral("AUTH=PLAIN");
        QTest::newRow("IMAP STARTTLS, capabilities asked again after TLS")
            << Protocol::Imap << TlsMode::StartTls
            << QStringLiteral("S: * OK ready\nC: A1 CAPABILITY\n"
                              "S: * CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\n"
                              "S: A1 OK done\nC: A2 STARTTLS\nS: A2 OK begin\nTLS\n"
                              "C: A3 CAPABILITY\nS: * CAPABILITY IMAP4rev1 AUTH=PLAIN\n"
                              "S: A3 OK done\nC: A4 LOGOUT")
            << O::Secure << QStringLiteral("AUTH=PLAIN");
        QTest::newRow("IMAP without STARTTLS: found but insecure")
            << Protocol::Imap << TlsMode::StartTls
            << QStringLiteral("S: * OK ready\nC: A1 CAPABILITY\n"
                              "S: * CAPABILITY IMAP4rev1 AUTH=PLAIN\nS: A1 OK done\n"
                              "C: A2 LOGOUT")
            << O::Insecure << QString();
        QTest::newRow("IMAP STARTTLS refused")
            << Protocol::Imap << TlsMode::StartTls
            << QStringLiteral("S: * OK ready\nC: A1 CAPABILITY\n"
                              "S: * CAPABILITY IMAP4rev1 STARTTLS\nS: A1 OK done\n"
                              "C: A2 STARTTLS\nS: A2 NO not today\nC: A3 LOGOUT")
            << O::Insecure << QString();
        QTest::newRow("IMAP PREAUTH on a STARTTLS port")
            << Protocol::Imap << TlsMode::StartTls
            << QStringLiteral("S: * PREAUTH welcome\nC: A1 LOGOUT")
            << O::Insecure << QString();
        QTest::newRow("IMAP BYE greeting")
            << Protocol::Imap << TlsMode::Implicit << QStringLiteral("S: * BYE go away")
            << O::Failed << QString();
        QTest::newRow("not IMAP: an SMTP greeting")
            << Protocol::Imap << TlsMode::Implicit << QStringLiteral("S: 220 mail ESMTP")
            << O::Failed << QString();
        QTest::newRow("POP3 implicit TLS")
            << Protocol::Pop3 << TlsMode::Implicit
            << QStringLiteral("S: +OK ready\nC: CAPA\nS: +OK list\nS: USER\nS: SASL PLAIN\n"
                              "S: .\nC: QUIT")
            << O::Secure << QStringLiteral("SASL PLAIN");
        QTest::newRow("POP3 STLS")
            << Protocol::Pop3 << TlsMode::StartTls
            << QStringLiteral("S: +OK ready\nC: CAPA\nS: +OK list\nS: STLS\nS: .\nC: STLS\n"
                              "S: +OK go\nTLS\nC: CAPA\nS: +OK list\nS: USER\nS: .\nC: QUIT")
            << O::Secure << QStringLiteral("USER");
        QTest::newRow("POP3 without STLS")
            << Protocol::Pop3 << TlsMode::StartTls
            << QStringLiteral("S: +OK ready\nC: CAPA\nS: +OK list\nS: USER\nS: .\nC: QUIT")
            << O::Insecure << QString();
        QTest::newRow("POP3 without CAPA")
            << Protocol::Pop3 << TlsMode::StartTls
            << QStringLiteral("S: +OK ready\nC: CAPA\nS: -ERR what\nC: QUIT")
            << O::Insecure << QString();
        QTest::newRow("SMTP implicit TLS, multi-line greeting")
            << Protocol::Smtp << TlsMode::Implicit
            << QStringLiteral("S: 220-mail.example ESMTP\nS: 220 welcome\n"
                              "C: EHLO [127.0.0.1]\nS: 250-mail.example\n"
                              "S: 250-AUTH PLAIN LOGIN\nS: 250 8BITMIME\nC: QUIT")
            << O::Secure << QStringLiteral("AUTH PLAIN LOGIN");
        QTest::newRow("SMTP STARTTLS")
            << Protocol::Smtp << TlsMode::StartTls
            << QStringLiteral("S: 220 mail ESMTP\nC: EHLO [127.0.0.1]\nS: 250-mail\n"
                              "S: 250 STARTTLS\nC: STARTTLS\nS: 220 go\nTLS\n"
                              "C: EHLO [127.0.0.1]\nS: 250-mail\nS: 250 AUTH PLAIN\nC: QUIT")
            << O::Secure << QStringLiteral("AUTH PLAIN");
        QTest::newRow("SMTP without STARTTLS")
            << Protocol::Smtp << TlsMode::StartTls
            << QStringLiteral("S: 220 mail ESMTP\nC: EHLO [127.0.0.1]\nS: 250-mail\n"
                              "S: 250 AUTH PLAIN\nC: QUIT")
            << O::Insecure << QString();
        QTest::newRow("SMTP 554 greeting")
            << Protocol::Smtp << TlsMode::StartTls << QStringLiteral("S: 554 no service")
            << O::Failed << QString();
        QTest::newRow("server closes at once")
            << Protocol::Smtp << TlsMode::StartTls << QStringLiteral("X")
            << O::Failed << QString();
        QTest::newRow("silent server hits the probe time-out")
            << Protocol::Imap << TlsMode::StartTls << QStringLiteral("W: 10000")
            << O::Failed << QString();
    }

    void probe()
    {
        QFETCH(Protocol, protocol);
        QFETCH(TlsMode, mode);
        QFETCH(QString, script);
        QFETCH(ServerProbe::Outcome, outcome);
        QFETCH(QString, capability);

        ScriptedServer server(script);
        server.setImplicitTls(mode == TlsMode::Implicit);
        ProbeSettings settings;
        settings.tls.extraCaCertificates = ScriptedServer::caCertificates();
        const quint16 port = standardPort(protocol, mode);
        settings.portMap.insert(port, server.port());
        settings.connectHost = [](const QString &) { return QStringLiteral("localhost"); };
        settings.timeoutMs = 1500;

        ServerProbe probe(protocol, QStringLiteral("imap.example.org"), port, mode, settings);
        QSignalSpy finished(&probe, &ServerProbe::finished);
        probe.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.size(), 1);
        QVERIFY2(probe.outcome() == outcome, qPrintable(probe.detail()));
        QCOMPARE(probe.port(), port); // the standard port is reported, not the mapped one
        if (!capability.isEmpty())
            QVERIFY2(probe.capabilities().contains(capability),
                     qPrintable(probe.capabilities().join(QLatin1Char(' '))));
        if (outcome != ServerProbe::Outcome::Failed)
            QTRY_VERIFY2(server.isFinished(), qPrintable(server.error()));
        QVERIFY2(server.error().isEmpty(), qPrintable(server.error()));
    }

    void untrustedCertificate()
    {
        ScriptedServer server(QStringLiteral("S: * OK ready"));
        server.setImplicitTls(true);
        ProbeSettings settings; // system roots only
        settings.portMap.insert(993, server.port());
        settings.connectHost = [](const QString &) { return QStringLiteral("localhost"); };
        ServerProbe probe(Protocol::Imap, QStringLiteral("imap.example.org"), 993,
                          TlsMode::Implicit, settings);
        QSignalSpy finished(&probe, &ServerProbe::finished);
        probe.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(probe.outcome(), ServerProbe::Outcome::CertificateProblem);
        QVERIFY2(probe.detail().contains(QStringLiteral("not trusted")),
                 qPrintable(probe.detail()));
    }

    // A server that never offers TLS is reported as found but insecure, and never chosen.
    void guesserNeverChoosesPlain()
    {
        ScriptedServer server(QStringLiteral("S: * OK ready\nC: A1 CAPABILITY\n"
                                             "S: * CAPABILITY IMAP4rev1 AUTH=PLAIN\n"
                                             "S: A1 OK done\nC: A2 LOGOUT"));
        TableResolver resolver({QStringLiteral("imap.insecure.test")});
        ProbeSettings settings;
        settings.tls.extraCaCertificates = ScriptedServer::caCertificates();
        settings.portMap = {{993, closedPort()}, {143, server.port()}};
        settings.connectHost = [](const QString &) { return QStringLiteral("localhost"); };
        Guesser guesser(&resolver, settings);
        QSignalSpy finished(&guesser, &Guesser::finished);
        guesser.start(QStringLiteral("u@insecure.test"));
        QVERIFY(finished.wait(5000));
        const Finding f = guesser.result();
        QCOMPARE(f.outcome, Finding::Outcome::Unusable);
        QVERIFY(f.incoming.isEmpty());
        QVERIFY2(f.notes.join(QLatin1Char('\n')).contains(
                     QStringLiteral("imap.insecure.test:143 (IMAP) found but insecure")),
                 qPrintable(f.notes.join(QLatin1Char('\n'))));
        QTRY_VERIFY2(server.isFinished(), qPrintable(server.error()));
    }

    void nothingListening()
    {
        ProbeSettings settings;
        settings.portMap.insert(995, closedPort());
        settings.connectHost = [](const QString &) { return QStringLiteral("127.0.0.1"); };
        ServerProbe probe(Protocol::Pop3, QStringLiteral("pop.example.org"), 995,
                          TlsMode::Implicit, settings);
        QSignalSpy finished(&probe, &ServerProbe::finished);
        probe.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(probe.outcome(), ServerProbe::Outcome::Failed);
    }
};

QTEST_GUILESS_MAIN(TestServerProbe)
#include "tst_serverprobe.moc"

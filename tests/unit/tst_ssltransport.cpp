#include "common/ssltransport.h"
#include "scriptedserver.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTest>

using namespace Tern;
using TernTest::ScriptedServer;

class TestSslTransport : public QObject
{
    Q_OBJECT

    QByteArray readUntil(Transport &t, const QByteArray &marker)
    {
        QByteArray all;
        QSignalSpy ready(&t, &Transport::readyRead);
        while (!all.contains(marker)) {
            all += t.readAll();
            if (all.contains(marker) || !ready.wait(5000))
                break;
        }
        return all + t.readAll();
    }

private Q_SLOTS:
    void implicitTlsWithTrustedCa()
    {
        ScriptedServer server(QStringLiteral("S: * OK hello\nC: a\nS: bye"));
        server.setImplicitTls(true);
        TlsPolicy policy;
        policy.extraCaCertificates = ScriptedServer::caCertificates();
        SslTransport t(policy);
        QSignalSpy connected(&t, &Transport::connected);
        t.connectToHost(QStringLiteral("localhost"), server.port(), true);
        QVERIFY(connected.wait(5000));
        QVERIFY(t.isEncrypted());
        QVERIFY(readUntil(t, "hello").contains("* OK hello"));
        t.write("a\r\n");
        QVERIFY(readUntil(t, "bye").contains("bye"));
        QVERIFY2(server.error().isEmpty(), qPrintable(server.error()));
        const TlsInfo info = t.tlsInfo();
        QVERIFY(info.protocol.startsWith(QStringLiteral("TLS 1.")));
        QVERIFY(!info.peerChain.isEmpty());
    }

    void untrustedCertificateFailsWithReason()
    {
        ScriptedServer server(QStringLiteral("S: * OK hello"));
        server.setImplicitTls(true);
        SslTransport t(TlsPolicy{}); // system roots only: the test CA is unknown
        QSignalSpy failed(&t, &Transport::failed);
        QSignalSpy connected(&t, &Transport::connected);
        t.connectToHost(QStringLiteral("localhost"), server.port(), true);
        QVERIFY(failed.wait(5000));
        QCOMPARE(connected.size(), 0);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("not trusted")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!t.lastPeerChain().isEmpty());
    }

    void pinnedCertificateIsAccepted()
    {
        ScriptedServer server(QStringLiteral("S: * OK pinned"));
        server.setImplicitTls(true);
        const auto leaf = QSslCertificate::fromPath(QStringLiteral(TERN_TEST_DATA_DIR "/tls/server.pem"));
        TlsPolicy policy;
        policy.pinnedSha256 << leaf.first().digest(QCryptographicHash::Sha256);
        SslTransport t(policy);
        QSignalSpy connected(&t, &Transport::connected);
        t.connectToHost(QStringLiteral("localhost"), server.port(), true);
        QVERIFY(connected.wait(5000));
        QVERIFY(readUntil(t, "pinned").contains("pinned"));
    }

    void wrongHostNameIsRejected()
    {
        // The certificate names localhost and 127.0.0.1, not this alias.
        ScriptedServer server(QStringLiteral("S: * OK hello"));
        server.setImplicitTls(true);
        TlsPolicy policy;
        policy.extraCaCertificates = ScriptedServer::caCertificates();
        SslTransport t(policy);
        QSignalSpy failed(&t, &Transport::failed);
        t.connectToHost(QStringLiteral("127.0.0.2"), server.port(), true);
        QVERIFY(failed.wait(5000) || failed.size() == 1);
    }

    void startTlsDropsInjectedPlaintext()
    {
        // After the STARTTLS go-ahead a man in the middle appends a plaintext line; it arrives
        // before the handshake and must never reach the caller.
        ScriptedServer server(QStringLiteral(
            "S: * OK plain\nC: STARTTLS\nS: OK go\nW: 100\nS: * INJECTED\nTLS\nS: * OK secure"));
        TlsPolicy policy;
        policy.extraCaCertificates = ScriptedServer::caCertificates();
        SslTransport t(policy);
        QSignalSpy connected(&t, &Transport::connected);
        t.connectToHost(QStringLiteral("localhost"), server.port(), false);
        QVERIFY(connected.wait(5000));
        QVERIFY(readUntil(t, "plain").contains("plain"));
        t.write("STARTTLS\r\n");
        const QByteArray goAhead = readUntil(t, "OK go");
        QCOMPARE(goAhead, QByteArray("OK go\r\n"));
        QTest::qWait(400); // the injected line is now buffered, unread
        QSignalSpy encrypted(&t, &Transport::encrypted);
        t.startTls();
        QVERIFY(encrypted.wait(5000));
        const QByteArray after = readUntil(t, "secure");
        QVERIFY(after.contains("* OK secure"));
        QVERIFY(!after.contains("INJECTED"));
    }

    void refusedConnectionFails()
    {
        quint16 closedPort;
        {
            QTcpServer s;
            s.listen(QHostAddress::LocalHost, 0);
            closedPort = s.serverPort();
        }
        SslTransport t(TlsPolicy{});
        QSignalSpy failed(&t, &Transport::failed);
        t.connectToHost(QStringLiteral("127.0.0.1"), closedPort, false);
        QVERIFY(failed.wait(5000));
    }
};

QTEST_GUILESS_MAIN(TestSslTransport)
#include "tst_ssltransport.moc"

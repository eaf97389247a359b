// The connection report against the real Dovecot fixture (alice, read-only): capabilities,
// TLS version, cipher, the CA in the chain, PLAIN, and never the password; redaction rules;
// the Activity window shows an attached connection's log lines.
#include "activity/activitywindow.h"
#include "activity/connectionprobe.h"
#include "activity/connectionreport.h"
#include "activity/jobmodel.h"
#include "imapconnection.h"
#include "mailfixture.h"

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

using namespace Tern;
using namespace Qt::StringLiterals;
using TernTest::MailFixture;

class TestConnectionReport : public QObject
{
    Q_OBJECT
    MailFixture m_fx;

    Imap::ConnectionSettings settings(const QString &user, TlsMode mode) const
    {
        Imap::ConnectionSettings s;
        s.host = m_fx.host();
        s.port = m_fx.port(mode == TlsMode::Implicit ? "imaps" : "imap");
        s.tls.mode = mode;
        s.tls.extraCaCertificates = m_fx.caCertificates();
        s.user = user;
        s.password = m_fx.password(user);
        s.keepAliveSeconds = 0;
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fx = MailFixture::shared();
        QVERIFY2(m_fx.isValid(), qPrintable(m_fx.error()));
    }

    void redact_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("login") << "A1 LOGIN alice s3cret"_ba << "A1 LOGIN alice ***"_ba;
        QTest::newRow("login quoted") << "A1 LOGIN \"al ice\" \"s3 cret\""_ba
                                      << "A1 LOGIN \"al ice\" ***"_ba;
        QTest::newRow("login kept") << "A1 LOGIN alice ***"_ba << "A1 LOGIN alice ***"_ba;
        QTest::newRow("authenticate") << "A2 AUTHENTICATE PLAIN AGFsaWNlAHMzY3JldA=="_ba
                                      << "A2 AUTHENTICATE PLAIN ***"_ba;
        QTest::newRow("smtp auth") << "AUTH PLAIN AGFsaWNlAHMzY3JldA=="_ba
                                   << "AUTH PLAIN ***"_ba;
        QTest::newRow("pop3 pass") << "PASS s3cret"_ba << "PASS ***"_ba;
        QTest::newRow("literal") << "* 1 FETCH (BODY[] {12}Secret body"_ba
                                 << "* 1 FETCH (BODY[] {12} ***"_ba;
        QTest::newRow("plain") << "A3 SELECT INBOX"_ba << "A3 SELECT INBOX"_ba;
    }
    void redact()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, expected);
        QCOMPARE(ConnectionReport::redact(line), expected);
    }

    void probe_data()
    {
        QTest::addColumn<TlsMode>("mode");
        QTest::newRow("implicit TLS") << TlsMode::Implicit;
        QTest::newRow("STARTTLS") << TlsMode::StartTls;
    }
    void probe()
    {
        QFETCH(TlsMode, mode);
        const QString password = m_fx.password(u"alice"_s);
        QVERIFY(!password.isEmpty());
        ConnectionProbe probe;
        QSignalSpy done(&probe, &ConnectionProbe::finished);
        probe.start(u"alice"_s, settings(u"alice"_s, mode));
        QVERIFY(done.wait(20000));
        const QString report = done.value(0).value(0).toString();
        const ConnectionReportData &d = probe.data();
        QCOMPARE(d.error, QString());
        QVERIFY(report.contains(u"IMAP4rev1"_s, Qt::CaseInsensitive));
        QVERIFY(d.capabilitiesAfter.contains("IDLE"));
        QVERIFY2(!d.capabilitiesBefore.isEmpty(), "capabilities before login");
        QVERIFY(report.contains(u"Capabilities before login: "_s + QString::fromUtf8(
                                    d.capabilitiesBefore.join(' '))));
        QVERIFY(report.contains(u"TLS 1."_s) || report.contains(u"TLSv1."_s));
        QVERIFY(!d.tls.cipher.isEmpty());
        QVERIFY(report.contains(u"Cipher: "_s + d.tls.cipher));
        const QSslCertificate ca = m_fx.caCertificates().value(0);
        QVERIFY(!ca.isNull());
        const QString caName = ca.subjectInfo(QSslCertificate::CommonName).value(0);
        QVERIFY(report.contains(caName));
        QVERIFY(report.contains(
            QString::fromLatin1(ca.digest(QCryptographicHash::Sha256).toHex(':'))));
        QCOMPARE(d.saslMechanism, u"PLAIN"_s);
        QVERIFY(report.contains(u"SASL mechanism: PLAIN"_s));
        QVERIFY(d.connectMs >= 0 && d.loginMs >= 0);
        if (mode == TlsMode::StartTls)
            QVERIFY(d.tlsMs >= 0);
        QVERIFY(report.contains(u"AUTHENTICATE PLAIN ***"_s));
        // Never the password, raw or in the SASL PLAIN encoding.
        QByteArray sasl("alice");
        sasl.prepend('\0');
        sasl.append('\0');
        sasl.append(password.toUtf8());
        const QByteArray plain = sasl.toBase64();
        QVERIFY(!report.contains(password));
        QVERIFY(!report.contains(QString::fromLatin1(plain)));
        for (const ProtocolLogLine &line : d.log) {
            QVERIFY(!line.text.contains(password.toUtf8()));
            QVERIFY(!line.text.contains(plain));
        }
    }

    void probeFailureStillReports()
    {
        ConnectionProbe probe;
        QSignalSpy done(&probe, &ConnectionProbe::finished);
        Imap::ConnectionSettings s = settings(u"alice"_s, TlsMode::Implicit);
        s.password = u"wrong-password-xyz"_s;
        probe.start(u"alice"_s, s);
        QVERIFY(done.wait(20000));
        const QString report = done.value(0).value(0).toString();
        QVERIFY(report.contains(u"Error: "_s));
        QVERIFY(!report.contains(u"wrong-password-xyz"_s));
    }

    void activityWindowShowsLog()
    {
        JobModel jobs;
        jobs.addJob(u"Syncing INBOX"_s, u"alice"_s);
        ActivityWindow window(&jobs);
        window.show();
        Imap::Connection connection;
        const QString name = u"alice (IMAP)"_s;
        window.attachConnection(name, &connection);
        QSignalSpy ready(&connection, &Imap::Connection::ready);
        connection.open(settings(u"alice"_s, TlsMode::Implicit));
        QVERIFY(ready.wait(20000));
        QCOMPARE(window.connectionNames(), QStringList{name});
        QTRY_VERIFY(window.logView()->toPlainText().contains(u"AUTHENTICATE PLAIN ***"_s));
        QVERIFY(window.logView()->toPlainText().contains(u"S: * OK"_s));
        const QString password = m_fx.password(u"alice"_s);
        QVERIFY(!window.logView()->toPlainText().contains(password));
        const QString report = window.connectionReport(name);
        QVERIFY(report.contains(u"SASL mechanism: PLAIN"_s));
        QVERIFY(!report.contains(password));
        // A second connection's lines stay in their own view.
        ProtocolLogLine other;
        other.direction = ProtocolLogLine::Direction::Sent;
        other.text = "EHLO tern"_ba;
        window.appendLog(u"alice (SMTP)"_s, other);
        QVERIFY(!window.logView()->toPlainText().contains(u"EHLO"_s));
        window.showConnection(u"alice (SMTP)"_s);
        QVERIFY(window.logView()->toPlainText().contains(u"C: EHLO tern"_s));
        QVERIFY(!window.logView()->toPlainText().contains(u"AUTHENTICATE"_s));
    }
};

QTEST_MAIN(TestConnectionReport)
#include "tst_connectionreport.moc"

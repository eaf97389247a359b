#include "accounts/serverurl.h"

#include <QTest>

using namespace Tern;

class TestServerUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("protocol");
        QTest::addColumn<int>("tls");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        using P = ServerUrl::Protocol;
        QTest::newRow("imaps default port") << "imaps://a@mail.example" << true << int(P::Imap)
            << int(TlsMode::Implicit) << "mail.example" << 993 << "a";
        QTest::newRow("imap starttls") << "imap+starttls://b@h:1143" << true << int(P::Imap)
            << int(TlsMode::StartTls) << "h" << 1143 << "b";
        QTest::newRow("plain imap") << "imap://h" << true << int(P::Imap) << int(TlsMode::None)
            << "h" << 143 << "";
        QTest::newRow("pop3s") << "pop3s://u@h" << true << int(P::Pop3) << int(TlsMode::Implicit)
            << "h" << 995 << "u";
        QTest::newRow("smtps") << "smtps://u@h:465" << true << int(P::Smtp)
            << int(TlsMode::Implicit) << "h" << 465 << "u";
        QTest::newRow("submission") << "smtp+starttls://u@h" << true << int(P::Smtp)
            << int(TlsMode::StartTls) << "h" << 587 << "u";
        QTest::newRow("encoded user") << "imaps://alice%40example.test@h:10993" << true
            << int(P::Imap) << int(TlsMode::Implicit) << "h" << 10993 << "alice@example.test";
        QTest::newRow("unknown scheme") << "http://h" << false << 0 << 0 << "" << 0 << "";
        QTest::newRow("no host") << "imaps://" << false << 0 << 0 << "" << 0 << "";
        QTest::newRow("garbage") << "not a url" << false << 0 << 0 << "" << 0 << "";
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QString error;
        const auto url = ServerUrl::parse(text, &error);
        QCOMPARE(url.has_value(), valid);
        if (!valid) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QFETCH(int, protocol);
        QFETCH(int, tls);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, user);
        QCOMPARE(int(url->protocol), protocol);
        QCOMPARE(int(url->tls), tls);
        QCOMPARE(url->host, host);
        QCOMPARE(int(url->port), port);
        QCOMPARE(url->user, user);
        // Round trip.
        QCOMPARE(ServerUrl::parse(url->toString(), &error), url);
    }
};

QTEST_GUILESS_MAIN(TestServerUrl)
#include "tst_serverurl.moc"

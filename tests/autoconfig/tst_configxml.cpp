#include "autoconfig/configxml.h"

#include <QFile>
#include <QTest>

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

/// "imap imap.example.org:993 ssl alice@example.org password-cleartext", "!" + problem if any.
QString brief(const ServerConfig &s)
{
    const QString tls = s.tls == TlsMode::Implicit ? QStringLiteral("ssl")
        : s.tls == TlsMode::StartTls                ? QStringLiteral("starttls")
                                                    : QStringLiteral("plain");
    QString text = QStringLiteral("%1 %2:%3 %4 %5 %6")
                       .arg(protocolName(s.protocol).toLower(), s.host)
                       .arg(s.port)
                       .arg(tls, s.username, authName(s.auth));
    if (!s.isUsable())
        text += QStringLiteral(" !") + s.problem;
    return text;
}

QStringList briefs(const QList<ServerConfig> &servers)
{
    QStringList out;
    for (const ServerConfig &s : servers)
        out << brief(s);
    return out;
}

} // namespace

class TestConfigXml : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("error");       // substring; empty when parsing succeeds
        QTest::addColumn<QStringList>("incoming");
        QTest::addColumn<QStringList>("outgoing");
        QTest::addColumn<QString>("note");        // substring of some note; may be empty

        const QString alice = QStringLiteral("alice@example.org");
        QTest::newRow("several servers: IMAP over POP3, SSL over STARTTLS")
            << dataFile(QStringLiteral("full.xml")) << alice << QString()
            << QStringList{
                   QStringLiteral("imap imap.example.org:993 ssl alice@example.org "
                                  "password-cleartext"),
                   QStringLiteral("imap imap.example.org:143 starttls alice@example.org "
                                  "password-encrypted"),
                   QStringLiteral("pop3 pop.example.org:995 ssl alice password-cleartext")}
            << QStringList{
                   QStringLiteral("smtp smtp.example.org:465 ssl alice@example.org "
                                  "password-cleartext"),
                   QStringLiteral("smtp smtp.example.org:587 starttls alice@example.org "
                                  "password-cleartext")}
            << QString();
        QTest::newRow("placeholders use the last @")
            << QByteArray("<clientConfig><emailProvider><incomingServer type=\"imap\">"
                          "<hostname>imap.%EMAILDOMAIN%</hostname><port>993</port>"
                          "<socketType>SSL</socketType><username>%EMAILLOCALPART%"
                          "</username></incomingServer></emailProvider></clientConfig>")
            << QStringLiteral("\"a@b\"@mail.example") << QString()
            << QStringList{QStringLiteral("imap imap.mail.example:993 ssl \"a@b\" "
                                          "password-cleartext")}
            << QStringList() << QString();
        QTest::newRow("malformed XML")
            << dataFile(QStringLiteral("malformed.xml")) << alice
            << QStringLiteral("malformed XML") << QStringList() << QStringList() << QString();
        QTest::newRow("empty document") << QByteArray() << alice
            << QStringLiteral("empty document") << QStringList() << QStringList() << QString();
        QTest::newRow("an HTML page")
            << dataFile(QStringLiteral("not-autoconfig.html")) << alice
            << QStringLiteral("not an autoconfig document") << QStringList() << QStringList()
            << QString();
        QTest::newRow("no emailProvider")
            << QByteArray("<clientConfig version=\"1.1\"></clientConfig>") << alice
            << QStringLiteral("no <emailProvider>") << QStringList() << QStringList()
            << QString();
        QTest::newRow("missing fields: no hostname skipped, defaults, bad port")
            << dataFile(QStringLiteral("missing-fields.xml")) << alice << QString()
            << QStringList{
                   QStringLiteral("imap imap.example.org:993 ssl alice@example.org "
                                  "password-cleartext"),
                   QStringLiteral("pop3 pop.example.org:110 plain alice@example.org "
                                  "password-cleartext !no encryption: ask before sending a "
                                  "password")}
            << QStringList() << QStringLiteral("invalid port \"99999\"");
        QTest::newRow("OAuth2 reported, password preferred when offered")
            << dataFile(QStringLiteral("oauth2.xml")) << QStringLiteral("bob@oauth.example")
            << QString()
            << QStringList{QStringLiteral("imap imap.oauth.example:993 ssl bob@oauth.example "
                                          "OAuth2 !OAuth2 is not supported yet")}
            << QStringList{QStringLiteral("smtp smtp.oauth.example:465 ssl bob@oauth.example "
                                          "password-cleartext")}
            << QStringLiteral("imap.oauth.example needs OAuth2");
        QTest::newRow("plain only: kept, flagged, never silently usable")
            << dataFile(QStringLiteral("plain-only.xml")) << QStringLiteral("carol@plain.example")
            << QString()
            << QStringList{QStringLiteral("imap mail.plain.example:143 plain carol "
                                          "password-cleartext !no encryption: ask before "
                                          "sending a password")}
            << QStringList() << QString();
        QTest::newRow("only unsupported server types")
            << dataFile(QStringLiteral("exchange-only.xml")) << alice
            << QStringLiteral("no usable server") << QStringList() << QStringList()
            << QString();
        QTest::newRow("invalid host name and unknown socketType skipped")
            << dataFile(QStringLiteral("bad-host.xml")) << alice << QString()
            << QStringList{QStringLiteral("pop3 pop.example.org:995 ssl alice@example.org "
                                          "password-cleartext")}
            << QStringList() << QStringLiteral("unknown socketType \"TLS1.0\"");
        QTest::newRow("too large")
            << QByteArray(MaxConfigXmlSize + 1, ' ') << alice
            << QStringLiteral("too large") << QStringList() << QStringList() << QString();
        QTest::newRow("entity bomb stays bounded")
            << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY a \"aaaaaaaaaa\">"
                          "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                          "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                          "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
                          "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
                          "<clientConfig><emailProvider><displayName>&e;&e;&e;</displayName>"
                          "</emailProvider></clientConfig>")
            << alice << QStringLiteral("malformed XML") << QStringList() << QStringList()
            << QString();
    }

    void parse()
    {
        QFETCH(QByteArray, xml);
        QFETCH(QString, email);
        QFETCH(QString, error);
        QFETCH(QStringList, incoming);
        QFETCH(QStringList, outgoing);
        QFETCH(QString, note);

        QString actualError;
        const auto config = parseConfigXml(xml, email, &actualError);
        if (!error.isEmpty()) {
            QVERIFY2(!config, "parsing should have failed");
            QVERIFY2(actualError.contains(error), qPrintable(actualError));
            return;
        }
        QVERIFY2(config, qPrintable(actualError));
        QCOMPARE(briefs(config->incoming), incoming);
        QCOMPARE(briefs(config->outgoing), outgoing);
        if (!note.isEmpty())
            QVERIFY2(config->notes.join(QLatin1Char('|')).contains(note),
                     qPrintable(config->notes.join(QLatin1Char('|'))));
    }

    void providerFields()
    {
        const auto config = parseConfigXml(dataFile(QStringLiteral("full.xml")),
                                           QStringLiteral("alice@example.org"));
        QVERIFY(config);
        QCOMPARE(config->id, QStringLiteral("example.org"));
        QCOMPARE(config->displayName, QStringLiteral("Example Mail"));
        QCOMPARE(config->domains, (QStringList{QStringLiteral("example.org"),
                                               QStringLiteral("example.net")}));
    }

    void serverUrls()
    {
        const auto config = parseConfigXml(dataFile(QStringLiteral("full.xml")),
                                           QStringLiteral("alice@example.org"));
        QVERIFY(config);
        QStringList urls;
        for (const ServerConfig &s : config->incoming + config->outgoing) {
            const ServerUrl url = s.toServerUrl();
            urls << url.toString();
            QString error;
            QCOMPARE(ServerUrl::parse(url.toString(), &error), std::optional<ServerUrl>(url));
        }
        const QString user = QStringLiteral("alice%40example.org@");
        QCOMPARE(urls, (QStringList{
                           QStringLiteral("imaps://") + user
                               + QStringLiteral("imap.example.org:993"),
                           QStringLiteral("imap+starttls://") + user
                               + QStringLiteral("imap.example.org:143"),
                           QStringLiteral("pop3s://alice@pop.example.org:995"),
                           QStringLiteral("smtps://") + user
                               + QStringLiteral("smtp.example.org:465"),
                           QStringLiteral("smtp+starttls://") + user
                               + QStringLiteral("smtp.example.org:587")}));
    }

    // Every prefix of a valid document is rejected or parsed; never a crash or a hang.
    void truncatedDocuments()
    {
        const QByteArray xml = dataFile(QStringLiteral("full.xml"));
        const qsizetype complete = xml.indexOf("</clientConfig>") + 15;
        int parsed = 0;
        for (qsizetype n = 0; n < complete; ++n) {
            if (parseConfigXml(xml.left(n), QStringLiteral("a@example.org")))
                ++parsed;
        }
        QCOMPARE(parsed, 0); // a closing tag is missing in every shorter prefix
        QVERIFY(parseConfigXml(xml.left(complete), QStringLiteral("a@example.org")));
    }
};

QTEST_GUILESS_MAIN(TestConfigXml)
#include "tst_configxml.moc"

#include "mailfixture.h"

#include <QFile>
#include <QProcess>
#include <QTcpSocket>

namespace TernTest {

MailFixture MailFixture::fromEnvFile(const QString &path)
{
    MailFixture f;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        f.m_error = QStringLiteral("the mail server fixture is not running (no %1)").arg(path);
        return f;
    }
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq > 0)
            f.m_env.insert(line.left(eq), line.mid(eq + 1));
    }
    return f;
}

MailFixture MailFixture::shared()
{
    const QString path = qEnvironmentVariable("TERN_FIXTURE_ENV");
    if (path.isEmpty()) {
        MailFixture f;
        f.m_error = QStringLiteral("TERN_FIXTURE_ENV is not set: run this test through CTest "
                                   "(tools/dev test), which starts the mail servers");
        return f;
    }
    return fromEnvFile(path);
}

MailFixture MailFixture::startPrivate(const QString &dir, int messages)
{
    MailFixture f;
    QString output;
    if (!f.runScript({QStringLiteral("start"), dir, QStringLiteral("--messages"),
                      QString::number(messages)}, &output)) {
        f.m_error = QStringLiteral("could not start private mail servers: ") + output;
        return f;
    }
    return fromEnvFile(dir + QStringLiteral("/fixture.env"));
}

bool MailFixture::runScript(const QStringList &args, QString *output) const
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("python3"), QStringList{QStringLiteral(TERN_SOURCE_DIR "/tools/mailfixture.py")} + args);
    const bool ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit
        && p.exitCode() == 0;
    if (output)
        *output = QString::fromUtf8(p.readAll());
    return ok;
}

quint16 MailFixture::port(const char *name) const
{
    return quint16(value(QStringLiteral("TERN_FIXTURE_%1_PORT")
                             .arg(QString::fromLatin1(name).toUpper())).toUInt());
}

QList<QSslCertificate> MailFixture::caCertificates() const
{
    return QSslCertificate::fromPath(caFile());
}

QString MailFixture::password(const QString &user) const
{
    return value(QStringLiteral("TERN_FIXTURE_%1_PASSWORD").arg(user.toUpper()));
}

QString MailFixture::maildir(const QString &user) const
{
    return value(QStringLiteral("TERN_FIXTURE_%1_MAILDIR").arg(user.toUpper()));
}

bool MailFixture::deliver(const QString &from, const QString &to, const QByteArray &message,
                          QString *error) const
{
    QTcpSocket s;
    s.connectToHost(host(), port("smtp"));
    QByteArray transcript;
    auto expect = [&](const char *code) {
        QByteArray reply;
        while (true) {
            if (!s.canReadLine() && !s.waitForReadyRead(10000))
                return false;
            while (s.canReadLine()) {
                const QByteArray line = s.readLine();
                transcript += line;
                if (line.size() >= 4 && line[3] == ' ')
                    return line.startsWith(code);
            }
        }
    };
    auto send = [&](const QByteArray &bytes) { s.write(bytes); return s.waitForBytesWritten(10000); };
    QByteArray body = message;
    body.replace("\r\n", "\n").replace("\n", "\r\n").replace("\r\n.", "\r\n..");
    if (!body.endsWith("\r\n"))
        body += "\r\n";
    const bool ok = s.waitForConnected(10000) && expect("220")
        && send("EHLO test.example\r\n") && expect("250")
        && send("MAIL FROM:<" + from.toUtf8() + ">\r\n") && expect("250")
        && send("RCPT TO:<" + to.toUtf8() + ">\r\n") && expect("250")
        && send("DATA\r\n") && expect("354")
        && send(body + ".\r\n") && expect("250")
        && send("QUIT\r\n");
    if (!ok && error)
        *error = QString::fromUtf8(transcript);
    return ok;
}

bool MailFixture::stopServers() const
{
    return runScript({QStringLiteral("stop-servers"), dir()});
}

bool MailFixture::startServers() const
{
    return runScript({QStringLiteral("start-servers"), dir()});
}

bool MailFixture::stop() const
{
    return runScript({QStringLiteral("stop"), dir()});
}

} // namespace TernTest

#include "scriptedserver.h"

#include <QFile>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>

namespace TernTest {
namespace {

QString dataPath(const char *name)
{
    return QStringLiteral(TERN_TEST_DATA_DIR "/tls/") + QLatin1StringView(name);
}

QByteArray unescape(const QByteArray &in)
{
    QByteArray out;
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] == '\\' && i + 1 < in.size()) {
            const char c = in[++i];
            out.append(c == 'r' ? '\r' : c == 'n' ? '\n' : c == '0' ? '\0' : c);
        } else {
            out.append(in[i]);
        }
    }
    return out;
}

} // namespace

ScriptedServer::ScriptedServer(const QString &script, QObject *parent) : QTcpServer(parent)
{
    setScript(script);
    listen(QHostAddress::LocalHost, 0);
}

void ScriptedServer::setScript(const QString &script)
{
    m_steps.clear();
    m_step = 0;
    for (const QString &rawLine : script.split(QLatin1Char('\n'))) {
        const QByteArray line = rawLine.toUtf8();
        if (line.trimmed().isEmpty())
            continue;
        if (line.startsWith("S: "))
            m_steps.append(Step{Step::Send, line.mid(3) + "\r\n"});
        else if (line.startsWith("R: "))
            m_steps.append(Step{Step::Send, unescape(line.mid(3))});
        else if (line == "C: *")
            m_steps.append(Step{Step::ExpectAny, QByteArray()});
        else if (line.startsWith("C: "))
            m_steps.append(Step{Step::Expect, line.mid(3)});
        else if (line.trimmed() == "TLS")
            m_steps.append(Step{Step::Tls, QByteArray()});
        else if (line.trimmed() == "X")
            m_steps.append(Step{Step::Close, QByteArray()});
        else if (line.startsWith("W: "))
            m_steps.append(Step{Step::Wait, line.mid(3)});
        else
            m_error = QStringLiteral("bad script line: ") + rawLine;
    }
}

QList<QSslCertificate> ScriptedServer::caCertificates()
{
    return QSslCertificate::fromPath(dataPath("ca.pem"));
}

void ScriptedServer::incomingConnection(qintptr handle)
{
    if (m_socket) {
        m_socket->deleteLater();
        m_buffer.clear();
    }
    m_socket = new QSslSocket(this);
    m_socket->setSocketDescriptor(handle);
    QFile keyFile(dataPath("server.key"));
    keyFile.open(QIODevice::ReadOnly);
    m_socket->setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
    m_socket->setLocalCertificate(QSslCertificate::fromPath(dataPath("server.pem")).value(0));
    connect(m_socket, &QSslSocket::readyRead, this, &ScriptedServer::onReadyRead);
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        m_waiting = false;
        advance();
    });
    if (m_implicitTls) {
        m_waiting = true;
        m_socket->startServerEncryption();
    } else {
        advance();
    }
}

void ScriptedServer::advance()
{
    while (m_socket && !m_waiting && m_error.isEmpty() && m_step < m_steps.size()) {
        const Step &step = m_steps.at(m_step);
        switch (step.kind) {
        case Step::Send:
            m_socket->write(step.data);
            m_socket->flush();
            ++m_step;
            break;
        case Step::Expect:
        case Step::ExpectAny: {
            const qsizetype nl = m_buffer.indexOf("\r\n");
            if (nl < 0)
                return;
            const QByteArray line = m_buffer.left(nl);
            m_buffer.remove(0, nl + 2);
            m_clientLines << line;
            if (step.kind == Step::Expect && line != step.data) {
                m_error = QStringLiteral("step %1: expected client line \"%2\", got \"%3\"")
                              .arg(m_step + 1)
                              .arg(QString::fromUtf8(step.data), QString::fromUtf8(line));
                return;
            }
            ++m_step;
            break;
        }
        case Step::Tls:
            ++m_step;
            m_waiting = true;
            m_buffer.clear();
            m_socket->startServerEncryption();
            return;
        case Step::Close:
            ++m_step;
            m_socket->disconnectFromHost();
            return;
        case Step::Wait:
            ++m_step;
            m_waiting = true;
            QTimer::singleShot(step.data.toInt(), this, [this] {
                m_waiting = false;
                advance();
            });
            return;
        }
    }
}

void ScriptedServer::onReadyRead()
{
    m_buffer.append(m_socket->readAll());
    advance();
}

} // namespace TernTest

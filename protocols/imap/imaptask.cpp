#include "imaptask.h"

#include "imapconnection.h"
#include "imapencoder.h"

namespace Tern::Imap {

Task::Task(QObject *parent) : QObject(parent) {}

bool Task::handleUntagged(const Response &)
{
    return false;
}

void Task::handleContinuation(const ContinuationRequest &)
{
    fail(tr("Unexpected continuation request from the server"));
}

void Task::handleTagged(const StatusResponse &response)
{
    m_status = response;
    if (response.kind == StatusResponse::Kind::Ok)
        finish();
    else
        fail(describe(m_commandName, response));
}

void Task::send(const CommandBuilder &command)
{
    if (!m_connection)
        return;
    if (!command.isValid()) {
        fail(tr("The command cannot be encoded (NUL bytes without BINARY)"));
        return;
    }
    const QByteArray text = command.logText();
    const QByteArrayList words = text.split(' ');
    m_commandName = words.value(0);
    if (m_commandName == "UID" && words.size() > 1)
        m_commandName += ' ' + words.at(1);
    m_tag = m_connection->sendCommand(this, command);
}

void Task::sendLine(const QByteArray &line, const QByteArray &logText)
{
    if (m_connection)
        m_connection->sendContinuationLine(line, logText);
}

void Task::finish()
{
    if (m_done)
        return;
    m_done = true;
    if (m_connection)
        m_connection->taskDone(this);
    Q_EMIT finished();
}

void Task::fail(const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    m_error = message;
    if (m_connection)
        m_connection->taskDone(this);
    Q_EMIT failed(message);
}

const Capabilities &Task::caps() const
{
    static const Capabilities none;
    return m_connection ? m_connection->capabilities() : none;
}

bool Task::utf8() const
{
    return m_connection && m_connection->utf8Enabled();
}

void Task::changeState(Connection::State state)
{
    if (m_connection)
        m_connection->setState(state);
}

void Task::setSelectedMailbox(const QString &name)
{
    if (m_connection)
        m_connection->setSelectedMailbox(name);
}

void Task::beginTls()
{
    if (m_connection)
        m_connection->startTlsNow();
}

void Task::beginCompression()
{
    if (m_connection)
        m_connection->startCompressionNow();
}

void Task::markEnabled(const QByteArrayList &extensions)
{
    if (m_connection)
        m_connection->setEnabled(extensions);
}

QString Task::describe(const QByteArray &command, const StatusResponse &response)
{
    QString kind;
    switch (response.kind) {
    case StatusResponse::Kind::No: kind = QStringLiteral("NO"); break;
    case StatusResponse::Kind::Bad: kind = QStringLiteral("BAD"); break;
    case StatusResponse::Kind::Bye: kind = QStringLiteral("BYE"); break;
    default: kind = QStringLiteral("OK"); break;
    }
    QString text = QString::fromLatin1(command) + QStringLiteral(" failed (") + kind
        + QStringLiteral("): ");
    if (response.code)
        text += QLatin1Char('[') + QString::fromLatin1(response.code->name) + QStringLiteral("] ");
    return text + response.text;
}

} // namespace Tern::Imap

#include "logintask.h"

#include "imapencoder.h"

#include "common/sasl.h"

namespace Tern::Imap {

LoginTask::LoginTask(const QString &user, const QString &password, QObject *parent)
    : Task(parent), m_user(user), m_password(password)
{
}

bool LoginTask::canLogIn(const Capabilities &caps)
{
    return caps.authMechanisms().contains("PLAIN") || !caps.has("LOGINDISABLED");
}

QString LoginTask::unavailableReason(const Capabilities &caps)
{
    if (canLogIn(caps))
        return QString();
    return tr("The server does not allow logging in here (LOGINDISABLED, no AUTH=PLAIN)");
}

void LoginTask::perform()
{
    if (caps().authMechanisms().contains("PLAIN")) {
        CommandBuilder cmd("AUTHENTICATE");
        cmd.atom("PLAIN");
        if (caps().hasSaslIr()) {
            // RFC 4959 §3: the initial response rides on the command line.
            cmd.secret(Sasl::plainResponse(m_user, m_password));
            m_sentResponse = true;
        }
        send(cmd);
        return;
    }
    send(CommandBuilder("LOGIN").astring(m_user.toUtf8()).secret(m_password.toUtf8()));
}

void LoginTask::handleContinuation(const ContinuationRequest &)
{
    if (m_sentResponse) {
        // A second challenge for PLAIN means the server wants something we cannot give.
        sendLine("*", "*");
        return;
    }
    m_sentResponse = true;
    sendLine(Sasl::plainResponse(m_user, m_password), "***");
}

void LoginTask::handleTagged(const StatusResponse &response)
{
    m_password.fill(QLatin1Char('\0'));
    m_password.clear();
    if (response.kind == StatusResponse::Kind::Ok)
        changeState(Connection::State::Authenticated);
    Task::handleTagged(response);
}

} // namespace Tern::Imap

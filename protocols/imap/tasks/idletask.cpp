#include "idletask.h"

#include "imapencoder.h"

namespace Tern::Imap {

IdleTask::IdleTask(QObject *parent) : Task(parent)
{
    m_renew.setInterval(29 * 60 * 1000);
    m_renew.setSingleShot(true);
    connect(&m_renew, &QTimer::timeout, this, &IdleTask::sendDone);
}

void IdleTask::perform()
{
    if (!caps().hasIdle()) {
        fail(tr("The server does not support IDLE"));
        return;
    }
    m_idling = false;
    m_doneSent = false;
    ++m_rounds;
    send(CommandBuilder("IDLE"));
}

void IdleTask::handleContinuation(const ContinuationRequest &)
{
    m_idling = true;
    if (m_stopping) {
        sendDone();
        return;
    }
    m_renew.start();
    if (m_rounds == 1)
        Q_EMIT idling();
}

void IdleTask::sendDone()
{
    m_renew.stop();
    if (!m_idling || m_doneSent)
        return; // DONE only after "+" (RFC 2177 §3); the continuation handler sends it
    m_doneSent = true;
    sendLine("DONE", "DONE");
}

void IdleTask::interrupt()
{
    m_stopping = true;
    sendDone();
}

void IdleTask::handleTagged(const StatusResponse &response)
{
    if (response.kind == StatusResponse::Kind::Ok && !m_stopping) {
        perform(); // a renewal: start the next round
        return;
    }
    Task::handleTagged(response);
}

} // namespace Tern::Imap

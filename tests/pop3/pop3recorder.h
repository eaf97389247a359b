#pragma once

#include "pop3/pop3client.h"

#include <QHash>
#include <QStringList>

namespace TernTest {

/// Turns everything a Pop3::Client reports into readable event lines for exact comparison.
/// Message data is gathered per message and written once, escaped, at messageComplete(), or
/// as "partial" if the session ends first.
class Pop3Recorder : public QObject
{
    Q_OBJECT
public:
    explicit Pop3Recorder(Tern::Pop3::Client *client);

    static QString errorName(Tern::Pop3::Error error);
    static QString commandName(Tern::Pop3::Command command);
    static QString escaped(const QByteArray &bytes);

    QStringList events;
    QHash<int, QByteArray> messages; // complete messages
    QList<Tern::Pop3::UidlEntry> uidl;
    QList<Tern::Pop3::ListEntry> list;
    QList<Tern::ProtocolLogLine> log;
    QString failMessage;
    Tern::Pop3::Error error = Tern::Pop3::Error::None;
    bool done = false;
    /// Keep complete messages in `messages` (off for big downloads).
    bool keepMessages = true;

private:
    QHash<int, QByteArray> m_partial;
};

inline Pop3Recorder::Pop3Recorder(Tern::Pop3::Client *client) : QObject(client)
{
    using namespace Tern::Pop3;
    connect(client, &Client::loggedIn, this, [this] { events << QStringLiteral("loggedIn"); });
    connect(client, &Client::statReceived, this, [this](int count, qint64 octets) {
        events << QStringLiteral("stat %1 %2").arg(count).arg(octets);
    });
    connect(client, &Client::listReceived, this, [this](const QList<ListEntry> &entries) {
        QStringList parts;
        for (const ListEntry &e : entries)
            parts << QStringLiteral("%1:%2").arg(e.msgNo).arg(e.size);
        list = entries;
        events << QStringLiteral("list ") + parts.join(QLatin1Char(','));
    });
    connect(client, &Client::uidlReceived, this, [this](const QList<UidlEntry> &entries) {
        QStringList parts;
        for (const UidlEntry &e : entries)
            parts << QStringLiteral("%1:%2").arg(e.msgNo).arg(QString::fromLatin1(e.uid));
        uidl = entries;
        events << QStringLiteral("uidl ") + parts.join(QLatin1Char(','));
    });
    connect(client, &Client::messageData, this, [this](int msgNo, const QByteArray &chunk) {
        m_partial[msgNo] += chunk;
    });
    connect(client, &Client::messageComplete, this, [this](int msgNo) {
        const QByteArray data = m_partial.take(msgNo);
        if (keepMessages) {
            events << QStringLiteral("message %1 %2").arg(msgNo).arg(escaped(data));
            messages.insert(msgNo, data);
        } else {
            events << QStringLiteral("message %1").arg(msgNo);
        }
    });
    connect(client, &Client::markedDeleted, this, [this](int msgNo) {
        events << QStringLiteral("deleted %1").arg(msgNo);
    });
    connect(client, &Client::resetDone, this, [this] { events << QStringLiteral("rset"); });
    connect(client, &Client::noopDone, this, [this] { events << QStringLiteral("noop"); });
    connect(client, &Client::commandFailed, this,
            [this](Command command, int msgNo, const QString &text) {
                events << QStringLiteral("cmdfail %1 %2 %3")
                              .arg(commandName(command)).arg(msgNo).arg(text);
            });
    connect(client, &Client::updateFinished, this, [this](const QList<int> &deleted) {
        QStringList parts;
        for (int n : deleted)
            parts << QString::number(n);
        events << QStringLiteral("update ") + parts.join(QLatin1Char(','));
        done = true;
    });
    connect(client, &Client::failed, this, [this](Error e, const QString &message) {
        for (auto it = m_partial.cbegin(); it != m_partial.cend(); ++it)
            events << QStringLiteral("partial %1 %2").arg(it.key()).arg(escaped(it.value()));
        m_partial.clear();
        events << QStringLiteral("failed ") + errorName(e);
        error = e;
        failMessage = message;
        done = true;
    });
    connect(client, &Client::logLine, this,
            [this](const Tern::ProtocolLogLine &line) { log << line; });
}

inline QString Pop3Recorder::errorName(Tern::Pop3::Error error)
{
    using Tern::Pop3::Error;
    switch (error) {
    case Error::None: return QStringLiteral("None");
    case Error::Connection: return QStringLiteral("Connection");
    case Error::TlsUnavailable: return QStringLiteral("TlsUnavailable");
    case Error::PlaintextRefused: return QStringLiteral("PlaintextRefused");
    case Error::Authentication: return QStringLiteral("Authentication");
    case Error::MaildropLocked: return QStringLiteral("MaildropLocked");
    case Error::Protocol: return QStringLiteral("Protocol");
    case Error::Timeout: return QStringLiteral("Timeout");
    case Error::ConnectionLost: return QStringLiteral("ConnectionLost");
    case Error::QuitUnconfirmed: return QStringLiteral("QuitUnconfirmed");
    case Error::UpdateFailed: return QStringLiteral("UpdateFailed");
    }
    return QStringLiteral("?");
}

inline QString Pop3Recorder::commandName(Tern::Pop3::Command command)
{
    using Tern::Pop3::Command;
    static const char *const names[] = {"greeting", "CAPA", "STLS", "USER", "PASS", "APOP",
                                        "AUTH", "STAT", "LIST", "UIDL", "RETR", "TOP", "DELE",
                                        "RSET", "NOOP", "QUIT"};
    return QString::fromLatin1(names[int(command)]);
}

inline QString Pop3Recorder::escaped(const QByteArray &bytes)
{
    QByteArray out = bytes;
    out.replace("\r", "\\r").replace("\n", "\\n");
    return QString::fromUtf8(out);
}

} // namespace TernTest

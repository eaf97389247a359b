#pragma once

#include "accounts/accountstore.h"
#include "cache/database.h"
#include "sync/outboxsender.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

namespace TernTest {

/// Runs one OutboxSender to its end and returns its report.
inline Tern::OutboxSender::Report runSender(Tern::Database &db, const Tern::Account &account,
                                            const QString &password, bool force = false)
{
    Tern::OutboxSender sender(db.db(), account, password);
    sender.setForce(force);
    Tern::OutboxSender::Report report;
    QObject::connect(&sender, &Tern::OutboxSender::finished, &sender,
                     [&report](const Tern::OutboxSender::Report &r) { report = r; });
    QSignalSpy done(&sender, &Tern::OutboxSender::finished);
    sender.start();
    if (!done.wait(60000))
        qWarning() << "the outbox sender did not finish";
    return report;
}

/// Adds an account to the cache and returns it with its id.
inline Tern::Account addAccount(Tern::Database &db, Tern::Account a)
{
    QString error;
    if (!Tern::AccountStore(db.db()).add(a, &error))
        qWarning() << "cannot add account:" << error;
    return a;
}

/// A small blocking IMAP reader for checking what arrived.
class ImapReader
{
public:
    bool open(const QList<QSslCertificate> &ca, quint16 port, const QString &user,
              const QString &password)
    {
        auto conf = m_socket.sslConfiguration();
        conf.setCaCertificates(ca);
        m_socket.setSslConfiguration(conf);
        m_socket.connectToHostEncrypted(QStringLiteral("localhost"), port);
        if (!m_socket.waitForEncrypted(10000) || !readUntil("* OK"))
            return false;
        return command("LOGIN " + user.toUtf8() + " \"" + password.toUtf8() + '"');
    }

    /// UIDs of the messages in folder whose Message-ID contains id.
    QByteArrayList search(const QByteArray &folder, const QByteArray &id)
    {
        m_searchResult.clear();
        if (!command("EXAMINE \"" + folder + '"')
            || !command("UID SEARCH HEADER Message-ID \"" + id + '"'))
            return {};
        return m_searchResult.trimmed().split(' ');
    }
    /// Like search(), polling until at least one message is there (LMTP delivery).
    QByteArrayList waitFor(const QByteArray &folder, const QByteArray &id)
    {
        for (int attempt = 0; attempt < 100; ++attempt) {
            QByteArrayList uids = search(folder, id);
            uids.removeAll(QByteArray());
            if (!uids.isEmpty())
                return uids;
            QTest::qWait(100);   // polling the mailbox until LMTP delivered it
        }
        return {};
    }
    QByteArray fetch(const QByteArray &uid)
    {
        m_literal.clear();
        if (!command("UID FETCH " + uid + " BODY.PEEK[]"))
            return {};
        return m_literal;
    }

private:
    bool command(const QByteArray &line)
    {
        const QByteArray tag = 'T' + QByteArray::number(++m_tag);
        m_socket.write(tag + ' ' + line + "\r\n");
        return readUntil(tag + " OK");
    }

    bool readUntil(const QByteArray &prefix)
    {
        while (true) {
            while (m_socket.canReadLine()) {
                const QByteArray line = m_socket.readLine();
                if (line.startsWith("* SEARCH"))
                    m_searchResult = line.mid(8);
                if (line.trimmed().endsWith('}') && line.contains('{')) {
                    const qsizetype open = line.lastIndexOf('{');
                    const qsizetype size = line.mid(open + 1, line.size() - open - 4).toLongLong();
                    while (m_socket.bytesAvailable() < size && m_socket.waitForReadyRead(10000)) {
                    }
                    m_literal = m_socket.read(size);
                    continue;
                }
                if (line.startsWith(prefix))
                    return true;
                if (!line.startsWith("* ") && !line.startsWith(")"))
                    return false;
            }
            if (!m_socket.waitForReadyRead(10000))
                return false;
        }
    }

    QSslSocket m_socket;
    int m_tag = 0;
    QByteArray m_searchResult;
    QByteArray m_literal;
};

} // namespace TernTest

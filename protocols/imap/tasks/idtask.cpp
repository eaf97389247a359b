#include "idtask.h"

#include "imapencoder.h"

namespace Tern::Imap {

IdTask::IdTask(const QList<QPair<QByteArray, QByteArray>> &fields, QObject *parent)
    : Task(parent), m_fields(fields)
{
}

QByteArray IdTask::value(const QByteArray &key) const
{
    for (const auto &pair : m_server) {
        if (pair.first.compare(key, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

void IdTask::perform()
{
    CommandBuilder cmd("ID");
    if (m_fields.isEmpty()) {
        cmd.atom("NIL");
    } else {
        // RFC 2971 §3.3: a list of quoted field/value pairs.
        QByteArray raw = "(";
        for (qsizetype i = 0; i < m_fields.size(); ++i) {
            const auto quote = [](QByteArray s) {
                s.replace('\\', "\\\\").replace('"', "\\\"").replace('\r', "").replace('\n', "");
                return '"' + s + '"';
            };
            raw += (i ? " " : "") + quote(m_fields.at(i).first) + ' '
                + quote(m_fields.at(i).second);
        }
        cmd.raw(QByteArray(raw + ')'));
    }
    send(cmd);
}

bool IdTask::handleUntagged(const Response &response)
{
    if (const auto *id = std::get_if<IdData>(&response)) {
        m_server = id->fields;
        return true;
    }
    return false;
}

} // namespace Tern::Imap

#include "journalop.h"

namespace Tern {
namespace {

struct KindName {
    JournalOp::Kind kind;
    QLatin1StringView name;
};

const KindName kindNames[] = {
    {JournalOp::Kind::Flags, QLatin1StringView("flags")},
    {JournalOp::Kind::Move, QLatin1StringView("move")},
    {JournalOp::Kind::Copy, QLatin1StringView("copy")},
    {JournalOp::Kind::Expunge, QLatin1StringView("expunge")},
    {JournalOp::Kind::CreateFolder, QLatin1StringView("create-folder")},
    {JournalOp::Kind::RenameFolder, QLatin1StringView("rename-folder")},
    {JournalOp::Kind::DeleteFolder, QLatin1StringView("delete-folder")},
    {JournalOp::Kind::Append, QLatin1StringView("append")},
};

} // namespace

QString JournalOp::kindName(Kind kind)
{
    for (const KindName &k : kindNames) {
        if (k.kind == kind)
            return k.name;
    }
    return {};
}

JournalOp::Kind JournalOp::kindFromName(const QString &name, bool *ok)
{
    for (const KindName &k : kindNames) {
        if (name == k.name) {
            *ok = true;
            return k.kind;
        }
    }
    *ok = false;
    return Kind::Flags;
}

QString JournalOp::stateName(State state)
{
    switch (state) {
    case State::Pending:
        return QStringLiteral("pending");
    case State::Sent:
        return QStringLiteral("sent");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

JournalOp::State JournalOp::stateFromName(const QString &name)
{
    if (name == QLatin1StringView("sent"))
        return State::Sent;
    if (name == QLatin1StringView("failed"))
        return State::Failed;
    return State::Pending;
}

} // namespace Tern

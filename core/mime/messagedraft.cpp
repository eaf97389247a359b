#include "messagedraft.h"

#include <QStringList>

namespace Tern::Mime {

QStringList envelopeRecipients(const MessageDraft &draft)
{
    QStringList out;
    for (const auto *list : {&draft.to, &draft.cc, &draft.bcc}) {
        for (const MailAddress &a : *list) {
            const QString address = a.address.trimmed();
            if (!address.isEmpty() && !out.contains(address, Qt::CaseInsensitive))
                out.append(address);
        }
    }
    return out;
}

} // namespace Tern::Mime

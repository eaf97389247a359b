#include "draftstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace Tern {

namespace {

using Mime::MailAddress;

QJsonArray addressesToJson(const QList<MailAddress> &list)
{
    QJsonArray out;
    for (const MailAddress &a : list)
        out.append(QJsonObject{{QStringLiteral("name"), a.name},
                               {QStringLiteral("address"), a.address}});
    return out;
}

QList<MailAddress> addressesFromJson(const QJsonValue &v)
{
    QList<MailAddress> out;
    for (const QJsonValue &item : v.toArray()) {
        const QJsonObject o = item.toObject();
        out.append({o.value(QLatin1StringView("name")).toString(),
                    o.value(QLatin1StringView("address")).toString()});
    }
    return out;
}

QString b64(const QByteArray &data)
{
    return QString::fromLatin1(data.toBase64());
}

QByteArray unb64(const QJsonValue &v)
{
    return QByteArray::fromBase64(v.toString().toLatin1());
}

QJsonObject toJson(const StoredDraft &s)
{
    const Mime::MessageDraft &d = s.draft;
    QJsonArray attachments;
    for (const Mime::DraftAttachment &a : d.attachments)
        attachments.append(QJsonObject{{QStringLiteral("path"), a.filePath},
                                       {QStringLiteral("data"), b64(a.data)},
                                       {QStringLiteral("name"), a.fileName},
                                       {QStringLiteral("mime"), a.mimeType}});
    QJsonArray images;
    for (const Mime::InlineImage &i : d.inlineImages)
        images.append(QJsonObject{{QStringLiteral("data"), b64(i.data)},
                                  {QStringLiteral("mime"), i.mimeType},
                                  {QStringLiteral("cid"), QString::fromLatin1(i.contentId)}});
    QJsonArray references;
    for (const QByteArray &r : d.references)
        references.append(QString::fromLatin1(r));
    QJsonArray extra;
    for (const Mime::ExtraHeader &h : d.extraHeaders)
        extra.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(h.name)},
                                 {QStringLiteral("value"), h.value}});
    return QJsonObject{
        {QStringLiteral("version"), 1},
        {QStringLiteral("account"), s.accountId},
        {QStringLiteral("rich"), s.richText},
        {QStringLiteral("from"), addressesToJson({d.from})},
        {QStringLiteral("to"), addressesToJson(d.to)},
        {QStringLiteral("cc"), addressesToJson(d.cc)},
        {QStringLiteral("bcc"), addressesToJson(d.bcc)},
        {QStringLiteral("replyTo"), addressesToJson(d.replyTo)},
        {QStringLiteral("subject"), d.subject},
        {QStringLiteral("plain"), d.plainBody},
        {QStringLiteral("html"), d.htmlBody},
        {QStringLiteral("attachments"), attachments},
        {QStringLiteral("inlineImages"), images},
        {QStringLiteral("inReplyTo"), QString::fromLatin1(d.inReplyTo)},
        {QStringLiteral("references"), references},
        {QStringLiteral("extraHeaders"), extra},
        {QStringLiteral("messageId"), QString::fromLatin1(d.messageId)},
    };
}

StoredDraft fromJson(const QString &id, const QJsonObject &o)
{
    StoredDraft s;
    s.id = id;
    s.accountId = o.value(QLatin1StringView("account")).toInteger();
    s.richText = o.value(QLatin1StringView("rich")).toBool();
    Mime::MessageDraft &d = s.draft;
    const QList<MailAddress> from = addressesFromJson(o.value(QLatin1StringView("from")));
    if (!from.isEmpty())
        d.from = from.first();
    d.to = addressesFromJson(o.value(QLatin1StringView("to")));
    d.cc = addressesFromJson(o.value(QLatin1StringView("cc")));
    d.bcc = addressesFromJson(o.value(QLatin1StringView("bcc")));
    d.replyTo = addressesFromJson(o.value(QLatin1StringView("replyTo")));
    d.subject = o.value(QLatin1StringView("subject")).toString();
    d.plainBody = o.value(QLatin1StringView("plain")).toString();
    d.htmlBody = o.value(QLatin1StringView("html")).toString();
    for (const QJsonValue &v : o.value(QLatin1StringView("attachments")).toArray()) {
        const QJsonObject a = v.toObject();
        d.attachments.append({a.value(QLatin1StringView("path")).toString(),
                              unb64(a.value(QLatin1StringView("data"))),
                              a.value(QLatin1StringView("name")).toString(),
                              a.value(QLatin1StringView("mime")).toString()});
    }
    for (const QJsonValue &v : o.value(QLatin1StringView("inlineImages")).toArray()) {
        const QJsonObject i = v.toObject();
        d.inlineImages.append({unb64(i.value(QLatin1StringView("data"))),
                               i.value(QLatin1StringView("mime")).toString(),
                               i.value(QLatin1StringView("cid")).toString().toLatin1()});
    }
    d.inReplyTo = o.value(QLatin1StringView("inReplyTo")).toString().toLatin1();
    for (const QJsonValue &v : o.value(QLatin1StringView("references")).toArray())
        d.references.append(v.toString().toLatin1());
    for (const QJsonValue &v : o.value(QLatin1StringView("extraHeaders")).toArray()) {
        const QJsonObject h = v.toObject();
        d.extraHeaders.append({h.value(QLatin1StringView("name")).toString().toLatin1(),
                               h.value(QLatin1StringView("value")).toString()});
    }
    d.messageId = o.value(QLatin1StringView("messageId")).toString().toLatin1();
    return s;
}

} // namespace

DraftStore::DraftStore(const QString &directory)
    : m_directory(directory)
{
}

QString DraftStore::filePath(const QString &id) const
{
    return QDir(m_directory).filePath(id + QLatin1StringView(".json"));
}

bool DraftStore::save(const StoredDraft &draft)
{
    if (!QDir().mkpath(m_directory)) {
        m_error = QStringLiteral("cannot create %1").arg(m_directory);
        return false;
    }
    QSaveFile file(filePath(draft.id));
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = file.errorString();
        return false;
    }
    file.write(QJsonDocument(toJson(draft)).toJson(QJsonDocument::Compact));
    if (!file.commit()) {
        m_error = file.errorString();
        return false;
    }
    return true;
}

QList<StoredDraft> DraftStore::loadAll() const
{
    QList<StoredDraft> out;
    const QFileInfoList files = QDir(m_directory).entryInfoList(
        {QStringLiteral("*.json")}, QDir::Files, QDir::Time | QDir::Reversed);
    for (const QFileInfo &info : files) {
        QFile f(info.filePath());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
        if (doc.isObject())
            out.append(fromJson(info.completeBaseName(), doc.object()));
    }
    return out;
}

bool DraftStore::remove(const QString &id)
{
    return QFile::remove(filePath(id));
}

} // namespace Tern

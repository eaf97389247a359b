#include "secretstore.h"

#include <QEventLoop>
#include <QTimer>

namespace Tern {
namespace {

template<typename Start>
SecretStore::Result waitFor(Start start)
{
    SecretStore::Result result;
    bool done = false;
    QEventLoop loop;
    start([&](const SecretStore::Result &r) {
        result = r;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return result;
}

} // namespace

SecretStore::Result SecretStore::readNow(const QString &key)
{
    return waitFor([&](Callback cb) { read(key, cb); });
}

SecretStore::Result SecretStore::writeNow(const QString &key, const QString &secret)
{
    return waitFor([&](Callback cb) { write(key, secret, cb); });
}

SecretStore::Result SecretStore::removeNow(const QString &key)
{
    return waitFor([&](Callback cb) { remove(key, cb); });
}

void MemorySecretStore::read(const QString &key, Callback done)
{
    Result r;
    r.ok = m_secrets.contains(key);
    r.notFound = !r.ok;
    r.secret = m_secrets.value(key);
    if (r.notFound)
        r.error = tr("No password is stored for this account");
    done(r);
}

void MemorySecretStore::write(const QString &key, const QString &secret, Callback done)
{
    m_secrets.insert(key, secret);
    Result r;
    r.ok = true;
    done(r);
}

void MemorySecretStore::remove(const QString &key, Callback done)
{
    m_secrets.remove(key);
    Result r;
    r.ok = true;
    done(r);
}

} // namespace Tern

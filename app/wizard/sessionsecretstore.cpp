#include "sessionsecretstore.h"

#include <QPointer>

namespace Tern {

SessionSecretStore::SessionSecretStore(SecretStore *backend, Asker asker, QObject *parent)
    : SecretStore(parent), m_backend(backend), m_asker(std::move(asker))
{
}

QString SessionSecretStore::memoryOnlyNotice()
{
    return tr("No keychain is available: passwords are kept in memory for this session only "
              "and will be asked for again next time.");
}

void SessionSecretStore::becomeMemoryOnly()
{
    if (m_memoryOnly)
        return;
    m_memoryOnly = true;
    Q_EMIT memoryOnlyChanged(true);
}

void SessionSecretStore::read(const QString &key, Callback done)
{
    const Result cached = m_memory.readNow(key);
    if (cached.ok || m_memoryOnly) {
        if (cached.ok || !m_asker) {
            done(cached);
            return;
        }
        // Asked once per session: the answer is kept in memory for the next read.
        const QString answer = m_asker(key);
        Result r;
        if (answer.isEmpty()) {
            r.notFound = true;
            r.noBackend = true;
            r.error = tr("No password was given");
        } else {
            m_memory.writeNow(key, answer);
            r.ok = true;
            r.secret = answer;
        }
        done(r);
        return;
    }
    QPointer<SessionSecretStore> self(this);
    m_backend->read(key, [self, key, done](const Result &r) {
        if (!self || !r.noBackend) {
            done(r);
            return;
        }
        self->becomeMemoryOnly();
        self->read(key, done);
    });
}

void SessionSecretStore::write(const QString &key, const QString &secret, Callback done)
{
    if (m_memoryOnly) {
        m_memory.write(key, secret, done);
        return;
    }
    QPointer<SessionSecretStore> self(this);
    m_backend->write(key, secret, [self, key, secret, done](const Result &r) {
        if (!self || !r.noBackend) {
            done(r);
            return;
        }
        self->becomeMemoryOnly();
        self->m_memory.write(key, secret, done);
    });
}

void SessionSecretStore::remove(const QString &key, Callback done)
{
    m_memory.removeNow(key);
    if (m_memoryOnly) {
        Result r;
        r.ok = true;
        done(r);
        return;
    }
    m_backend->remove(key, done);
}

} // namespace Tern

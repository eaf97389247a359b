#include "discovery.h"

#include "configxml.h"
#include "dnsresolver.h"
#include "guesser.h"
#include "networkhttpfetcher.h"
#include "srvlookup.h"

#include <QEventLoop>
#include <QNetworkAccessManager>

#include <algorithm>

namespace Tern::Autoconfig {
namespace {

Finding makeFinding(Source source, Finding::Outcome outcome, const QString &detail = {},
                    const QString &origin = {})
{
    Finding f;
    f.source = source;
    f.outcome = outcome;
    f.detail = detail;
    f.origin = origin;
    return f;
}

} // namespace

Discovery::Discovery(const Settings &settings, QObject *parent)
    : QObject(parent), m_settings(settings)
{
    m_resolver = settings.resolver;
    if (!m_resolver) {
        m_ownResolver = std::make_unique<DnsResolver>();
        m_resolver = m_ownResolver.get();
    }
    m_fetcher = settings.fetcher;
    if (!m_fetcher) {
        m_ownManager = std::make_unique<QNetworkAccessManager>();
        m_ownFetcher = std::make_unique<NetworkHttpFetcher>(m_ownManager.get());
        m_fetcher = m_ownFetcher.get();
    }
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
    connect(&m_timer, &QTimer::timeout, this, &Discovery::onTimeout);
}

Discovery::~Discovery()
{
    cancelSteps();
}

void Discovery::cancelSteps()
{
    // Deleting a step's context aborts its requests and drops its callbacks.
    for (QObject *&c : m_contexts) {
        delete c;
        c = nullptr;
    }
    if (m_guesser) {
        // Later: this may run inside the guesser's own finished() signal.
        m_guesser->disconnect(this);
        m_guesser->deleteLater();
        m_guesser = nullptr;
    }
}

QUrl Discovery::xmlUrl(Source source, const QString &domain, const QString &email)
{
    const bool http = isInsecureSource(source);
    const QString scheme = http ? QStringLiteral("http") : QStringLiteral("https");
    QUrl url;
    if (source == Source::IspXml || source == Source::MxIspXml || source == Source::IspXmlHttp
        || source == Source::MxIspXmlHttp) {
        url = QUrl(scheme + QStringLiteral("://autoconfig.") + domain
                   + QStringLiteral("/mail/config-v1.1.xml"));
        url.setQuery(QStringLiteral("emailaddress=")
                     + QString::fromLatin1(QUrl::toPercentEncoding(email)));
    } else {
        url = QUrl(scheme + QStringLiteral("://") + domain
                   + QStringLiteral("/.well-known/autoconfig/mail/config-v1.1.xml"));
    }
    return url;
}

QString Discovery::mxProviderDomain(const QString &mxHost)
{
    QStringList labels = mxHost.toLower().split(QLatin1Char('.'), Qt::SkipEmptyParts);
    if (labels.size() < 2)
        return QString();
    return labels.mid(labels.size() - 2).join(QLatin1Char('.'));
}

QObject *Discovery::newContext(Source source)
{
    auto *context = new QObject(this);
    m_contexts[size_t(source)] = context;
    return context;
}

void Discovery::start(const QString &email)
{
    cancelSteps(); // a second start() replaces the first
    m_email = email.trimmed();
    m_result = AutoconfigResult();
    m_result.email = m_email;
    m_clock.start();
    m_running = true;
    for (int i = 0; i < SourceCount; ++i)
        m_findings[size_t(i)] = makeFinding(Source(i), Finding::Outcome::Pending);

    const qsizetype at = m_email.lastIndexOf(QLatin1Char('@'));
    const QString domain = at > 0 ? m_email.mid(at + 1).toLower() : QString();
    m_domain = QString::fromLatin1(QUrl::toAce(domain));
    if (m_domain.isEmpty() || !m_domain.contains(QLatin1Char('.'))) {
        m_result.error = QStringLiteral("\"%1\" is not an e-mail address").arg(m_email);
        QTimer::singleShot(0, this, [this] { finish(-1); });
        return;
    }
    m_result.domain = m_domain;
    m_timer.start(m_settings.timeoutMs);

    for (Source s : {Source::IspXml, Source::WellKnownXml, Source::IspXmlHttp,
                     Source::WellKnownXmlHttp}) {
        if (isInsecureSource(s) && !m_settings.allowHttp)
            settle(s, makeFinding(s, Finding::Outcome::Skipped, QStringLiteral("disabled")));
        else
            startXml(s, m_domain);
    }
    startSrv(Source::Srv, m_domain);
    startMx();
    if (m_settings.guess)
        startGuess();
    else
        settle(Source::Guess, makeFinding(Source::Guess, Finding::Outcome::Skipped,
                                          QStringLiteral("disabled")));
}

void Discovery::startXml(Source source, const QString &domain)
{
    const QUrl url = xmlUrl(source, domain, m_email);
    m_findings[size_t(source)].origin = url.toString();
    m_fetcher->get(url, newContext(source),
                   [this, source, url](int status, const QByteArray &body, const QString &error) {
        Finding f = makeFinding(source, Finding::Outcome::Pending, {}, url.toString());
        if (!error.isEmpty()) {
            f.outcome = status == 404 || status == 410 ? Finding::Outcome::NotFound
                                                       : Finding::Outcome::Failed;
            f.detail = error;
        } else {
            QString parseError;
            const auto config = parseConfigXml(body, m_email, &parseError);
            if (!config) {
                f.outcome = Finding::Outcome::Failed;
                f.detail = parseError;
            } else {
                f.displayName = config->displayName;
                f.incoming = config->incoming;
                f.outgoing = config->outgoing;
                f.notes = config->notes;
                f.settleFromServers(QStringLiteral("no servers"));
            }
        }
        settle(source, f);
    });
}

void Discovery::startSrv(Source source, const QString &domain)
{
    auto *lookup = new SrvLookup(m_resolver, source, newContext(source));
    connect(lookup, &SrvLookup::finished, this, [this, lookup, source] {
        settle(source, lookup->result());
    });
    lookup->start(domain, m_email);
    m_findings[size_t(source)].origin = lookup->result().origin;
}

void Discovery::startMx()
{
    // The MX question itself belongs to no single source; its answer starts five of them.
    auto *context = new QObject(this);
    m_contexts[size_t(Source::MxSrv)] = context;
    m_resolver->lookupMx(m_domain, context,
                         [this, context](QList<MxRecord> records, const QString &error) {
        m_contexts[size_t(Source::MxSrv)] = nullptr;
        context->deleteLater();
        std::stable_sort(records.begin(), records.end(),
                         [](const MxRecord &a, const MxRecord &b) {
            return a.preference < b.preference;
        });
        QString why;
        if (records.isEmpty() || records.first().exchange.isEmpty())
            why = error.isEmpty() ? QStringLiteral("no MX records") : error;
        const QString mxHost = why.isEmpty() ? records.first().exchange.toLower() : QString();
        const QString provider = mxProviderDomain(mxHost);
        if (why.isEmpty() && provider.isEmpty())
            why = QStringLiteral("MX host %1 has no domain").arg(mxHost);
        else if (why.isEmpty() && provider == m_domain)
            why = QStringLiteral("MX host %1 is in the domain itself").arg(mxHost);
        if (!mxHost.isEmpty()) {
            m_result.mxHost = mxHost;
            m_result.mxDomain = provider;
        }
        const Source mxSources[] = {Source::MxIspXml, Source::MxWellKnownXml, Source::MxSrv,
                                    Source::MxIspXmlHttp, Source::MxWellKnownXmlHttp};
        for (Source s : mxSources) {
            if (!why.isEmpty()) {
                settle(s, makeFinding(s, Finding::Outcome::NotFound, why,
                                      QStringLiteral("MX of ") + m_domain));
            } else if (isInsecureSource(s) && !m_settings.allowHttp) {
                settle(s, makeFinding(s, Finding::Outcome::Skipped, QStringLiteral("disabled")));
            } else if (s == Source::MxSrv) {
                startSrv(s, provider);
            } else {
                startXml(s, provider);
            }
        }
    });
}

void Discovery::startGuess()
{
    m_guesser = new Guesser(m_resolver, m_settings.probe, this);
    connect(m_guesser, &Guesser::finished, this, [this] {
        settle(Source::Guess, m_guesser->result());
    });
    m_guesser->start(m_email);
    m_findings[size_t(Source::Guess)].origin = m_guesser->result().origin;
}

void Discovery::settle(Source source, const Finding &finding)
{
    if (!m_running)
        return;
    const size_t i = size_t(source);
    if (m_findings[i].isSettled())
        return;
    m_findings[i] = finding;
    m_findings[i].source = source;
    if (QObject *context = m_contexts[i]) {
        m_contexts[i] = nullptr;
        context->deleteLater();
    }
    evaluate();
}

void Discovery::evaluate()
{
    if (!m_running)
        return;
    for (int rank = 0; rank < SourceCount; ++rank) {
        const Finding &f = m_findings[size_t(rank)];
        if (!f.isSettled())
            return; // a better source may still answer
        if (f.outcome == Finding::Outcome::Found) {
            finish(rank);
            return;
        }
    }
    finish(-1);
}

void Discovery::onTimeout()
{
    if (!m_running)
        return;
    const QString detail = QStringLiteral("no answer within %1 s")
                               .arg(m_settings.timeoutMs / 1000.0);
    // The guesser may have found something already; ask it before giving up on it.
    if (m_guesser && !m_guesser->isFinished()) {
        m_running = false; // keep settle() from finishing while we collect
        m_guesser->finishNow();
        m_running = true;
        m_findings[size_t(Source::Guess)] = m_guesser->result();
        if (m_findings[size_t(Source::Guess)].outcome == Finding::Outcome::NotFound)
            m_findings[size_t(Source::Guess)].outcome = Finding::Outcome::TimedOut;
    }
    int best = -1;
    for (int rank = 0; rank < SourceCount; ++rank) {
        Finding &f = m_findings[size_t(rank)];
        if (!f.isSettled()) {
            f.outcome = Finding::Outcome::TimedOut;
            f.detail = detail;
        }
        if (best < 0 && f.outcome == Finding::Outcome::Found)
            best = rank;
    }
    finish(best);
}

void Discovery::finish(int bestRank)
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    for (QObject *&c : m_contexts) {
        delete c;
        c = nullptr;
    }
    // The guesser stays (its probes say goodbye to the servers); its pending probes stop.
    if (m_guesser && !m_guesser->isFinished()) {
        m_guesser->disconnect(this);
        m_guesser->finishNow();
    }
    for (Finding &f : m_findings) {
        if (!f.isSettled()) {
            f.outcome = Finding::Outcome::Skipped;
            f.detail = QStringLiteral("a better source answered first");
        }
    }
    m_result.found = bestRank >= 0;
    if (bestRank < 0) {
        // Nothing usable: keep the best-ranked partial answer for the wizard to ask about.
        for (const Finding &f : m_findings) {
            if (f.outcome == Finding::Outcome::Unusable) {
                m_result.best = f;
                break;
            }
        }
    } else {
        m_result.best = m_findings[size_t(bestRank)];
    }
    const bool any = m_result.found || m_result.best.outcome == Finding::Outcome::Unusable;
    m_result.insecureSource = any && isInsecureSource(m_result.best.source);
    m_result.fromDns = any && isDnsSource(m_result.best.source);
    m_result.attempts = QList<Finding>(m_findings.begin(), m_findings.end());
    m_result.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    Q_EMIT finished(m_result);
}

AutoconfigResult discover(const QString &email, const Discovery::Settings &settings)
{
    Discovery discovery(settings);
    QEventLoop loop;
    QObject::connect(&discovery, &Discovery::finished, &loop, &QEventLoop::quit);
    discovery.start(email);
    if (discovery.isRunning())
        loop.exec();
    return discovery.result();
}

} // namespace Tern::Autoconfig

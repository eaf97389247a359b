#pragma once

#include "autoconfigresult.h"
#include "probesettings.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <array>
#include <memory>

class QNetworkAccessManager;

namespace Tern::Autoconfig {

class HttpFetcher;
class Resolver;
class Guesser;

/// Finds account settings from an e-mail address. All steps run in parallel under one
/// time-out; the highest-ranked success wins (see Source), and it is taken as soon as every
/// higher-ranked step has answered. Steps: the ISP XML (HTTPS), RFC 6186 SRV records, the same
/// two for the MX host's domain, guessing and probing, and last the XML over plain HTTP.
class Discovery : public QObject
{
    Q_OBJECT
public:
    /// What discovery talks to; every part can be replaced for tests.
    struct Settings {
        /// Not owned; null means the system's DNS (DnsResolver).
        Resolver *resolver = nullptr;
        /// Not owned; null means QNetworkAccessManager (NetworkHttpFetcher).
        HttpFetcher *fetcher = nullptr;
        ProbeSettings probe;
        /// The one time-out for everything.
        int timeoutMs = 30000;
        /// Also fetch the XML over plain HTTP (ranked last, flagged insecure).
        bool allowHttp = true;
        /// Run the guess-and-probe step.
        bool guess = true;
    };

    explicit Discovery(const Settings &settings, QObject *parent = nullptr);
    ~Discovery() override;

    /// Starts discovery for email; finished() follows, also for an invalid address.
    void start(const QString &email);
    bool isRunning() const { return m_running; }
    AutoconfigResult result() const { return m_result; }

    /// The URL of an XML source for a domain (with ?emailaddress= for the ISP one).
    static QUrl xmlUrl(Source source, const QString &domain, const QString &email);
    /// The simplified registrable domain of an MX host: its last two labels
    /// (mx1.mail.example.net → example.net). Wrong for example.co.uk-style suffixes, where it
    /// yields co.uk: that lookup then simply finds nothing; no public-suffix list is shipped.
    static QString mxProviderDomain(const QString &mxHost);

Q_SIGNALS:
    void finished(const Tern::Autoconfig::AutoconfigResult &result);

private:
    QObject *newContext(Source source);
    void cancelSteps();
    void startXml(Source source, const QString &domain);
    void startSrv(Source source, const QString &domain);
    void startMx();
    void startGuess();
    void settle(Source source, const Finding &finding);
    void evaluate();
    void onTimeout();
    void finish(int bestRank);

    Settings m_settings;
    std::unique_ptr<Resolver> m_ownResolver;
    std::unique_ptr<QNetworkAccessManager> m_ownManager;
    std::unique_ptr<HttpFetcher> m_ownFetcher;
    Resolver *m_resolver = nullptr;
    HttpFetcher *m_fetcher = nullptr;

    std::array<Finding, SourceCount> m_findings;
    std::array<QObject *, SourceCount> m_contexts{};
    Guesser *m_guesser = nullptr;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QString m_email;
    QString m_domain;
    AutoconfigResult m_result;
    bool m_running = false;
};

/// Runs discovery to the end in a local event loop: for the command line (`--auto`).
AutoconfigResult discover(const QString &email, const Discovery::Settings &settings = {});

} // namespace Tern::Autoconfig

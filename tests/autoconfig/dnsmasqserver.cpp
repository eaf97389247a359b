#include "dnsmasqserver.h"

#include <QDnsLookup>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QUdpSocket>

#include <unistd.h>

DnsmasqServer::~DnsmasqServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool DnsmasqServer::start(const QStringList &records)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("dnsmasq"),
        {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/bin")});
    if (program.isEmpty()) {
        m_error = QStringLiteral("dnsmasq is not installed (package dnsmasq-base)");
        return false;
    }
    {
        QUdpSocket probe;
        probe.bind(QHostAddress::LocalHost, 0);
        m_port = probe.localPort();
    }
    QStringList args{
        QStringLiteral("--no-daemon"), QStringLiteral("--conf-file=/dev/null"),
        QStringLiteral("--no-resolv"), QStringLiteral("--no-hosts"),
        QStringLiteral("--port=%1").arg(m_port), QStringLiteral("--listen-address=127.0.0.1"),
        QStringLiteral("--bind-interfaces"), QStringLiteral("--pid-file="),
        // Names under .test that are not listed get NXDOMAIN, not REFUSED.
        QStringLiteral("--local=/test/"),
        QStringLiteral("--txt-record=ready.test,ready")};
    if (geteuid() == 0)
        args << QStringLiteral("--user=root"); // the dev root has no unprivileged user to drop to
    args << records;
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(program, args);
    if (!m_process.waitForStarted(5000)) {
        m_error = QStringLiteral("dnsmasq did not start: ") + m_process.errorString();
        return false;
    }
    // Ready when it answers; it may need a moment to bind.
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 10000) {
        QDnsLookup lookup(QDnsLookup::TXT, QStringLiteral("ready.test"), address(), m_port);
        QSignalSpy done(&lookup, &QDnsLookup::finished);
        lookup.lookup();
        if ((done.count() > 0 || done.wait(2000)) && lookup.error() == QDnsLookup::NoError)
            return true;
        if (m_process.state() == QProcess::NotRunning)
            break;
        QSignalSpy(&m_process, &QProcess::finished).wait(100);
    }
    m_error = QStringLiteral("dnsmasq does not answer: ") + QString::fromLocal8Bit(
                  m_process.readAll());
    return false;
}

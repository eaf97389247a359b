#include "activitywindow.h"

#include "activity/jobmodel.h"
#include "imapconnection.h"

#include <QComboBox>
#include <QFont>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace Tern {

ActivityWindow::ActivityWindow(JobModel *jobs, QWidget *parent)
    : QWidget(parent), m_jobs(jobs), m_jobView(new QListView(this)),
      m_connections(new QComboBox(this)), m_logView(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Activity"));
    m_jobView->setModel(m_jobs);
    m_jobView->setAccessibleName(tr("Jobs"));
    m_connections->setAccessibleName(tr("Connection"));
    m_logView->setReadOnly(true);
    m_logView->setMaximumBlockCount(MaxLogLines);
    m_logView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_logView->setFont(QFont(QStringLiteral("monospace")));
    m_logView->setAccessibleName(tr("Protocol log"));

    auto *logPane = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logPane);
    logLayout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("&Protocol log of:"), logPane);
    label->setBuddy(m_connections);
    logLayout->addWidget(label);
    logLayout->addWidget(m_connections);
    logLayout->addWidget(m_logView);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_jobView);
    splitter->addWidget(logPane);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_connections, &QComboBox::currentTextChanged, this,
            &ActivityWindow::showConnection);
}

void ActivityWindow::attachConnection(const QString &name, Imap::Connection *connection)
{
    addName(name);
    if (auto old = m_imap.value(name))
        disconnect(old, nullptr, this, nullptr);
    m_imap.insert(name, connection);
    connect(connection, &Imap::Connection::protocolLog, this,
            [this, name](const ProtocolLogLine &line) { appendLog(name, line); });
}

void ActivityWindow::appendLog(const QString &name, const ProtocolLogLine &line)
{
    addName(name);
    QList<ProtocolLogLine> &lines = m_logs[name];
    ProtocolLogLine kept = line;
    kept.text = ConnectionReport::redact(line.text);
    lines.append(kept);
    if (lines.size() > MaxLogLines)
        lines.remove(0, lines.size() - MaxLogLines);
    if (m_connections->currentText() == name)
        m_logView->appendPlainText(render(kept));
}

QStringList ActivityWindow::connectionNames() const
{
    QStringList names;
    for (int i = 0; i < m_connections->count(); ++i)
        names.append(m_connections->itemText(i));
    return names;
}

QString ActivityWindow::connectionReport(const QString &name) const
{
    ConnectionReportData d;
    d.account = name;
    d.log = m_logs.value(name);
    d.saslMechanism = ConnectionReport::mechanismFromLog(d.log);
    if (const auto c = m_imap.value(name)) {
        d.capabilitiesAfter = c->capabilities().list();
        d.tls = c->tlsInfo();
        d.security = d.tls.encrypted ? QStringLiteral("TLS") : QStringLiteral("none");
    }
    return ConnectionReport::format(d);
}

void ActivityWindow::showConnection(const QString &name)
{
    if (m_connections->currentText() != name) {
        m_connections->setCurrentText(name); // re-enters through currentTextChanged
        return;
    }
    QStringList text;
    for (const ProtocolLogLine &line : m_logs.value(name))
        text.append(render(line));
    m_logView->setPlainText(text.join(QLatin1Char('\n')));
}

void ActivityWindow::addName(const QString &name)
{
    if (m_connections->findText(name) < 0)
        m_connections->addItem(name);
}

QString ActivityWindow::render(const ProtocolLogLine &line)
{
    const char *dir = line.direction == ProtocolLogLine::Direction::Sent ? "C: "
        : line.direction == ProtocolLogLine::Direction::Received       ? "S: "
                                                                       : "-- ";
    return line.when.toLocalTime().toString(u"HH:mm:ss.zzz") + QLatin1Char(' ')
        + QLatin1StringView(dir) + QString::fromUtf8(line.text);
}

} // namespace Tern

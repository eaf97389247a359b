#pragma once

#include "connectionreport.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QListView;
class QPlainTextEdit;

namespace Tern {

class JobModel;
namespace Imap {
class Connection;
}

/// The Activity window: running and failed jobs, and the redacted protocol log of each
/// connection (the last MaxLogLines lines per connection are kept).
class ActivityWindow : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxLogLines = 2000;

    explicit ActivityWindow(JobModel *jobs, QWidget *parent = nullptr);

    /// Shows this IMAP connection's log under name (e.g. "alice@example.org (IMAP)").
    void attachConnection(const QString &name, Imap::Connection *connection);
    /// Adds a line for any engine (SMTP, POP3 log signals) under name.
    void appendLog(const QString &name, const ProtocolLogLine &line);
    QStringList connectionNames() const;
    /// The kept log of one connection.
    QList<ProtocolLogLine> log(const QString &name) const { return m_logs.value(name); }
    /// A report from what the attached connection knows now (no new connection; use
    /// ConnectionProbe for a fresh one).
    QString connectionReport(const QString &name) const;
    /// Switches the log view to name.
    void showConnection(const QString &name);
    QPlainTextEdit *logView() const { return m_logView; }

private:
    void addName(const QString &name);
    static QString render(const ProtocolLogLine &line);

    JobModel *m_jobs;
    QListView *m_jobView;
    QComboBox *m_connections;
    QPlainTextEdit *m_logView;
    QHash<QString, QList<ProtocolLogLine>> m_logs;
    QHash<QString, QPointer<Imap::Connection>> m_imap;
};

} // namespace Tern

// JobModel under QAbstractItemModelTester: jobs start, progress, finish and fail, history is
// trimmed, and summary() (the status bar text) follows.
#include "activity/jobmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Tern;
using namespace Qt::StringLiterals;

class TestJobModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lifecycle()
    {
        JobModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy summary(&model, &JobModel::summaryChanged);
        QCOMPARE(model.summary(), QString());
        const int sync = model.addJob(u"Syncing INBOX"_s, u"alice"_s);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.summary(), u"Syncing INBOX"_s);
        model.setProgress(sync, 40);
        QCOMPARE(model.summary(), u"Syncing INBOX (40%)"_s);
        QCOMPARE(model.index(0).data(JobModel::ProgressRole).toInt(), 40);
        QCOMPARE(model.index(0).data(JobModel::AccountRole).toString(), u"alice"_s);
        const int send = model.addJob(u"Sending"_s, u"bob"_s);
        QCOMPARE(model.runningCount(), 2);
        QCOMPARE(model.summary(), u"2 jobs running"_s);
        model.fail(send, u"connection refused"_s);
        QCOMPARE(model.index(1).data(JobModel::StateRole).value<JobModel::State>(),
                 JobModel::State::Failed);
        QCOMPARE(model.index(1).data(JobModel::ErrorRole).toString(), u"connection refused"_s);
        model.finish(sync);
        QCOMPARE(model.runningCount(), 0);
        QCOMPARE(model.failedCount(), 1);
        QCOMPARE(model.summary(), u"Sending failed: connection refused"_s);
        model.finish(send); // a failed job stays failed
        QCOMPARE(model.failedCount(), 1);
        QVERIFY(summary.size() >= 4);
        QCOMPARE(summary.last().value(0).toString(), model.summary());
        model.clearFinished();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.summary(), QString());
        model.setProgress(12345, 3); // unknown ids are ignored
    }

    void historyLimit_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("done");
        QTest::addColumn<int>("expectedRows");
        QTest::newRow("under") << 5 << 3 << 4;
        QTest::newRow("over") << 2 << 5 << 3;
        QTest::newRow("zero") << 0 << 4 << 1;
    }
    void historyLimit()
    {
        QFETCH(int, limit);
        QFETCH(int, done);
        QFETCH(int, expectedRows);
        JobModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHistoryLimit(limit);
        const int running = model.addJob(u"running"_s);
        for (int i = 0; i < done; ++i)
            model.finish(model.addJob(u"job %1"_s.arg(i)));
        QCOMPARE(model.rowCount(), expectedRows);
        QCOMPARE(model.runningCount(), 1);
        QCOMPARE(model.index(0).data(JobModel::TitleRole).toString(), u"running"_s);
        model.finish(running);
    }
};

QTEST_GUILESS_MAIN(TestJobModel)
#include "tst_jobmodel.moc"

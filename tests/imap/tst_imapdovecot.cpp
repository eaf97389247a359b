#include <QTest>
class TestImapDovecot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placeholder() { QVERIFY(true); }
};
QTEST_GUILESS_MAIN(TestImapDovecot)
#include "tst_imapdovecot.moc"

#include "common/linebuffer.h"

#include <QTest>

using namespace Tern;

class TestLineBuffer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitsInAnyChunking_data()
    {
        QTest::addColumn<int>("chunk");
        for (int c : {1, 2, 3, 7, 1000})
            QTest::newRow(qPrintable(QString::number(c))) << c;
    }

    void splitsInAnyChunking()
    {
        QFETCH(int, chunk);
        const QByteArray input = "250-first\r\n250-second\n\r\n250 last\r\npartial";
        LineBuffer buffer;
        QByteArrayList lines;
        for (qsizetype i = 0; i < input.size(); i += chunk) {
            buffer.feed(input.mid(i, chunk));
            while (auto line = buffer.takeLine())
                lines << *line;
        }
        QCOMPARE(lines, (QByteArrayList{"250-first", "250-second", "", "250 last"}));
        QCOMPARE(buffer.pending(), qsizetype(7));
        QVERIFY(!buffer.overflowed());
    }

    void capsLineLength()
    {
        LineBuffer buffer(16);
        buffer.feed(QByteArray(17, 'x'));
        QVERIFY(!buffer.takeLine());
        QVERIFY(buffer.overflowed());

        LineBuffer terminated(16);
        terminated.feed(QByteArray(20, 'y') + "\r\n");
        QVERIFY(!terminated.takeLine());
        QVERIFY(terminated.overflowed());
    }
};

QTEST_GUILESS_MAIN(TestLineBuffer)
#include "tst_linebuffer.moc"

#include "fuzzentry.h"

#include <QDir>
#include <QFile>
#include <QTest>

// Runs the fuzz entry once over every regression fixture, with any compiler.
class TestMimeFuzzCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void corpus_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(TERN_TEST_DATA_DIR "/mime"));
        const QStringList files = dir.entryList(QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }

    void corpus()
    {
        QFETCH(QString, path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        Tern::Mime::fuzzMime(data);
        for (qsizetype cut = 0; cut < data.size(); cut += 97) // every truncation point class
            Tern::Mime::fuzzMime(QByteArrayView(data).first(cut));
    }
};

QTEST_GUILESS_MAIN(TestMimeFuzzCorpus)
#include "tst_mimefuzzcorpus.moc"

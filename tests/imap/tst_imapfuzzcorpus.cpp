#include "fuzzentry.h"

#include <QDir>
#include <QFile>
#include <QTest>

// Runs the fuzz entry over every seed and regression file, so the corpus runs with any compiler.
class TestImapFuzzCorpus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corpus_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(TERN_TEST_DATA_DIR "/imap"));
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 10);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }

    void corpus()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray data = file.readAll();
        QVERIFY(!data.isEmpty());
        Tern::Imap::fuzzParser(data); // aborts on a chunking mismatch; sanitizers catch the rest
    }
};

QTEST_GUILESS_MAIN(TestImapFuzzCorpus)
#include "tst_imapfuzzcorpus.moc"

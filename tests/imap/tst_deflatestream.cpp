// COMPRESS=DEFLATE stream (RFC 4978): round trips in any chunking, sync-flushed output that
// decodes at once, zlib interoperability, corrupt input and expansion limits.
#include "deflatestream.h"

#include <QRandomGenerator>
#include <QTest>

#include <zlib.h>

using Tern::Imap::DeflateStream;

class TestDeflateStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("plain");
        QTest::addColumn<int>("chunk");
        const QByteArray fetch = "* 1 FETCH (UID 1 FLAGS (\\Seen))\r\n";
        QTest::newRow("empty") << QByteArray() << 1;
        QTest::newRow("one line") << QByteArray("A1 NOOP\r\n") << 1;
        QTest::newRow("repetitive, whole") << fetch.repeated(5000) << 1;
        QTest::newRow("repetitive, 7-byte chunks") << fetch.repeated(500) << 7;
        QByteArray noise(200000, '\0');
        QRandomGenerator gen(42);
        for (char &c : noise)
            c = char(gen.bounded(256));
        QTest::newRow("incompressible, 1000-byte chunks") << noise << 1000;
    }

    void roundTrip()
    {
        QFETCH(QByteArray, plain);
        QFETCH(int, chunk);
        DeflateStream client;
        DeflateStream server;
        // Each write is sync-flushed, so the peer decodes every message completely at once.
        const QByteArray wire = client.deflate(plain);
        QByteArray decoded;
        const int step = chunk <= 1 ? int(qMax<qsizetype>(1, wire.size())) : chunk;
        for (qsizetype i = 0; i < wire.size(); i += step)
            decoded += server.inflate(wire.mid(i, step));
        QVERIFY2(!server.hasError(), qPrintable(server.errorString()));
        QCOMPARE(decoded, plain);
        QCOMPARE(client.plainBytesOut(), quint64(plain.size()));
    }

    void everyWriteDecodesWithoutMoreInput()
    {
        DeflateStream a;
        DeflateStream b;
        for (int i = 0; i < 50; ++i) {
            const QByteArray line = "A" + QByteArray::number(i) + " NOOP\r\n";
            QCOMPARE(b.inflate(a.deflate(line)), line);
        }
        QVERIFY(a.compressedBytesOut() > 0);
    }

    void interoperatesWithRawZlib()
    {
        // A raw-deflate stream from plain zlib, as Dovecot produces it.
        const QByteArray plain =
            QByteArray("* OK [CAPABILITY IMAP4rev1] compressed\r\n").repeated(30);
        z_stream z{};
        QCOMPARE(deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
        QByteArray out(4096, '\0');
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(plain.data()));
        z.avail_in = uInt(plain.size());
        z.next_out = reinterpret_cast<Bytef *>(out.data());
        z.avail_out = uInt(out.size());
        QCOMPARE(deflate(&z, Z_SYNC_FLUSH), Z_OK);
        out.resize(out.size() - qsizetype(z.avail_out));
        deflateEnd(&z);
        DeflateStream s;
        QCOMPARE(s.inflate(out), plain);
    }

    void corruptInputIsAnError()
    {
        DeflateStream s;
        const QByteArray garbage("\xff\xff\xff\xff\xff\xff\xff\xff", 8);
        QVERIFY(s.inflate(garbage).isEmpty());
        QVERIFY(s.hasError());
        QVERIFY(s.inflate(QByteArray("more")).isEmpty());
    }

    void decompressionBombIsCapped()
    {
        DeflateStream sender;
        DeflateStream receiver(64 * 1024);
        const QByteArray wire = sender.deflate(QByteArray(10 * 1024 * 1024, 'x'));
        QVERIFY(wire.size() < 64 * 1024);
        receiver.inflate(wire);
        QVERIFY(receiver.hasError());
    }
};

QTEST_GUILESS_MAIN(TestDeflateStream)
#include "tst_deflatestream.moc"

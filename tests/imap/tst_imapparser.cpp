#include "imapparser.h"
#include "parserharness.h"

#include <QTest>
#include <QTimeZone>

using namespace Tern::Imap;
using namespace Qt::StringLiterals;
using Responses = QList<Response>;
Q_DECLARE_METATYPE(Responses)

namespace {

using Kind = StatusResponse::Kind;

StatusResponse status(QByteArray tag, Kind kind, QString text,
                      std::optional<ResponseCode> code = std::nullopt)
{
    StatusResponse s;
    s.tag = std::move(tag);
    s.kind = kind;
    s.text = std::move(text);
    s.code = std::move(code);
    return s;
}

ResponseCode code(QByteArray name, QList<quint64> numbers = {}, QByteArrayList atoms = {},
                  QByteArray text = {})
{
    return ResponseCode{std::move(name), std::move(text), std::move(numbers), std::move(atoms)};
}

FetchData fetch(quint32 seq)
{
    FetchData f;
    f.seq = seq;
    return f;
}

QDateTime date(int y, int mo, int d, int h, int mi, int s, int offsetMinutes)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s),
                     QTimeZone::fromSecondsAheadOfUtc(offsetMinutes * 60));
}

BodyStructure part(QByteArray type, QByteArray subtype, quint64 size,
                   QList<QPair<QByteArray, QByteArray>> params = {}, QByteArray encoding = "7bit")
{
    BodyStructure b;
    b.type = std::move(type);
    b.subtype = std::move(subtype);
    b.size = size;
    b.params = std::move(params);
    b.encoding = std::move(encoding);
    return b;
}

BodySection section(QByteArray name, QByteArray data, std::optional<quint32> origin = {},
                    bool binary = false)
{
    BodySection s;
    s.section = std::move(name);
    s.data = std::move(data);
    s.origin = origin;
    s.binary = binary;
    return s;
}

} // namespace

class TestImapParser : public QObject
{
    Q_OBJECT
private:
    void addCases();
    void addErrors();

private Q_SLOTS:
    void parses_data() { addCases(); }
    void parses();
    void parsesByteByByte_data() { addCases(); }
    void parsesByteByByte();
    void parsesRandomChunks_data() { addCases(); }
    void parsesRandomChunks();
    void rejects_data() { addErrors(); }
    void rejects();
    void rejectsByteByByte_data() { addErrors(); }
    void rejectsByteByByte();

    void utf8Mailboxes();
    void hugeLiteralIsNotAllocatedUpFront();
    void longLineIsBounded();
    void streamMemoryIsBounded();
    void nestingLimit();
    void resetClearsErrorAndBuffer();
    void finishDetectsTruncation();
    void responsesComeOutOneAtATime();
};

void TestImapParser::addCases()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Responses>("expected");

    // Status responses and every response code of the issue.
    QTest::newRow("tagged-ok") << QByteArray("A1 OK LOGIN completed\r\n")
                               << Responses{status("A1", Kind::Ok, u"LOGIN completed"_s)};
    QTest::newRow("tagged-no-lowercase") << QByteArray("a2 no [TRYCREATE] No such mailbox\r\n")
        << Responses{status("a2", Kind::No, u"No such mailbox"_s, code("TRYCREATE"))};
    QTest::newRow("tagged-bad-no-text") << QByteArray("A3 BAD\r\n")
                                        << Responses{status("A3", Kind::Bad, {})};
    QTest::newRow("untagged-ok-utf8-text") << QByteArray("* OK Grüße\r\n")
                                           << Responses{status({}, Kind::Ok, u"Grüße"_s)};
    QTest::newRow("bye") << QByteArray("* BYE Server shutting down\r\n")
                         << Responses{status({}, Kind::Bye, u"Server shutting down"_s)};
    QTest::newRow("preauth") << QByteArray("* PREAUTH [CAPABILITY IMAP4rev1 imap4rev2] hi\r\n")
        << Responses{status({}, Kind::Preauth, u"hi"_s,
                            code("CAPABILITY", {}, {"IMAP4REV1", "IMAP4REV2"}))};
    QTest::newRow("text-ending-in-brace-is-no-literal") << QByteArray("* NO bad {5}\r\n")
        << Responses{status({}, Kind::No, u"bad {5}"_s)};
    QTest::newRow("alert") << QByteArray("* OK [ALERT] System going down\r\n")
        << Responses{status({}, Kind::Ok, u"System going down"_s, code("ALERT"))};
    QTest::newRow("permanentflags")
        << QByteArray("* OK [PERMANENTFLAGS (\\deleted \\Seen \\*)] Limited\r\n")
        << Responses{status({}, Kind::Ok, u"Limited"_s,
                            code("PERMANENTFLAGS", {}, {"\\Deleted", "\\Seen", "\\*"}))};
    QTest::newRow("uidvalidity") << QByteArray("* OK [UIDVALIDITY 3857529045] UIDs valid\r\n")
        << Responses{status({}, Kind::Ok, u"UIDs valid"_s, code("UIDVALIDITY", {3857529045}))};
    QTest::newRow("uidnext") << QByteArray("* OK [UIDNEXT 4392] Predicted next UID\r\n")
        << Responses{status({}, Kind::Ok, u"Predicted next UID"_s, code("UIDNEXT", {4392}))};
    QTest::newRow("unseen") << QByteArray("* OK [UNSEEN 12] first unseen\r\n")
        << Responses{status({}, Kind::Ok, u"first unseen"_s, code("UNSEEN", {12}))};
    QTest::newRow("highestmodseq") << QByteArray("* OK [HIGHESTMODSEQ 715194045007] Ok\r\n")
        << Responses{status({}, Kind::Ok, u"Ok"_s, code("HIGHESTMODSEQ", {715194045007}))};
    QTest::newRow("nomodseq") << QByteArray("* OK [NOMODSEQ] Sorry\r\n")
        << Responses{status({}, Kind::Ok, u"Sorry"_s, code("NOMODSEQ"))};
    QTest::newRow("modified") << QByteArray("d105 OK [MODIFIED 7,9] Conditional STORE\r\n")
        << Responses{status("d105", Kind::Ok, u"Conditional STORE"_s,
                            code("MODIFIED", {}, {}, "7,9"))};
    QTest::newRow("appenduid") << QByteArray("A003 OK [APPENDUID 38505 3955] APPEND done\r\n")
        << Responses{status("A003", Kind::Ok, u"APPEND done"_s,
                            code("APPENDUID", {38505}, {}, "3955"))};
    QTest::newRow("copyuid")
        << QByteArray("A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n")
        << Responses{status("A004", Kind::Ok, u"Done"_s,
                            code("COPYUID", {38505}, {"304,319:320", "3956:3958"}))};
    QTest::newRow("read-only") << QByteArray("A5 OK [READ-ONLY] EXAMINE completed\r\n")
        << Responses{status("A5", Kind::Ok, u"EXAMINE completed"_s, code("READ-ONLY"))};
    QTest::newRow("read-write") << QByteArray("A6 OK [READ-WRITE] SELECT completed\r\n")
        << Responses{status("A6", Kind::Ok, u"SELECT completed"_s, code("READ-WRITE"))};
    QTest::newRow("closed") << QByteArray("* OK [CLOSED] Previous mailbox closed\r\n")
        << Responses{status({}, Kind::Ok, u"Previous mailbox closed"_s, code("CLOSED"))};
    QTest::newRow("capability-code")
        << QByteArray("* OK [CAPABILITY IMAP4rev1 SASL-IR auth=PLAIN] Dovecot ready.\r\n")
        << Responses{status({}, Kind::Ok, u"Dovecot ready."_s,
                            code("CAPABILITY", {}, {"IMAP4REV1", "SASL-IR", "AUTH=PLAIN"}))};
    QTest::newRow("unknown-code") << QByteArray("A7 NO [OVERQUOTA x y] Quota exceeded\r\n")
        << Responses{status("A7", Kind::No, u"Quota exceeded"_s,
                            code("OVERQUOTA", {}, {}, "x y"))};
    QTest::newRow("badcharset") << QByteArray("A8 NO [BADCHARSET (UTF-8 \"x y\")] no\r\n")
        << Responses{status("A8", Kind::No, u"no"_s, code("BADCHARSET", {}, {"UTF-8", "x y"}))};
    QTest::newRow("code-without-text") << QByteArray("A9 OK [READ-WRITE]\r\n")
        << Responses{status("A9", Kind::Ok, {}, code("READ-WRITE"))};

    QTest::newRow("continuation") << QByteArray("+ Ready for literal\r\n")
                                  << Responses{ContinuationRequest{"Ready for literal"}};
    QTest::newRow("continuation-empty") << QByteArray("+\r\n")
                                        << Responses{ContinuationRequest{}};
    QTest::newRow("continuation-base64") << QByteArray("+ YWJj{3}\r\n")
                                         << Responses{ContinuationRequest{"YWJj{3}"}};

    QTest::newRow("capability")
        << QByteArray("* CAPABILITY IMAP4rev1 LITERAL+ Sasl-IR AUTH=PLAIN\r\n")
        << Responses{CapabilityData{{"IMAP4REV1", "LITERAL+", "SASL-IR", "AUTH=PLAIN"}}};

    ListData inbox{{"\\HasNoChildren"}, "/", u"INBOX"_s, false, {}};
    QTest::newRow("list-inbox-lowercase") << QByteArray("* LIST (\\hasnochildren) \"/\" inbox\r\n")
                                          << Responses{inbox};
    ListData special{{"\\Sent", "\\HasNoChildren"}, ".", u"Gesendete Objekte"_s, false, {}};
    QTest::newRow("list-special-use-quoted")
        << QByteArray("* LIST (\\Sent \\HasNoChildren) \".\" \"Gesendete Objekte\"\r\n")
        << Responses{special};
    ListData utf7{{}, "/", u"Entwürfe/台北"_s, false, {}};
    QTest::newRow("list-mutf7") << QByteArray("* LIST () \"/\" Entw&APw-rfe/&U,BTFw-\r\n")
                                << Responses{utf7};
    ListData nilDelimiter{{"\\Noselect"}, {}, u"foo"_s, false, {}};
    QTest::newRow("list-nil-delimiter") << QByteArray("* LIST (\\NoSelect) NIL foo\r\n")
                                        << Responses{nilDelimiter};
    ListData escaped{{}, "\\", u"a\\b"_s, true, {}};
    QTest::newRow("lsub-escaped-delimiter") << QByteArray("* LSUB () \"\\\\\" \"a\\\\b\"\r\n")
                                            << Responses{escaped};
    ListData literalName{{"\\Marked"}, "/", u"with \"quote\""_s, false, {}};
    QTest::newRow("list-literal-name")
        << QByteArray("* LIST (\\Marked) \"/\" {12}\r\nwith \"quote\"\r\n") << Responses{literalName};
    ListData childInfo{{"\\NonExistent"}, "/", u"Foo"_s, false, {"SUBSCRIBED"}};
    QTest::newRow("list-extended-childinfo")
        << QByteArray("* LIST (\\NonExistent) \"/\" Foo (\"CHILDINFO\" (\"SUBSCRIBED\") "
                      "\"OLDNAME\" (\"Bar\"))\r\n")
        << Responses{childInfo};

    QTest::newRow("status")
        << QByteArray("* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 size 12345 "
                      "HIGHESTMODSEQ 7011231777)\r\n")
        << Responses{StatusData{u"blurdybloop"_s, {{"MESSAGES", 231}, {"UIDNEXT", 44292},
                                                    {"SIZE", 12345},
                                                    {"HIGHESTMODSEQ", 7011231777}}}};
    QTest::newRow("status-nil-and-objectid")
        << QByteArray("* STATUS \"a b\" (APPENDLIMIT NIL MAILBOXID (F2212ea87) UIDNEXT 5)\r\n")
        << Responses{StatusData{u"a b"_s, {{"UIDNEXT", 5}}}};
    QTest::newRow("flags")
        << QByteArray("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n")
        << Responses{FlagsData{{"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft",
                                "$Forwarded"}}};
    QTest::newRow("flags-empty") << QByteArray("* FLAGS ()\r\n") << Responses{FlagsData{}};
    QTest::newRow("exists-recent-expunge")
        << QByteArray("* 172 EXISTS\r\n* 1 RECENT\r\n* 44 EXPUNGE\r\n")
        << Responses{NumberData{NumberData::Kind::Exists, 172},
                     NumberData{NumberData::Kind::Recent, 1},
                     NumberData{NumberData::Kind::Expunge, 44}};

    QTest::newRow("search") << QByteArray("* SEARCH 2 84 882\r\n")
                            << Responses{SearchData{{2, 84, 882}, {}}};
    QTest::newRow("search-empty") << QByteArray("* SEARCH\r\n") << Responses{SearchData{}};
    QTest::newRow("search-modseq") << QByteArray("* SEARCH 2 5 6 (MODSEQ 917162500)\r\n")
                                   << Responses{SearchData{{2, 5, 6}, 917162500}};
    ESearchData esearch;
    esearch.tag = "A282";
    esearch.uid = true;
    esearch.min = 2;
    esearch.max = 47;
    esearch.count = 3;
    esearch.all = "2,10:11,47";
    esearch.modseq = 88;
    QTest::newRow("esearch")
        << QByteArray("* ESEARCH (TAG \"A282\") UID MIN 2 MAX 47 COUNT 3 ALL 2,10:11,47 "
                      "MODSEQ 88 RELEVANCY (4 5 6)\r\n")
        << Responses{esearch};
    QTest::newRow("esearch-empty") << QByteArray("* ESEARCH (TAG \"A1\") UID\r\n")
        << Responses{ESearchData{"A1", true, {}, {}, {}, {}, {}}};
    QTest::newRow("vanished-earlier") << QByteArray("* VANISHED (EARLIER) 41,43:116,118\r\n")
                                      << Responses{VanishedData{true, "41,43:116,118"}};
    QTest::newRow("vanished") << QByteArray("* VANISHED 405,707\r\n")
                              << Responses{VanishedData{false, "405,707"}};
    QTest::newRow("enabled") << QByteArray("* ENABLED CONDSTORE qresync\r\n")
                             << Responses{EnabledData{{"CONDSTORE", "QRESYNC"}}};
    QTest::newRow("enabled-none") << QByteArray("* ENABLED\r\n") << Responses{EnabledData{}};
    NamespaceData ns;
    ns.personal = {{u""_s, "/"}};
    ns.otherUsers = {{u"~"_s, "/"}};
    ns.shared = {{u"#shared/"_s, "/"}, {u"#public/Bücher"_s, {}}};
    QTest::newRow("namespace")
        << QByteArray("* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\" "
                      "\"X-PARAM\" (\"FLAG1\"))(\"#public/B&APw-cher\" NIL))\r\n")
        << Responses{ns};
    QTest::newRow("namespace-nil") << QByteArray("* NAMESPACE ((\"\" \".\")) NIL NIL\r\n")
        << Responses{NamespaceData{{{u""_s, "."}}, {}, {}}};
    QTest::newRow("id") << QByteArray("* ID (\"name\" \"Dovecot\" \"version\" NIL)\r\n")
                        << Responses{IdData{{{"name", "Dovecot"}, {"version", {}}}}};
    QTest::newRow("id-nil") << QByteArray("* ID NIL\r\n") << Responses{IdData{}};
    QTest::newRow("sort") << QByteArray("* SORT 2 3 6\r\n") << Responses{SortData{{2, 3, 6}}};
    QTest::newRow("thread") << QByteArray("* THREAD (2)(3 6 (4 23)(44 7 96))\r\n")
                            << Responses{ThreadData{"(2)(3 6 (4 23)(44 7 96))"}};
    QTest::newRow("unknown-untagged-skipped")
        << QByteArray("* QUOTA \"\" (STORAGE 10 512)\r\n* 3 XFOO bar\r\nA1 OK done\r\n")
        << Responses{status("A1", Kind::Ok, u"done"_s)};

    // FETCH
    FetchData flags = fetch(12);
    flags.uid = 4827313;
    flags.flags = QByteArrayList{"\\Seen", "$Junk"};
    flags.modseq = 12121231000;
    QTest::newRow("fetch-flags-modseq")
        << QByteArray("* 12 FETCH (UID 4827313 FLAGS (\\SEEN $Junk) MODSEQ (12121231000))\r\n")
        << Responses{flags};
    FetchData dates = fetch(1);
    dates.internalDate = date(1996, 7, 17, 2, 44, 25, -7 * 60);
    dates.size = 4286;
    dates.saveDate = date(2020, 1, 5, 13, 0, 59, 90);
    QTest::newRow("fetch-dates")
        << QByteArray("* 1 FETCH (INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 "
                      "SAVEDATE \" 5-Jan-2020 13:00:59 +0130\")\r\n")
        << Responses{dates};
    FetchData noSaveDate = fetch(2);
    QTest::newRow("fetch-savedate-nil") << QByteArray("* 2 FETCH (SAVEDATE NIL)\r\n")
                                        << Responses{noSaveDate};
    FetchData objectId = fetch(3);
    objectId.emailId = "M6d99ac3275bb4e";
    objectId.threadId = "T64b478a75b7ea9";
    QTest::newRow("fetch-objectid")
        << QByteArray("* 3 FETCH (EMAILID (M6d99ac3275bb4e) THREADID (T64b478a75b7ea9))\r\n")
        << Responses{objectId};
    QTest::newRow("fetch-threadid-nil") << QByteArray("* 4 FETCH (THREADID NIL)\r\n")
                                        << Responses{fetch(4)};
    FetchData preview = fetch(5);
    preview.preview = "Hello \"you\"";
    QTest::newRow("fetch-preview") << QByteArray("* 5 FETCH (PREVIEW \"Hello \\\"you\\\"\")\r\n")
                                   << Responses{preview};
    QTest::newRow("fetch-preview-literal") << QByteArray("* 5 FETCH (PREVIEW {11}\r\nHello \"you\")\r\n")
                                           << Responses{preview};
    QTest::newRow("fetch-preview-draft") << QByteArray("* 5 FETCH (PREVIEW (FUZZY \"Hello \\\"you\\\"\"))\r\n")
                                         << Responses{preview};

    Envelope envelope;
    envelope.date = "Wed, 17 Jul 1996 02:23:25 -0700 (PDT)";
    envelope.subject = "IMAP4rev1 WG mtg summary and minutes";
    envelope.from = {{"Terry Gray", {}, "gray", "cac.washington.edu"}};
    envelope.sender = envelope.from;
    envelope.replyTo = envelope.from;
    envelope.to = {{{}, {}, "imap", "cac.washington.edu"}};
    envelope.cc = {{{}, {}, "minutes", "CNRI.Reston.VA.US"},
                   {"John Klensin", {}, "KLENSIN", "MIT.EDU"}};
    envelope.messageId = "<B27397-0100000@cac.washington.edu>";
    FetchData withEnvelope = fetch(12);
    withEnvelope.envelope = envelope;
    QTest::newRow("fetch-envelope-rfc3501")
        << QByteArray("* 12 FETCH (ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" "
                      "\"IMAP4rev1 WG mtg summary and minutes\" "
                      "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                      "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                      "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                      "((NIL NIL \"imap\" \"cac.washington.edu\")) "
                      "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")"
                      "(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
                      "\"<B27397-0100000@cac.washington.edu>\"))\r\n")
        << Responses{withEnvelope};
    Envelope group;
    group.subject = "=?utf-8?q?Gr=C3=BC=C3=9Fe?=";
    group.to = {{{}, {}, "undisclosed-recipients", {}}, {{}, {}, {}, {}}};
    group.inReplyTo = "<a@b>";
    FetchData withGroup = fetch(7);
    withGroup.envelope = group;
    QTest::newRow("fetch-envelope-nil-and-group")
        << QByteArray("* 7 FETCH (ENVELOPE (NIL \"=?utf-8?q?Gr=C3=BC=C3=9Fe?=\" NIL NIL NIL "
                      "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL "
                      "\"<a@b>\" NIL))\r\n")
        << Responses{withGroup};

    BodyStructure text = part("text", "plain", 3028, {{"charset", "US-ASCII"}});
    text.lines = 92;
    FetchData simple = fetch(12);
    simple.bodyStructure = text;
    QTest::newRow("fetch-body-simple")
        << QByteArray("* 12 FETCH (BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL "
                      "\"7BIT\" 3028 92))\r\n")
        << Responses{simple};

    BodyStructure textPart = part("text", "plain", 1152, {{"charset", "US-ASCII"}});
    textPart.lines = 23;
    BodyStructure attachment = part("application", "pdf", 4554, {{"name", "cc.pdf"}}, "base64");
    attachment.id = "<960723163407.20117h@cac.washington.edu>";
    attachment.description = "Compiler diff";
    attachment.md5 = "d41d8cd98f00b204e9800998ecf8427e";
    attachment.disposition = "attachment";
    attachment.dispositionParams = {{"filename", "cc.pdf"}};
    attachment.language = {"en", "de"};
    attachment.location = "http://example.org/cc.pdf";
    BodyStructure inner = part("text", "html", 20, {}, "quoted-printable");
    inner.lines = 1;
    BodyStructure message = part("message", "rfc822", 500);
    message.embeddedEnvelope = std::make_shared<Envelope>(group);
    message.embeddedBody = std::make_shared<BodyStructure>(inner);
    message.lines = 12;
    BodyStructure alternative;
    alternative.type = "multipart";
    alternative.subtype = "mixed";
    alternative.children = {textPart, attachment, message};
    alternative.params = {{"boundary", "b1"}};
    alternative.language = {"en"};
    FetchData structure = fetch(8);
    structure.uid = 9;
    structure.bodyStructure = alternative;
    QTest::newRow("fetch-bodystructure-nested")
        << QByteArray("* 8 FETCH (UID 9 BODYSTRUCTURE ("
                      "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152 23)"
                      "(\"APPLICATION\" \"PDF\" (\"NAME\" \"cc.pdf\") "
                      "\"<960723163407.20117h@cac.washington.edu>\" \"Compiler diff\" \"BASE64\" "
                      "4554 \"d41d8cd98f00b204e9800998ecf8427e\" (\"ATTACHMENT\" (\"FILENAME\" "
                      "\"cc.pdf\")) (\"en\" \"de\") \"http://example.org/cc.pdf\" 17 (\"x\" 1))"
                      "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 500 (NIL "
                      "\"=?utf-8?q?Gr=C3=BC=C3=9Fe?=\" NIL NIL NIL ((NIL NIL "
                      "\"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL \"<a@b>\" NIL) "
                      "(\"TEXT\" \"HTML\" NIL NIL NIL \"QUOTED-PRINTABLE\" 20 1) 12)"
                      " \"MIXED\" (\"BOUNDARY\" \"b1\") NIL \"en\" NIL))\r\n")
        << Responses{structure};
    BodyStructure emptyMultipart;
    emptyMultipart.type = "multipart";
    emptyMultipart.subtype = "alternative";
    emptyMultipart.children = {text, text};
    FetchData spaced = fetch(9);
    spaced.bodyStructure = emptyMultipart;
    QTest::newRow("fetch-bodystructure-spaced-children")
        << QByteArray("* 9 FETCH (BODYSTRUCTURE ("
                      "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92) "
                      "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92) "
                      "\"ALTERNATIVE\"))\r\n")
        << Responses{spaced};

    FetchData bodies = fetch(4);
    bodies.uid = 10;
    bodies.sections = {section("", "Subject: hi\r\n\r\nbody\r\n"),
                       section("HEADER.FIELDS (FROM TO)", "From: a\r\n\r\n"),
                       section("1.2", "part", 100), section("TEXT", "xyz")};
    BodySection nil = section("2", {});
    nil.isNil = true;
    bodies.sections.append(nil);
    QTest::newRow("fetch-body-sections")
        << QByteArray("* 4 FETCH (UID 10 BODY[] {21}\r\nSubject: hi\r\n\r\nbody\r\n "
                      "BODY[HEADER.FIELDS (FROM TO)] {11}\r\nFrom: a\r\n\r\n BODY[1.2]<100> "
                      "\"part\" BODY[TEXT] {3+}\r\nxyz BODY[2] NIL)\r\n")
        << Responses{bodies};
    FetchData rfc822 = fetch(6);
    rfc822.sections = {section("", "abc"), section("HEADER", "h"), section("TEXT", "t")};
    QTest::newRow("fetch-rfc822-items")
        << QByteArray("* 6 FETCH (RFC822 {3}\r\nabc RFC822.HEADER \"h\" RFC822.TEXT \"t\")\r\n")
        << Responses{rfc822};
    FetchData binary = fetch(5);
    binary.sections = {section("1", QByteArray("\0\1\2\r\n", 5), {}, true),
                       section("2", "x", 0, true)};
    binary.binarySize = 5;
    QTest::newRow("fetch-binary-literal8")
        << QByteArrayLiteral("* 5 FETCH (BINARY[1] ~{5}\r\n\0\1\2\r\n BINARY[2]<0> \"x\" "
                             "BINARY.SIZE[1] 5)\r\n")
        << Responses{binary};
    FetchData unknown = fetch(2);
    unknown.uid = 3;
    QTest::newRow("fetch-unknown-items-skipped")
        << QByteArray("* 2 FETCH (X-GM-MSGID 123 X-LIST (a (b \"c\")) UID 3 "
                      "X-GM-LABELS (\\Inbox))\r\n")
        << Responses{unknown};

    QTest::newRow("sequence")
        << QByteArray("* 3 EXISTS\r\n+ go\r\n* 1 FETCH (FLAGS ())\r\nA1 OK [UIDNEXT 5] x\r\n")
        << Responses{NumberData{NumberData::Kind::Exists, 3}, ContinuationRequest{"go"},
                     [] { auto f = fetch(1); f.flags = QByteArrayList{}; return f; }(),
                     status("A1", Kind::Ok, u"x"_s, code("UIDNEXT", {5}))};
    QTest::newRow("zero-length-literal") << QByteArray("* LIST () \"/\" {0}\r\n\r\n")
                                         << Responses{ListData{{}, "/", {}, false, {}}};
}

void TestImapParser::parses()
{
    QFETCH(QByteArray, input);
    QFETCH(Responses, expected);
    const auto out = ParserHarness::run(input, -1);
    QVERIFY2(!out.error, qPrintable(out.errorString));
    QVERIFY2(out.responses == expected, qPrintable(u"got:\n"_s + ParserHarness::dump(out.responses)
                                                   + u"expected:\n"_s
                                                   + ParserHarness::dump(expected)));
}

void TestImapParser::parsesByteByByte()
{
    QFETCH(QByteArray, input);
    QFETCH(Responses, expected);
    const auto out = ParserHarness::run(input, 1);
    QVERIFY2(!out.error, qPrintable(out.errorString));
    QVERIFY2(out.responses == expected, qPrintable(ParserHarness::dump(out.responses)));
}

void TestImapParser::parsesRandomChunks()
{
    QFETCH(QByteArray, input);
    QFETCH(Responses, expected);
    for (quint32 seed = 1; seed <= 20; ++seed) {
        const auto out = ParserHarness::run(input, 0, seed);
        QVERIFY2(!out.error, qPrintable(out.errorString));
        QVERIFY2(out.responses == expected, qPrintable(ParserHarness::dump(out.responses)));
    }
}

void TestImapParser::addErrors()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("unterminated-quote") << QByteArray("* LIST () \"/\" \"abc\r\n");
    QTest::newRow("unterminated-quote-in-fetch") << QByteArray("* 1 FETCH (PREVIEW \"ab)\r\n");
    QTest::newRow("negative-literal") << QByteArray("* 1 FETCH (BODY[] {-5}\r\nabcde)\r\n");
    QTest::newRow("huge-literal") << QByteArray("* 1 FETCH (BODY[] {99999999999999999999}\r\n");
    QTest::newRow("literal-over-limit") << QByteArray("* 1 FETCH (BODY[] {268435457}\r\n");
    QTest::newRow("deep-nesting") << QByteArray("* 1 FETCH (X " + QByteArray(500, '(')
                                                + QByteArray(500, ')') + ")\r\n");
    QTest::newRow("deep-bodystructure")
        << QByteArray("* 1 FETCH (BODYSTRUCTURE " + QByteArray(200, '(') + "\r\n");
    QTest::newRow("nul-in-line") << QByteArrayLiteral("* OK hel\0lo\r\n");
    QTest::newRow("nul-in-literal") << QByteArrayLiteral("* 1 FETCH (BODY[] {3}\r\na\0b)\r\n");
    QTest::newRow("literal8-outside-binary")
        << QByteArrayLiteral("* 1 FETCH (BODY[] ~{3}\r\na\0b)\r\n");
    QTest::newRow("bare-lf") << QByteArray("* OK fine\n");
    QTest::newRow("missing-crlf-before-next") << QByteArray("* 3 EXISTS* 4 EXISTS\r\n");
    QTest::newRow("tagged-bye") << QByteArray("A1 BYE nope\r\n");
    QTest::newRow("garbage") << QByteArray("\x01\x02\x03\r\n");
    QTest::newRow("empty-line") << QByteArray("\r\n");
    QTest::newRow("fetch-not-a-list") << QByteArray("* 1 FETCH UID 5\r\n");
    QTest::newRow("fetch-unclosed") << QByteArray("* 1 FETCH (UID 5\r\n");
    QTest::newRow("fetch-bad-uid") << QByteArray("* 1 FETCH (UID x)\r\n");
    QTest::newRow("uid-overflow") << QByteArray("* 1 FETCH (UID 4294967296)\r\n");
    QTest::newRow("bad-date") << QByteArray("* 1 FETCH (INTERNALDATE \"32-Foo-1996 x\")\r\n");
    QTest::newRow("bad-uidvalidity") << QByteArray("* OK [UIDVALIDITY abc] x\r\n");
    QTest::newRow("envelope-short") << QByteArray("* 1 FETCH (ENVELOPE (NIL NIL))\r\n");
    QTest::newRow("literal-too-short") << QByteArray("* 1 FETCH (BODY[] {10}\r\nab)\r\n");
    QTest::newRow("no-final-crlf") << QByteArray("* 1 EXISTS");
    QTest::newRow("trailing-garbage") << QByteArray("* 3 EXISTS junk\r\n");
    QTest::newRow("ten-mb-line") << QByteArray(10 * 1024 * 1024, 'a') + "\r\n";
}

void TestImapParser::rejects()
{
    QFETCH(QByteArray, input);
    const auto out = ParserHarness::run(input, -1);
    QVERIFY(out.error);
    QVERIFY(!out.errorString.isEmpty());
}

void TestImapParser::rejectsByteByByte()
{
    QFETCH(QByteArray, input);
    // Byte by byte the error must come no later, and nothing may be buffered past the caps.
    const auto out = ParserHarness::run(input, input.size() > 100000 ? 4096 : 1);
    QVERIFY(out.error);
    QVERIFY(out.maxBuffered <= 1024 * 1024 + 4096);
}

void TestImapParser::utf8Mailboxes()
{
    const QByteArray input = "* LIST () \"/\" \"Entwürfe\"\r\n* NAMESPACE ((\"Ä\" \"/\")) NIL NIL\r\n";
    const auto out = ParserHarness::run(input, 1, 1, {}, true);
    QVERIFY2(!out.error, qPrintable(out.errorString));
    QCOMPARE(out.responses.size(), 2);
    QCOMPARE(std::get<ListData>(out.responses[0]).mailbox, u"Entwürfe"_s);
    QCOMPARE(std::get<NamespaceData>(out.responses[1]).personal.value(0).prefix, u"Ä"_s);
    // Without UTF-8 mode, "&APw-" is mUTF-7 and decoded.
    const auto utf7 = ParserHarness::run("* LIST () \"/\" Entw&APw-rfe\r\n", -1);
    QCOMPARE(std::get<ListData>(utf7.responses.value(0)).mailbox, u"Entwürfe"_s);
    const auto asUtf8 = ParserHarness::run("* LIST () \"/\" Entw&APw-rfe\r\n", -1, 1, {}, true);
    QCOMPARE(std::get<ListData>(asUtf8.responses.value(0)).mailbox, u"Entw&APw-rfe"_s);
}

void TestImapParser::hugeLiteralIsNotAllocatedUpFront()
{
    Parser parser;
    parser.feed("* 1 FETCH (BODY[] {200000000}\r\n");
    QVERIFY(!parser.next());
    QVERIFY(!parser.hasError());
    parser.feed(QByteArray(1000, 'x'));
    QVERIFY(!parser.next());
    QVERIFY(!parser.hasError());
    QVERIFY(parser.bufferedBytes() < 2000);
    parser.finish();
    QVERIFY(parser.hasError()); // the connection closed inside the literal
}

void TestImapParser::longLineIsBounded()
{
    Parser::Limits limits;
    limits.maxLineLength = 1000;
    Parser parser(limits);
    const QByteArray chunk(100, 'a');
    int fed = 0;
    while (!parser.hasError() && fed < 1000) {
        parser.feed(chunk);
        QVERIFY(!parser.next());
        ++fed;
    }
    QVERIFY(parser.hasError());
    QVERIFY(fed <= 11);
    parser.feed(QByteArray(1000000, 'b')); // ignored after the error
    QCOMPARE(parser.bufferedBytes(), 0);
}

void TestImapParser::streamMemoryIsBounded()
{
    Parser parser;
    const QByteArray one = "* 1 FETCH (UID 1 FLAGS (\\Seen) BODY[] {10}\r\n0123456789)\r\n";
    qsizetype maxBuffered = 0;
    int count = 0;
    for (int i = 0; i < 20000; ++i) {
        parser.feed(one.first(20));
        parser.feed(one.sliced(20));
        while (parser.next())
            ++count;
        maxBuffered = qMax(maxBuffered, parser.bufferedBytes());
    }
    QCOMPARE(count, 20000);
    QVERIFY(maxBuffered < one.size());
}

void TestImapParser::nestingLimit()
{
    Parser::Limits limits;
    limits.maxDepth = 5;
    const QByteArray ok = "* 1 FETCH (X ((((1)))))\r\n";
    QVERIFY(!ParserHarness::run(ok, -1, 1, limits).error);
    const QByteArray deep = "* 1 FETCH (X (((((1))))))\r\n";
    QVERIFY(ParserHarness::run(deep, -1, 1, limits).error);
}

void TestImapParser::resetClearsErrorAndBuffer()
{
    Parser parser;
    parser.feed("A1 BYE\r\n");
    QVERIFY(!parser.next());
    QVERIFY(parser.hasError());
    parser.reset();
    QVERIFY(!parser.hasError());
    parser.feed("* 2 EXISTS\r\n* 3 EX");
    QVERIFY(parser.next());
    QCOMPARE(parser.bufferedBytes(), 6);
    parser.reset(); // STARTTLS: whatever came before the handshake is dropped
    QCOMPARE(parser.bufferedBytes(), 0);
    parser.feed("A2 OK x\r\n");
    auto r = parser.next();
    QVERIFY(r);
    QCOMPARE(std::get<StatusResponse>(*r).tag, QByteArray("A2"));
}

void TestImapParser::finishDetectsTruncation()
{
    Parser parser;
    parser.feed("* 1 EXISTS\r\n");
    QVERIFY(parser.next());
    QVERIFY(parser.atResponseBoundary());
    parser.finish();
    QVERIFY(!parser.hasError());
    parser.feed("* 2 EXI");
    QVERIFY(!parser.next());
    QVERIFY(!parser.atResponseBoundary());
    parser.finish();
    QVERIFY(parser.hasError());
}

void TestImapParser::responsesComeOutOneAtATime()
{
    Parser parser;
    parser.feed("* 1 EXISTS\r\n* 2 EXISTS\r\n");
    QCOMPARE(std::get<NumberData>(*parser.next()).number, 1u);
    QCOMPARE(std::get<NumberData>(*parser.next()).number, 2u);
    QVERIFY(!parser.next());
    QVERIFY(!parser.hasError());
}

QTEST_GUILESS_MAIN(TestImapParser)
#include "tst_imapparser.moc"

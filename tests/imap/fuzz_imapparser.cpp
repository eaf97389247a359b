// libFuzzer target for the IMAP response parser: fuzz_imapparser tests/data/imap/
#include "fuzzentry.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Tern::Imap::fuzzParser(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}

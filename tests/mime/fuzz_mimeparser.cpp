// libFuzzer target for message parsing and HTML sanitising: fuzz_mimeparser tests/data/mime/
#include "fuzzentry.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Tern::Mime::fuzzMime(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}

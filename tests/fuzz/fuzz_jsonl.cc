// libFuzzer target: the JSON Lines reader (via ByteSource, so gzip
// detection and line splitting are fuzzed too).
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::MemFile file(data, size);
  gazette::fuzz::CheckingSink sink;
  gazette::ReaderOptions limits;
  limits.max_article_bytes = 1 << 20;
  gazette::read_input({file.path(), gazette::Format::kJsonl}, limits, &sink);
  return 0;
}

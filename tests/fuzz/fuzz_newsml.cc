// libFuzzer target: NewsML XML (RCV1 newsitem and NewsML-G2 newsItem fields over
// the streaming XML reader), through read_input as a file of that format (so
// the decoders are fuzzed too).
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::read_as(data, size, gazette::Format::kNewsml);
  return 0;
}

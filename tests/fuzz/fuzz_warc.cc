// libFuzzer target: WARC crawls (record framing, HTTP headers, the HTML
// captures), through read_input as a file of that format (so gzip detection is
// fuzzed too).
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::read_as(data, size, gazette::Format::kWarc);
  return 0;
}

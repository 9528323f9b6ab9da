// libFuzzer target: CSV/TSV tables (record splitting, quoting, the delimiter
// sniffing, header mapping, list cells and dates), through read_input as a
// file of that format (so gzip detection is fuzzed too).
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::read_as(data, size, gazette::Format::kCsv);
  return 0;
}

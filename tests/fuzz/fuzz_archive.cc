// libFuzzer target: tar and zip archives (headers, long names, pax records,
// member boundaries, libzip's central directory), found by content as
// read_input finds them, with each member read by its own reader. Inputs
// whose first byte is odd are read as --format tar, so that damaged headers
// reach the tar reader too.
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const bool tar = size > 0 && (data[0] & 1) == 1;
  gazette::fuzz::read_as(data, size, tar ? gazette::Format::kTar : gazette::Format::kAuto);
  return 0;
}

// libFuzzer target: the Reuters-21578 SGML reader.
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::CheckingSink sink;
  gazette::read_reuters(std::string_view(reinterpret_cast<const char*>(data), size),
                        "reut2-fuzz.sgm", &sink);
  return 0;
}

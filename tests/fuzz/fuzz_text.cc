// libFuzzer target: the plain-text article reader.
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::CheckingSink sink;
  gazette::read_text(std::string_view(reinterpret_cast<const char*>(data), size),
                     "2016-02-14_fuzz.txt", &sink);
  return 0;
}

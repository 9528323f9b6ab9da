// libFuzzer target: the JSON Lines reader (via ByteSource, so gzip
// detection and line splitting are fuzzed too). Inputs whose first byte is
// even (a space, not '{') are read with --field mappings (nested keys, a disabled field), so the
// JSON-pointer lookups are fuzzed as well as the default keys.
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::MemFile file(data, size);
  gazette::fuzz::CheckingSink sink;
  gazette::ReaderOptions options;
  options.max_article_bytes = 1 << 20;
  if (size > 0 && (data[0] & 1) == 0) {
    for (const char* spec : {"body=story.text", "date=meta.when", "persons=entities.persons",
                             "places=a.b.c", "title=", "id=meta.id"}) {
      if (!options.fields.set(spec).empty()) __builtin_trap();
    }
  }
  gazette::read_input({file.path(), gazette::Format::kJsonl}, options, &sink);
  return 0;
}

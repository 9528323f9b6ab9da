// libFuzzer target: JSON documents (the streaming scanner that finds article
// objects in arrays, wrappers and sequences, then the article parser), read
// as --format json so the JSON Lines / document sniffing is fuzzed too. A
// small --max-article-mb makes the too-large path reachable.
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::MemFile file(data, size);
  gazette::fuzz::CheckingSink sink;
  gazette::ReaderOptions options;
  options.max_article_bytes = (size > 0 && (data[0] & 1) == 0) ? 64 : 1 << 20;
  gazette::read_input({file.path(), gazette::Format::kJson}, options, &sink);
  return 0;
}

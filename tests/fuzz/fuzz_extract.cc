// libFuzzer target: the entity extractor (tokenizer, truecasing, tagger with
// pruning, document rules, facet values, datelines) on article text, cleaned
// to valid UTF-8 as every reader does first.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "common/ner/extractor.h"
#include "common/normalise.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::unique_ptr<gazette::ner::Extractor> extractor =
      gazette::ner::Extractor::builtin();
  std::string text;
  gazette::clean_text(std::string_view(reinterpret_cast<const char*>(data), size), &text);
  gazette::ner::ExtractedEntities e;
  extractor->extract_text(text, &e);
  // Values are what the index stores and JSON prints: valid, non-empty UTF-8.
  for (const auto* list : {&e.persons, &e.places, &e.groups})
    for (const std::string& v : *list)
      if (v.empty() || !gazette::is_valid_utf8(v)) std::abort();
  // Mentions lie in the text the extractor built (title, blank line, body).
  for (const gazette::ner::Mention& m : e.mentions)
    if (m.begin >= m.end || m.end > text.size() + 2 || m.value.empty()) std::abort();
  return 0;
}

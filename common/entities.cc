#include "common/entities.h"

#include <string>
#include <unordered_set>

#include "common/normalise.h"
#include "common/schema.h"

namespace gazette {
namespace {

// Cuts `s` to at most `limit` bytes without splitting a UTF-8 sequence.
void cut_utf8(std::string* s, size_t limit) {
  if (s->size() <= limit) return;
  size_t keep = limit;
  while (keep > 0 && (static_cast<unsigned char>((*s)[keep]) & 0xC0) == 0x80) --keep;
  s->resize(keep);
}

void canonicalise_list(std::vector<std::string>* values, std::string_view field, Article* a) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  out.reserve(values->size());
  bool cut = false;
  for (const std::string& raw : *values) {
    std::string v = clean_value(raw);
    if (v.size() > kMaxFacetValueBytes) {
      cut_utf8(&v, kMaxFacetValueBytes);
      cut = true;
    }
    if (v.empty()) continue;
    if (!seen.insert(fold_key(v)).second) continue;
    out.push_back(std::move(v));
  }
  if (cut) {
    a->warnings.push_back(make_problem("long-value", field,
                                      "value longer than " + std::to_string(kMaxFacetValueBytes) +
                                          " bytes cut",
                                      a->origin));
  }
  *values = std::move(out);
}

}  // namespace

void canonicalise_entities(Article* a) {
  canonicalise_list(&a->persons, "persons", a);
  canonicalise_list(&a->places, "places", a);
  canonicalise_list(&a->groups, "groups", a);
  canonicalise_list(&a->topics, "topics", a);
  if (!a->source.empty()) {
    std::string s = clean_value(a->source);
    if (s.size() > kMaxFacetValueBytes) {
      cut_utf8(&s, kMaxFacetValueBytes);
      a->warnings.push_back(make_problem("long-value", "source", "source value cut", a->origin));
    }
    a->source = std::move(s);
  }
}

}  // namespace gazette

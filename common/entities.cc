#include "common/entities.h"

#include <ctime>
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
  size_t dropped = 0;
  for (const std::string& raw : *values) {
    if (out.size() == kMaxFacetValues) {
      ++dropped;
      continue;
    }
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
  if (dropped > 0) {
    a->warnings.push_back(make_problem("too-many-values", field,
                                      std::to_string(values->size()) + " values; the first " +
                                          std::to_string(kMaxFacetValues) + " kept",
                                      a->origin));
  }
  *values = std::move(out);
}

// Dates before kOldestPlausibleYear or more than a year ahead are kept (the
// archive may really hold them) but reported: they are usually typos or
// placeholder values such as 0001-01-01 and 9999-12-31.
constexpr int kOldestPlausibleYear = 1600;

void check_date(Article* a) {
  if (!a->date.valid()) return;
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  const int newest = tm.tm_year + 1900 + 1;
  if (a->date.year >= kOldestPlausibleYear && a->date.year <= newest) return;
  a->warnings.push_back(make_problem(
      "implausible-date", "date",
      "date " + iso_day(a->date) + " is " +
          (a->date.year < kOldestPlausibleYear ? "before " + std::to_string(kOldestPlausibleYear)
                                               : "more than a year ahead") +
          "; indexed as given",
      a->origin));
}

}  // namespace

void canonicalise_entities(Article* a) {
  check_date(a);
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

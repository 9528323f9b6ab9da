#include "searcher/facets.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "common/normalise.h"
#include "common/value_codec.h"

namespace gazette {

bool is_facet_name(std::string_view name) {
  if (name == "date") return true;
  const FacetSpec* spec = find_facet(name);
  return spec != nullptr && spec->name == name;
}

FacetCounter::FacetCounter(const std::vector<std::string>& names, size_t top_n,
                           DateGranularity granularity)
    : top_n_(top_n), granularity_(granularity) {
  for (const std::string& name : names) {
    Xapian::valueno slot = name == "date" ? slot::kDay : find_facet(name)->slot;
    entries_.push_back({name, std::make_unique<Xapian::ValueCountMatchSpy>(slot)});
  }
}

void FacetCounter::attach(Xapian::Enquire* enquire) {
  for (Entry& e : entries_) enquire->add_matchspy(e.spy.get());
}

std::vector<FacetResult> FacetCounter::results() const {
  std::vector<FacetResult> out;
  out.reserve(entries_.size());
  for (const Entry& e : entries_) {
    out.push_back(e.name == "date" ? date_histogram(*e.spy, granularity_)
                                   : value_counts(e.name, *e.spy, top_n_));
  }
  return out;
}

FacetResult value_counts(const std::string& name, const Xapian::ValueCountMatchSpy& spy,
                         size_t top_n) {
  // 1. Split each distinct list into its values.
  std::unordered_map<std::string, long> by_display;
  for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
    long freq = static_cast<long>(it.get_termfreq());
    for_each_value(*it, [&](std::string_view v) { by_display[std::string(v)] += freq; });
  }
  // 2. Merge spellings with the same key; show the most common spelling.
  struct Merged {
    long count = 0;
    std::string display;
    long display_count = 0;
  };
  std::unordered_map<std::string, Merged> by_key;
  by_key.reserve(by_display.size());
  for (auto& [display, count] : by_display) {
    Merged& m = by_key[fold_key(display)];
    m.count += count;
    if (count > m.display_count || (count == m.display_count && display < m.display)) {
      m.display = display;
      m.display_count = count;
    }
  }
  FacetResult result;
  result.name = name;
  result.distinct = static_cast<long>(by_key.size());
  result.values.reserve(by_key.size());
  for (auto& [key, m] : by_key) result.values.push_back({std::move(m.display), m.count});
  auto order = [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  if (top_n != 0 && top_n < result.values.size()) {
    std::partial_sort(result.values.begin(), result.values.begin() + static_cast<long>(top_n),
                      result.values.end(), order);
    result.values.resize(top_n);
  } else {
    std::sort(result.values.begin(), result.values.end(), order);
  }
  return result;
}

FacetResult date_histogram(const Xapian::ValueCountMatchSpy& spy, DateGranularity granularity) {
  // kDay values are "YYYYMMDD" and the spy iterates them in order, so buckets
  // come out chronologically.
  std::map<std::string, long> buckets;
  for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string day = *it;
    if (day.size() != 8) continue;
    std::string key;
    switch (granularity) {
      case DateGranularity::kYear: key = day.substr(0, 4); break;
      case DateGranularity::kMonth: key = day.substr(0, 4) + "-" + day.substr(4, 2); break;
      case DateGranularity::kDay:
        key = day.substr(0, 4) + "-" + day.substr(4, 2) + "-" + day.substr(6, 2);
        break;
    }
    buckets[key] += static_cast<long>(it.get_termfreq());
  }
  FacetResult result;
  result.name = "date";
  result.distinct = static_cast<long>(buckets.size());
  for (auto& [key, count] : buckets) result.values.push_back({key, count});
  return result;
}

}  // namespace gazette

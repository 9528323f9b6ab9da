#pragma once
// [3] Exact facet counts over the whole match set.
//
// Counts arrive per display spelling ("JOHN KERRY": 1, "John Kerry": 3) from
// two sources: the facet store (common/facet_store.h, array counts per shard)
// or the facet value slots through Xapian::ValueCountMatchSpy (any database,
// including remote shards, which know only the built-in spies). The spy counts
// each distinct value *list* once per matching document; the lists are split
// and their counts summed per value, exact because a document lists each value
// once. FacetAggregator merges spellings with the same fold_key into one value,
// shown in its most common spelling (ties: the bytewise smallest), and orders
// values by count, then value. Both sources therefore give identical results.
// The date histogram counts days and buckets them by year, month or day.

#include <xapian.h>

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/schema.h"

namespace gazette {

// kAuto picks by the span of the counted days (auto_granularity).
enum class DateGranularity { kYear, kMonth, kDay, kAuto };

// The bucket size for a histogram spanning `days` days (first to last dated
// match, inclusive): day up to kAutoDayMaxDays (a week, a month), month up to
// kAutoMonthMaxDays (a year, a few years), else year.
inline constexpr long kAutoDayMaxDays = 62;
inline constexpr long kAutoMonthMaxDays = 5 * 366;
DateGranularity auto_granularity(long days);

struct FacetValue {
  std::string value;  // display form (date facet: "2016", "2016-02" or "2016-02-21")
  long count = 0;
};

struct FacetResult {
  std::string name;                // "person", ..., "date"
  std::vector<FacetValue> values;  // by count desc, then value; date facet: chronological
  long distinct = 0;               // number of distinct values before truncation
  // Date facet: the bucket size used (never kAuto).
  DateGranularity granularity = DateGranularity::kMonth;
};

// True if some word of `display` (split at anything but letters and digits,
// after fold_key) starts with `folded_prefix` (a fold_key), or the whole folded
// value does: "ker" and "john k" both match "John Kerry".
bool matches_prefix(std::string_view display, std::string_view folded_prefix);

// Facet names accepted by --facets: person place group topic source date.
bool is_facet_name(std::string_view name);

// Collects counts for the facets `names` and produces ordered results.
// Strings passed to add_value must outlive results(). Not thread-safe.
class FacetAggregator {
 public:
  FacetAggregator(const std::vector<std::string>& names, size_t top_n,
                  DateGranularity granularity);

  // True if facet `f` (or the date facet) was asked for.
  bool wants(Facet f) const { return index_[static_cast<size_t>(f)] >= 0; }
  bool wants_date() const { return date_index_ >= 0; }

  // `count` more matching documents have `display` as a value of facet `f`.
  // `key` is its fold_key, or empty to have it computed here.
  void add_value(Facet f, std::string_view display, std::string_view key, long count);
  // `count` more matching documents are dated on day `day` (days_since_epoch).
  void add_day(long day, long count);
  // Adds a ValueCountMatchSpy's counts over facet slot `f` (lists are split),
  // or over slot::kDay for the date facet (is_date). The spy must outlive results().
  void add_spy(const Xapian::ValueCountMatchSpy& spy, Facet f);
  void add_date_spy(const Xapian::ValueCountMatchSpy& spy);

  // The results, in the order of `names`.
  std::vector<FacetResult> results() const;

 private:
  struct Variant {
    long count = 0;
    std::string_view key;
  };
  std::vector<std::string> names_;
  int index_[kFacets.size()];
  int date_index_ = -1;
  size_t top_n_;
  DateGranularity granularity_;
  std::vector<std::unordered_map<std::string_view, Variant>> variants_;  // per facet
  std::unordered_map<long, long> days_;
  std::deque<std::string> owned_;  // keys computed here, values copied out of spies
};

// Counts the requested facets on one Enquire through value-slot spies. Usage:
// construct, attach() to the Enquire, run get_mset with checkatleast =
// doccount, then add_to() an aggregator. Must outlive the aggregator's results().
class SpyFacetCounter {
 public:
  SpyFacetCounter(const std::vector<std::string>& names);
  void attach(Xapian::Enquire* enquire);
  void add_to(FacetAggregator* aggregator) const;
  // Documents the spies saw: fewer than the matches when a time limit stopped
  // the count early. (With no facets, a spy on an unused slot does the counting.)
  Xapian::doccount seen() const { return entries_.front().spy->get_total(); }

 private:
  struct Entry {
    bool date;
    Facet facet;
    std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
  };
  std::vector<Entry> entries_;
};

// Parses "year", "month", "day", "auto". Returns false for anything else.
bool parse_granularity(std::string_view name, DateGranularity* out);
std::string_view granularity_name(DateGranularity g);

}  // namespace gazette

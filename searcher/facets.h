#pragma once
// [3] Exact facet counts over the whole match set.
//
// Each facet slot holds the document's list of display values (schema.h). A
// Xapian::ValueCountMatchSpy per slot counts each distinct list once per matching
// document (and works on remote shards, which know only the built-in spies);
// the lists are then split and their counts summed per value: exact, because a
// document lists each value once. Values are finally merged by fold_key, so
// "JOHN KERRY" and "John Kerry" are one value shown in its most common spelling.
// The date histogram counts the kDay slot the same way and buckets the days.

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "common/schema.h"

namespace gazette {

enum class DateGranularity { kYear, kMonth, kDay };

struct FacetValue {
  std::string value;  // display form (date facet: "2016", "2016-02" or "2016-02-21")
  long count = 0;
};

struct FacetResult {
  std::string name;                // "person", ..., "date"
  std::vector<FacetValue> values;  // by count desc, then value; date facet: chronological
  long distinct = 0;               // number of distinct values before truncation
};

// Facet names accepted by --facets: person place group topic source date.
bool is_facet_name(std::string_view name);

// Counts the requested facets for one match. Usage: construct, attach() to the
// Enquire, run get_mset with checkatleast = doccount, then results().
class FacetCounter {
 public:
  // `names` are facet names (is_facet_name). top_n 0 means all values.
  FacetCounter(const std::vector<std::string>& names, size_t top_n, DateGranularity granularity);

  void attach(Xapian::Enquire* enquire);

  // The counts, in the order of `names`. REQUIRES: the match has run.
  std::vector<FacetResult> results() const;

 private:
  struct Entry {
    std::string name;
    std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
  };
  std::vector<Entry> entries_;
  size_t top_n_;
  DateGranularity granularity_;
};

// Turns a spy's per-list counts into per-value counts (the steps described
// above), keeping the top_n (0 = all). Exposed for tests.
FacetResult value_counts(const std::string& name, const Xapian::ValueCountMatchSpy& spy,
                         size_t top_n);
// Buckets a kDay spy's counts by granularity, chronologically.
FacetResult date_histogram(const Xapian::ValueCountMatchSpy& spy, DateGranularity granularity);

}  // namespace gazette

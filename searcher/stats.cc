#include "searcher/stats.h"

#include "common/date.h"
#include "common/schema.h"

namespace gazette {
namespace {

std::string day_display(const std::string& key) {
  DateTime d;
  return parse_day_key(key, &d) ? iso_day(d) : std::string();
}

}  // namespace

IndexSummary summarise_index(Searcher* searcher, size_t top_n) {
  const Xapian::Database& db = searcher->database();
  IndexSummary s;
  s.path = searcher->path();
  s.documents = static_cast<long>(db.get_doccount());
  s.shards = static_cast<long>(db.size());
  s.schema_version = std::stoi(db.get_metadata(meta::kSchema));
  s.undated = s.documents - static_cast<long>(db.get_value_freq(slot::kDay));
  if (s.undated < s.documents) {
    s.date_min = day_display(db.get_value_lower_bound(slot::kDay));
    s.date_max = day_display(db.get_value_upper_bound(slot::kDay));
  }
  SearchRequest all;
  all.limit = 0;
  all.snippet_bytes = 0;
  all.facet_size = top_n;
  all.facets = {"person", "place", "group", "topic", "source", "date"};
  all.granularity = DateGranularity::kYear;
  SearchResult r = searcher->search(all);
  for (FacetResult& f : r.facets) {
    (f.name == "date" ? s.years : s.facets).push_back(std::move(f));
  }
  return s;
}

}  // namespace gazette

#pragma once
// gazette-search --stats: what an index holds.

#include <string>
#include <vector>

#include "searcher/facets.h"
#include "searcher/search.h"

namespace gazette {

struct IndexSummary {
  std::string path;
  long documents = 0;
  long shards = 0;
  int schema_version = 0;
  long undated = 0;        // articles without a date
  std::string date_min;    // "YYYY-MM-DD", empty when no article has a date
  std::string date_max;
  std::vector<FacetResult> facets;  // the biggest values of every facet over all articles
  std::vector<FacetResult> years;   // article count per year (as a date facet)
};

// Describes the index behind `searcher`, with `top_n` values per facet.
IndexSummary summarise_index(Searcher* searcher, size_t top_n);

}  // namespace gazette

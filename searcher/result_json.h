#pragma once
// [4] Search results and index statistics as JSON, format_version 1 (the schema
// is in README.md, "JSON output"). Deterministic: fixed key order, facets in
// count order, scores with 4 decimals, timing only when asked for.

#include <string>

#include "searcher/search.h"
#include "searcher/stats.h"

namespace gazette {

inline constexpr int kJsonFormatVersion = 1;

// Appends the result of `request` to *out. indent 0 = one line. A non-empty
// `tag` (raw JSON, from --batch) is written as "tag" after "format_version".
void write_result_json(const SearchRequest& request, const SearchResult& result, bool timing,
                       int indent, std::string* out, std::string_view tag = {});

void write_stats_json(const IndexSummary& summary, int indent, std::string* out);

}  // namespace gazette

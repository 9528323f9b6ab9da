#pragma once
// [4] Search results and index statistics as text for people. Colour (ANSI) only
// when asked for: the caller decides from --color and isatty.

#include <string>

#include "searcher/search.h"
#include "searcher/stats.h"

namespace gazette {

void write_result_text(const SearchRequest& request, const SearchResult& result, bool color,
                       bool timing, std::string* out);

void write_stats_text(const IndexSummary& summary, std::string* out);

}  // namespace gazette

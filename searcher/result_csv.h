#pragma once
// [4] Search results as CSV for spreadsheets (RFC 4180: comma-separated, CRLF
// line ends, a field quoted when it holds a comma, a quote, CR or LF, quotes
// doubled). The first row names the columns. UTF-8, no byte-order mark.
//
//   hits    rank,id,score,matched,date,title,source,url,persons,places,groups,topics,snippet
//           (lists joined by "; "; snippet empty with --snippet-size 0)
//   facets  facet,value,count,score  (facets in the requested order, values as in
//           JSON, score empty; --related adds rows "related:FIELD" with the
//           co-occurring values and their log-likelihood scores)

#include <string>
#include <string_view>

#include "searcher/search.h"

namespace gazette {

// Appends `field` to *out, quoted if RFC 4180 requires it.
void append_csv_field(std::string_view field, std::string* out);

// The snippet column is marked up when request.mark_start/mark_end are set.
void write_hits_csv(const SearchRequest& request, const SearchResult& result, std::string* out);
void write_facets_csv(const SearchResult& result, std::string* out);

}  // namespace gazette

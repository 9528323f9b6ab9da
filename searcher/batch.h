#pragma once
// gazette-search --batch: many queries in one process. One request per input
// line, one JSON result per output line (format_version 1, compact), in order.
//
// A line is either plain query text (searched with the command line's other
// options), or a JSON object whose fields override them:
//   {"query": "oil prices", "filters": {"place": ["usa"], "topic": "crude"},
//    "excludes": [{"field": "place", "value": "uk"}], "facets": ["person", "date"],
//    "facet_size": 10, "date_granularity": "month", "multi_select": false,
//    "sort": "newest", "limit": 10, "offset": 0, "snippet_size": 0, "tag": 17}
// Issue 5 adds "count", "ids", "correct" (true/false), "like" (an id),
// "related" ({"person": "John Kerry"}), "facet_prefix" (like "filters"),
// "date_from", "date_to", and "mark_start"/"mark_end" (strings).
// "filters"/"excludes" may also be arrays of "field=value" strings; "facets" a
// comma-separated string. "tag" (any JSON value) is echoed back as "tag".
// A bad line gets {"format_version": 1, "line": N, "error": "...", "tag": ...}
// and the batch goes on. Blank lines are skipped.

#include <cstdio>
#include <istream>

#include "searcher/options.h"
#include "searcher/search.h"

namespace gazette {

struct BatchStats {
  long queries = 0;  // lines answered with a result
  long errors = 0;   // lines answered with an error
};

// Runs the batch; output is flushed after every line so that a script can
// interleave requests and responses. Picks up index changes (refresh) at most
// once per second. Returns the counts; throws only for I/O failures.
BatchStats run_batch(Searcher* searcher, const SearcherOptions& defaults, std::istream& in,
                     std::FILE* out);

// Parses one batch line into *request (starting from `defaults`) and *tag (raw
// JSON text of "tag", or empty). Throws UsageError with a message for a bad line.
void parse_batch_line(std::string_view line, const SearchRequest& defaults,
                      SearchRequest* request, std::string* tag);

}  // namespace gazette

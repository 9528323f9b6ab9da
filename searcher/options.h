#pragma once
// Options of gazette-search, filled by parse_searcher_options() (options.cc is
// the only file that sees Boost.Program_options).

#include <string>

#include "searcher/search.h"

namespace gazette {

enum class OutputFormat { kText, kJson, kCsv, kCsvFacets };
enum class ColorMode { kAuto, kAlways, kNever };

struct SearcherOptions {
  std::string db;                      // --db, or $GAZETTE_DB
  SearchRequest request;               // the query and everything that shapes the result
  OutputFormat format = OutputFormat::kText;
  bool compact = false;                // --compact: one-line JSON
  bool timing = false;                 // --timing: add elapsed time to the output
  bool stats = false;                  // --stats: describe the index instead of searching
  bool batch = false;                  // --batch: one request per stdin line (searcher/batch.h)
  ColorMode color = ColorMode::kAuto;  // highlights in colour (text format, auto = on a TTY)
  CountMode count_mode = CountMode::kAuto;  // --count-mode (for comparisons and debugging)
};

// Parses argv. Returns false after printing help or the version (exit 0).
// Throws UsageError for bad options.
bool parse_searcher_options(int argc, char** argv, SearcherOptions* out);

// "FIELD=VALUE" -> FieldValue. Throws UsageError naming `what` ("--filter").
FieldValue parse_field_value(const std::string& spec, const char* what);
// Appends the facets of "person,place" or "all" to *out. Throws UsageError
// for an unknown facet name.
void parse_facet_list(const std::string& list, std::vector<std::string>* out);

}  // namespace gazette

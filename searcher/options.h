#pragma once
// Options of gazette-search, filled by parse_searcher_options() (options.cc is
// the only file that sees Boost.Program_options).

#include <string>

#include "searcher/search.h"

namespace gazette {

enum class OutputFormat { kText, kJson };
enum class ColorMode { kAuto, kAlways, kNever };

struct SearcherOptions {
  std::string db;                      // --db, or $GAZETTE_DB
  SearchRequest request;               // the query and everything that shapes the result
  OutputFormat format = OutputFormat::kText;
  bool compact = false;                // --compact: one-line JSON
  bool timing = false;                 // --timing: add elapsed time to the output
  bool stats = false;                  // --stats: describe the index instead of searching
  ColorMode color = ColorMode::kAuto;  // highlights in colour (text format, auto = on a TTY)
};

// Parses argv. Returns false after printing help or the version (exit 0).
// Throws UsageError for bad options.
bool parse_searcher_options(int argc, char** argv, SearcherOptions* out);

}  // namespace gazette

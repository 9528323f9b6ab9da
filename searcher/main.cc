// gazette-search: parse options, search (or describe) the index, print, and map
// failures to exit codes.

#include <unistd.h>
#include <xapian.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "common/error.h"
#include "searcher/batch.h"
#include "searcher/options.h"
#include "searcher/result_csv.h"
#include "searcher/result_json.h"
#include "searcher/result_text.h"
#include "searcher/search.h"
#include "searcher/stats.h"

int main(int argc, char** argv) try {
  gazette::SearcherOptions options;
  if (!gazette::parse_searcher_options(argc, argv, &options)) return gazette::kExitOk;
  gazette::Searcher searcher(options.db, options.count_mode, /*one_shot=*/!options.batch);
  const bool json = options.format == gazette::OutputFormat::kJson;
  const int indent = options.compact ? 0 : 2;
  std::string out;
  if (options.batch) {
    gazette::BatchStats stats = gazette::run_batch(&searcher, options, std::cin, stdout);
    if (stats.errors > 0) {
      std::cerr << "gazette-search: " << stats.errors << " of " << stats.queries + stats.errors
                << " requests failed (see their \"error\" lines)\n";
    }
    return gazette::kExitOk;
  }
  if (options.stats) {
    gazette::IndexSummary summary =
        gazette::summarise_index(&searcher, options.request.facet_size);
    if (json) {
      gazette::write_stats_json(summary, indent, &out);
    } else {
      gazette::write_stats_text(summary, &out);
    }
  } else {
    gazette::SearchResult result = searcher.search(options.request);
    const bool plain = options.request.shape != gazette::SearchRequest().shape;
    if (options.format == gazette::OutputFormat::kCsv && !plain) {
      gazette::write_hits_csv(options.request, result, &out);
    } else if (options.format == gazette::OutputFormat::kCsvFacets) {
      gazette::write_facets_csv(result, &out);
    } else if (json) {
      gazette::write_result_json(options.request, result, options.timing, indent, &out);
    } else {
      bool color = options.color == gazette::ColorMode::kAlways ||
                   (options.color == gazette::ColorMode::kAuto && isatty(STDOUT_FILENO) &&
                    std::getenv("NO_COLOR") == nullptr);
      gazette::write_result_text(options.request, result, color, options.timing, &out);
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0) {
    std::perror("gazette-search: writing output");
    return gazette::kExitFailure;
  }
  return gazette::kExitOk;
} catch (const gazette::UsageError& e) {
  std::cerr << "gazette-search: " << e.what() << '\n';
  return gazette::kExitUsage;
} catch (const gazette::Error& e) {
  std::cerr << "gazette-search: " << e.what() << '\n';
  return gazette::kExitFailure;
} catch (const Xapian::Error& e) {
  std::cerr << "gazette-search: " << e.get_description() << '\n';
  return gazette::kExitFailure;
} catch (const std::exception& e) {
  std::cerr << "gazette-search: " << e.what() << '\n';
  return gazette::kExitFailure;
}

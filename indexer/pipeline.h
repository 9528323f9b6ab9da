#pragma once
// run_indexer(): the whole indexing run, stage by stage
//   [1] read (main thread: input discovery, readers, id derivation, routing)
//   [3] entities and [4] document building, [5] shard writing (one worker
//       thread per group of partitions; each partition's segments are written
//       and merged by exactly one thread)
// Articles flow in batches through bounded queues, so memory stays bounded.

#include <atomic>
#include <map>
#include <string>

#include "common/article.h"
#include "indexer/options.h"

namespace gazette {

struct IndexStats {
  long files = 0;             // input files opened
  long files_ignored =
      0;  // files of unknown type (in directories and archives) or without articles
  long read = 0;              // articles read, including skipped ones
  long indexed = 0;           // articles written (added + replaced)
  long added = 0;             // new ids
  long replaced = 0;          // ids already in the index (or earlier in this run)
  std::map<std::string, long> skipped;   // by reason; includes file-level problems
  std::map<std::string, long> warnings;  // by reason; those articles were indexed
  unsigned shards = 0;
  long merges = 0;           // segment merges made (IndexWriter::merge)
  long merged_articles = 0;  // articles in the segments those made
  double merge_seconds = 0;  // their wall time, summed over the writing threads
  double seconds = 0;
  bool interrupted = false;   // stopped by a signal or by --strict
  bool printed = false;       // --print-entities: `indexed` articles were printed, not indexed
  size_t peak_rss = 0;        // peak resident set size of the process, bytes
  size_t memory_budget = 0;   // --memory in bytes (0: none)
  long memory_commits = 0;    // early commits made to stay within --memory
  long total_skipped() const;
  long total_warnings() const;
};

// Derives a stable id for an article that has none: hex64 of its url if any,
// else of title, date and body. Re-reading the same input gives the same id.
std::string derive_id(const Article& a);

// Runs the indexer (or, with options.print_entities, prints each article's
// entities and date as JSON lines on stdout and writes no index). `interrupt` is polled between articles (set from a signal
// handler). Throws gazette::Error / Xapian::Error for fatal problems (the index
// keeps its last commit); bad articles are counted in the result instead.
IndexStats run_indexer(const IndexerOptions& options, const std::atomic<bool>& interrupt);

// Peak resident set size of this process so far, in bytes (getrusage).
size_t peak_rss_bytes();

// The human summary printed at the end of a run.
std::string format_summary(const IndexStats& stats, const std::string& db);
// The same as one JSON object (for --summary-json); with `compact`, it has a
// "compact" member (indexer/maintenance.h).
struct CompactStats;
std::string format_summary_json(const IndexStats& stats, const CompactStats* compact = nullptr);

// The progress line redrawn on a terminal: counts, rate, any segment merge in
// progress (`merging` articles), then the file being read.
std::string progress_line(long read, long indexed, long skipped, double seconds, long merging,
                          const std::string& file);

}  // namespace gazette

#pragma once
// Options of gazette-index. Filled by parse_indexer_options() (options.cc, the
// only file that sees Boost.Program_options) and passed as const& to the pipeline.

#include <cstdint>
#include <string>
#include <vector>

#include "common/ner/extractor.h"
#include "indexer/article_reader.h"
#include "indexer/input.h"

namespace gazette {

enum class Progress { kAuto, kAlways, kNever };

struct IndexerOptions {
  std::string db;                   // index directory (--db), required
  std::vector<std::string> inputs;  // files, directories, "-" (stdin)
  Format format = Format::kAuto;    // --format
  unsigned jobs = 0;                // --jobs: worker threads = shards of a new index; 0 = cores
  size_t commit_every = 0;          // --batch-size: commit a shard after this many articles;
                                    // 0: by text volume (commit_bytes)
  size_t segment_size = 50000;      // --segment-size: articles per segment (0: no limit)
  uint64_t segment_terms = 15000000;  // --segment-terms: term occurrences per segment (0: no limit)
  size_t merge_factor = 10;         // --merge-factor: segments of a tier merged into one
  size_t commit_bytes = size_t{512} << 10;  // without --batch-size: commit a shard once its
                                    // pending articles hold this much title and body text
  bool check = false;               // --check DIR: verify the index, write nothing
  bool compact = false;             // --compact: merge the shards into one at the end
  bool delete_ids = false;          // --delete: inputs are article ids to remove
  bool rebuild_stores = false;      // --rebuild-stores: rebuild every shard's facet store
  size_t memory_budget = size_t{1024} << 20;  // --memory MB (0: no budget)
  bool sync = true;                           // false: --no-sync (commits don't wait for the disk)
  double wait_seconds = 0;          // --wait: how long to wait for another writer's lock
  bool strict = false;              // --strict: the first bad article is fatal
  bool quiet = false;               // --quiet: no per-article warnings
  size_t max_warnings = 1000;       // warnings printed before the rest are only counted
  bool summary_json = false;        // --summary-json: JSON summary on stdout
  Progress progress = Progress::kAuto;  // progress line on stderr (auto: if a TTY)
  ReaderOptions reader;                 // --max-article-mb, --field
  // Entities (README "Entity extraction").
  ner::EntityMode entities = ner::EntityMode::kAuto;  // --entities
  bool print_entities = false;  // --print-entities: print each article's entities as JSON
                                // lines on stdout instead of indexing (--db not needed)
  std::string ner_model;        // --ner-model FILE: a model from gazette-ner train (default built-in)
  bool ner_rules = false;       // --ner-rules: rules only, no model
  // --synonyms FILE: user synonym groups (common/synonyms.h), stored in the
  // index and applied by every later run and search; empty = keep the index's.
  std::string synonyms_file;
};

// Parses argv. Returns false after printing help or the version (exit 0).
// Throws UsageError for bad options (also: --db missing without --print-entities).
bool parse_indexer_options(int argc, char** argv, IndexerOptions* out);

}  // namespace gazette

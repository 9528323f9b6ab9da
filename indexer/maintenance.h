#pragma once
// Index maintenance outside the indexing pipeline: removing articles by id
// (--delete) and merging the shards into one compact database (--compact).
// Both take every shard's write lock first, so they never race a running
// gazette-index, and both leave the index openable at every moment: deletions
// are one commit per shard; compaction builds the new index beside the old one
// and swaps the two directories in one rename.

#include <string>
#include <vector>

#include "indexer/shard_writer.h"

namespace gazette {

struct DeleteStats {
  long requested = 0;                  // distinct ids asked for
  long deleted = 0;                    // of those, found and removed
  std::vector<std::string> not_found;  // ids not in the index
  double seconds = 0;
};

// Removes the articles with these ids from the index at `dir` (which must
// exist). Duplicate ids count once. Rebuilds the facet store of each shard it
// changed. Throws gazette::Error if `dir` is not a writable gazette index or is
// locked past `wait`; Xapian::Error on I/O failure (the index keeps its last commit).
DeleteStats delete_articles(const std::string& dir, const std::vector<std::string>& ids,
                            const LockWait& wait);

// Reads ids for --delete: each of `args` is an id, except "-", which stands for
// the lines of standard input (blank lines and surrounding spaces ignored).
std::vector<std::string> collect_delete_ids(const std::vector<std::string>& args);

struct CompactStats {
  unsigned shards_before = 0;
  unsigned long long bytes_before = 0;  // all shard directories
  unsigned long long bytes_after = 0;
  unsigned long documents = 0;
  double seconds = 0;
};

// Merges every shard of the index at `dir` into one compact glass database
// (Xapian::Database::compact), builds its facet store, and swaps it in:
// DIR.compact-tmp is built next to DIR and exchanged with it atomically
// (renameat2 RENAME_EXCHANGE; a plain rename pair where the file system lacks
// it), then the old shards are removed. A leftover DIR.compact-tmp from an
// interrupted run is removed first. The index keeps one shard afterwards, so
// later runs write with one thread. Throws gazette::Error / Xapian::Error; on
// failure the index is unchanged.
CompactStats compact_index(const std::string& dir, const LockWait& wait);

// Rebuilds the facet store (common/facet_store.h) of every shard of the index
// at `dir` from its current revision, under the shards' write locks. For an
// index whose stores are missing or from an older gazette (format change):
// without a current store the searcher counts facets from the value slots and
// ranks with Xapian's document-length lookups, which is slower. Returns the
// number of shards; throws like delete_articles.
unsigned rebuild_stores(const std::string& dir, const LockWait& wait);

// Human summaries (stderr) and JSON objects (--summary-json) of both.
std::string format_delete_summary(const DeleteStats& stats, const std::string& db);
std::string format_compact_summary(const CompactStats& stats, const std::string& db);
class JsonWriter;
void write_delete_json(JsonWriter* w, const DeleteStats& stats);  // the fields only
void write_compact_json(JsonWriter* w, const CompactStats& stats);  // one object

// Bytes used by the regular files under `path` (recursively); 0 if missing.
unsigned long long directory_bytes(const std::string& path);

}  // namespace gazette

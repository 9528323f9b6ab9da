#pragma once
// Counting passes on the local shards of an index, in parallel.
//
// The ranked top-k is computed on the combined database (one Enquire over all
// shards, so BM25 statistics are global and scores equal a single database's).
// The exact total and the facet counts need every match but no weights, so they
// come from per-shard passes with BoolWeight, one thread per shard, each counting
// from its shard's facet store (common/facet_store.h) or, when that is missing or
// stale, from the value slots. Results are identical either way.

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "common/facet_store.h"
#include "searcher/facets.h"
#include "searcher/thread_pool.h"

namespace gazette {

// One counting pass: a query and the facets to count for it.
struct CountPass {
  Xapian::Query query;
  std::vector<std::string> facets;
};

struct CountResult {
  long total = 0;                        // exact number of matches
  std::unique_ptr<FacetAggregator> facets;
};

class LocalShards {
 public:
  // The local shards behind `path`: the shards listed by its stub file (only
  // "auto"/"glass" lines, relative or absolute), or `path` itself if it is a
  // glass database. nullptr if any shard is not local (remote servers) or the
  // layout is not recognised: the caller then counts on the combined database.
  // `use_stores` false ignores facet stores (for tests and comparisons).
  // Throws Xapian::Error if a listed shard cannot be opened.
  static std::unique_ptr<LocalShards> open(const std::string& path, bool use_stores);

  // A database over all shards, opened at the same revisions as the shards
  // used for counting.
  const Xapian::Database& combined() const { return combined_; }

  size_t size() const { return shards_.size(); }
  // Number of shards counting from a facet store (the rest use value slots).
  size_t stores() const;

  // Starts the passes on the pool (all passes of a shard run in one task).
  // Call finish() to wait and collect; the caller may search meanwhile.
  void start(const std::vector<CountPass>& passes, size_t top_n, DateGranularity granularity);
  std::vector<CountResult> finish();

 private:
  struct Shard {
    std::string path;
    Xapian::Database db;
    std::unique_ptr<FacetStore> store;
  };
  struct ShardPass {
    Xapian::Query query;  // this thread's own copy (Query reference counts are not atomic)
    long total = 0;
    std::vector<uint32_t> value_counts;  // by store ordinal
    std::vector<uint32_t> day_counts;    // by store day slot
    std::unique_ptr<SpyFacetCounter> spies;  // when the shard has no store
  };

  void count_shard(size_t shard);

  std::vector<Shard> shards_;
  Xapian::Database combined_;
  std::unique_ptr<ThreadPool> pool_;
  // The running batch.
  const std::vector<CountPass>* passes_ = nullptr;
  size_t top_n_ = 10;
  DateGranularity granularity_ = DateGranularity::kMonth;
  std::vector<std::vector<ShardPass>> work_;  // [shard][pass]
};

}  // namespace gazette

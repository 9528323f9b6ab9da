#pragma once
// Searching the local shards of an index in parallel: one thread per shard up
// to the number of cores, each thread a group of shards beyond that.
//
// Each thread holds its own view of the whole index (every shard opened again,
// so Xapian objects are never shared between threads) and restricts its matches
// to its shard with ShardFilter, a posting source that matches all documents of
// one shard and none of the others. Because the view spans all shards, BM25
// sees the collection statistics of the whole index: every weight, and so the
// merged top-k, equals what one Enquire over all shards gives (and what remote
// shards give). Per shard, a thread runs
//   - the ranked pass: top offset+limit by weight (or date), so Xapian can skip
//     matches that cannot make it;
//   - the counting passes: every match, unweighted (BoolWeight), counted from
//     the shard's facet store (common/facet_store.h) or, if it has none that is
//     current, from the value slots. Both give identical counts.

#include <xapian.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/facet_store.h"
#include "searcher/count_plan.h"
#include "searcher/fast_rank.h"
#include "searcher/facets.h"
#include "searcher/thread_pool.h"

namespace gazette {

// One counting pass: a query and the facets to count for it.
struct CountPass {
  Xapian::Query query;
  std::vector<std::string> facets;
};

struct CountResult {
  long total = 0;                        // exact number of matches (estimate if truncated)
  bool truncated = false;                // the time limit stopped the count early
  std::unique_ptr<FacetAggregator> facets;
};

// How the ranked pass orders hits.
enum class RankOrder { kRelevance, kNewest, kOldest };

// Sets `order` on `enquire` (value sorts, which remote shards support too).
void set_rank_order(Xapian::Enquire* enquire, RankOrder order);

struct RankedHit {
  Xapian::docid docid;   // in the combined database
  double weight;
  std::string sort_key;  // the date key for date orders, else empty
};

class LocalShards {
 public:
  // The local shards behind `path`: those listed by its stub file ("auto" or
  // "glass" lines, relative or absolute), or `path` itself if it is a glass
  // database. nullptr if any shard is not local (remote servers), two shards
  // are the same database, or the layout is not recognised: the caller then
  // searches the combined database. `use_stores` false ignores facet stores.
  // `parallel` false runs everything in the calling thread on one set of shard
  // handles (N opens instead of N*N, no threads): cheaper for a process that
  // answers one query. Results are identical.
  // Throws Xapian::Error if a listed shard cannot be opened.
  static std::unique_ptr<LocalShards> open(const std::string& path, bool use_stores,
                                           bool parallel = true);

  // A database over all shards (shard 0's thread view). Use it only between
  // finish() and the next start().
  const Xapian::Database& combined() const { return shards_[0].view; }

  size_t size() const { return shards_.size(); }
  // The stored record of `docid` (in the combined database) from its shard's
  // facet store; false if that shard has no store or the store no record.
  bool record(Xapian::docid docid, std::string_view* out) const;
  // Number of shards counting from a facet store (the rest use value slots).
  size_t stores() const;

  // Calls fn(view, i) for i in [0, n), spread over the shard threads, each
  // with its own view of the whole index (so fn may read any document).
  // Between finish() and the next start() only; fn must be safe to run
  // concurrently for different i. Rethrows what fn throws.
  void for_each(size_t n, const std::function<void(const Xapian::Database&, size_t)>& fn);

  // Starts the ranked pass for the top `hits` (offset + limit) in `order`, and
  // the counting passes, on the shard threads. The caller may work meanwhile.
  // `weight` is cloned by each thread; it must outlive finish(). `bm25`: the
  // parameters `weight` was made with if it is BM25 (searcher/fast_rank.h);
  // then, when every shard has a facet store, the ranked pass reads document
  // lengths from the stores. nullptr: Xapian weighs as usual.
  // `fused`: `query` has that simple shape (searcher/fast_rank.h) and its
  // matches are those of the first pass; then, with facet stores on every
  // shard and relevance order, each shard ranks while it counts that pass,
  // without a separate ranked pass. nullptr: never.
  void start(const Xapian::Query& query, const Xapian::Weight& weight, const Bm25Params* bm25,
             const FusedRank* fused, RankOrder order, size_t hits,
             const std::vector<CountPass>& passes, size_t top_n, DateGranularity granularity,
             double time_limit);
  // Waits; returns the merged hits [offset, offset + limit) in order and the
  // counts of each pass (in the order of `passes`).
  void finish(size_t offset, size_t limit, std::vector<RankedHit>* hits,
              std::vector<CountResult>* counts);

 private:
  struct Shard {
    std::string path;
    std::string uuid;
    Xapian::Database view;  // all shards, used by this shard's thread only (shared by its group)
    Xapian::Database own;   // this shard alone (a handle inside `view`), for counting
    std::unique_ptr<FacetStore> store;
  };
  struct PassOut {
    Xapian::Query query;  // this thread's own copy (not restricted: it runs on `own`)
    long total = 0;
    bool truncated = false;
    std::vector<uint32_t> value_counts;      // by store ordinal
    std::vector<uint32_t> day_counts;        // by store day slot
    std::unique_ptr<SpyFacetCounter> spies;  // when the shard has no store
  };
  struct ShardWork {
    Xapian::Query ranked;  // this thread's own copy
    std::vector<RankedHit> hits;
    std::vector<PassOut> passes;
    bool fused_failed = false;  // the fused pass was cut short: rank with Xapian
  };

  LocalShards() = default;
  void run_shard(size_t shard);
  void rank_with_xapian(size_t shard);  // the ranked pass of work_[shard].ranked
  // Counts pass `p` of shard `s` from its facet store (a plan must exist);
  // `visitor` sees each match.
  CountOutcome count_with_store(size_t s, size_t p, MatchVisitor* visitor);
  Xapian::Query restrict_to(size_t shard, const Xapian::Query& query) const;

  std::vector<Shard> shards_;
  // Per shard's ranked pass: every shard's store, and whose documents it ranks
  // (one entry for all when not parallel). Empty unless every shard has a store.
  std::vector<std::shared_ptr<const StoreSet>> store_sets_;
  std::unique_ptr<ThreadPool> pool_;
  size_t threads_ = 1;         // searching threads; thread g has shards g, g + threads_, ...
  Xapian::Registry registry_;  // for unserialise (building a Registry costs ~60k instructions)
  // The running request.
  RankOrder order_ = RankOrder::kRelevance;
  const Xapian::Weight* weight_ = nullptr;
  std::optional<FusedRank> fused_;  // set when this request ranks while counting
  size_t want_hits_ = 0;
  const std::vector<CountPass>* passes_ = nullptr;
  std::vector<std::unique_ptr<CountPlan>> plans_;  // per pass; nullptr = count with Xapian
  size_t top_n_ = 10;
  DateGranularity granularity_ = DateGranularity::kMonth;
  double time_limit_ = 0;
  std::vector<ShardWork> work_;  // per shard
};

}  // namespace gazette

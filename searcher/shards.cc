#include "searcher/shards.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <thread>

#include "common/schema.h"

namespace gazette {
namespace fs = std::filesystem;

namespace {

// Matches every document of the shard whose UUID it is given, and nothing in
// other shards: Xapian clones a posting source for each sub-database of a
// combined database and init()s each copy with its own shard. It is only ever
// ANDed with the query (OP_FILTER), so in its own shard it can claim every
// docid up to the last one without checking that the document exists: the
// query's postings only hold documents that do.
class ShardFilter : public Xapian::PostingSource {
 public:
  explicit ShardFilter(std::string uuid) : uuid_(std::move(uuid)) {}

  ShardFilter* clone() const override { return new ShardFilter(uuid_); }

  void init(const Xapian::Database& db) override {
    const bool active = db.get_uuid() == uuid_;
    last_ = active ? db.get_lastdocid() : 0;
    did_ = 0;
    set_maxweight(0);
    const Xapian::doccount n = active ? db.get_doccount() : 0;
    termfreq_min = 0;
    termfreq_est = termfreq_max = n;
  }

  Xapian::doccount get_termfreq_min() const override { return termfreq_min; }
  Xapian::doccount get_termfreq_est() const override { return termfreq_est; }
  Xapian::doccount get_termfreq_max() const override { return termfreq_max; }

  void next(double) override { ++did_; }
  void skip_to(Xapian::docid did, double) override { did_ = std::max(did_, did); }
  bool at_end() const override { return did_ > last_; }
  Xapian::docid get_docid() const override { return did_; }
  std::string get_description() const override { return "ShardFilter(" + uuid_ + ")"; }

 private:
  std::string uuid_;
  Xapian::docid did_ = 0;
  Xapian::docid last_ = 0;
  Xapian::doccount termfreq_min = 0, termfreq_est = 0, termfreq_max = 0;
};

// A combined database interleaves its shards' docids: document d of shard k
// (of n) is (d - 1) * n + k + 1.
Xapian::docid combined_docid(Xapian::docid local, size_t shard, size_t n) {
  return static_cast<Xapian::docid>((local - 1) * n + shard + 1);
}
size_t shard_of_combined(Xapian::docid docid, size_t n) { return (docid - 1) % n; }
Xapian::docid local_of_combined(Xapian::docid docid, size_t n) {
  return static_cast<Xapian::docid>((docid - 1) / n + 1);
}

// Counts matches into a shard's facet store arrays. Local only: a MatchSpy
// that is not registered with xapian-tcpsrv cannot run on remote shards.
class StoreSpy : public Xapian::MatchSpy {
 public:
  StoreSpy(const FacetStore& store, uint32_t* values, uint32_t* days)
      : store_(store), values_(values), days_(days) {}

  Xapian::doccount seen = 0;  // documents counted

  void operator()(const Xapian::Document& doc, double) override {
    ++seen;
    const Xapian::docid did = doc.get_docid();  // local to the shard
    if (did <= store_.max_docid()) count_document(store_, did, values_, days_);
  }

 private:
  const FacetStore& store_;
  uint32_t* values_;
  uint32_t* days_;
};

// Ranks a shard's matches as it counts them (LocalShards' fused pass): the
// top `k` by FusedRank weight, ties by docid, as Xapian's matcher orders them.
class FusedRanker : public MatchVisitor {
 public:
  FusedRanker(const Xapian::Database& shard, const FacetStore& store, const FusedRank& rank,
              size_t k)
      : shard_(shard), store_(store), rank_(rank), k_(k) {
    // Upper bounds of the two parts, from this shard's bounds: once the k-th
    // best weight is above the term's alone, only documents with the boost
    // term can still enter, and the others are passed over unweighed.
    const Xapian::termcount len_min = shard.get_doclength_lower_bound();
    term_max_ = rank.term.maxpart(shard.get_wdf_upper_bound(rank.term.term), len_min);
    if (rank.boosted) {
      boost_ = shard.postlist_begin(rank.boost.term);
      boost_end_ = shard.postlist_end(rank.boost.term);
      boost_did_ = boost_ != boost_end_ ? *boost_ : kNoMore;
      boost_max_ = rank.boost.maxpart(shard.get_wdf_upper_bound(rank.boost.term), len_min);
    }
    heap_.reserve(k + 1);
  }

  const std::string& term() const override { return rank_.term.term; }

  void visit(Xapian::docid did, const Xapian::PostingIterator* term_at) override {
    bool boosted = false;
    if (rank_.boosted && boost_did_ <= did) {  // (a library call saved per match)
      if (boost_did_ < did) {
        if (boost_ != boost_end_) boost_.skip_to(did);
        boost_did_ = boost_ != boost_end_ ? *boost_ : kNoMore;
      }
      boosted = boost_did_ == did;
    }
    if (heap_.size() == k_) {
      const double worst = heap_.front().weight;
      if ((boosted ? term_max_ + boost_max_ : term_max_) < worst) return;  // cannot enter
    }
    if (term_at == nullptr) {
      // The plan does not iterate the term itself (rare): read its postings
      // here. Every match holds the term, so they reach every match in order.
      if (!term_open_) {
        term_ = shard_.postlist_begin(rank_.term.term);
        term_end_ = shard_.postlist_end(rank_.term.term);
        term_open_ = true;
      }
      if (term_ != term_end_ && *term_ < did) term_.skip_to(did);
      if (term_ == term_end_ || *term_ != did) {
        failed_ = true;  // cannot happen; Xapian then ranks instead
        return;
      }
      term_at = &term_;
    }
    const Xapian::termcount len = store_.doc_length(did);
    double w = rank_.term.sumpart(term_at->get_wdf(), len);
    if (boosted) w = w + rank_.boost.sumpart(boost_.get_wdf(), len);  // AND_MAYBE's sum
    const Entry e{w, did};
    if (heap_.size() < k_) {
      heap_.push_back(e);
      std::push_heap(heap_.begin(), heap_.end(), better);
    } else if (better(e, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), better);
      heap_.back() = e;
      std::push_heap(heap_.begin(), heap_.end(), better);
    }
  }

  bool failed() const { return failed_; }

  // The hits, best first, with docids of the combined database (shard `s`
  // of `n`).
  void take(size_t s, size_t n, std::vector<RankedHit>* out) {
    std::sort(heap_.begin(), heap_.end(), better);
    for (const Entry& e : heap_) {
      out->push_back({combined_docid(e.did, s, n), e.weight, {}});
    }
  }

 private:
  struct Entry {
    double weight;
    Xapian::docid did;
  };
  // The heap's front is its worst entry.
  static bool better(const Entry& a, const Entry& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.did < b.did;
  }

  const Xapian::Database& shard_;
  const FacetStore& store_;
  const FusedRank& rank_;
  size_t k_;
  Xapian::PostingIterator term_, term_end_, boost_, boost_end_;
  bool term_open_ = false;
  static constexpr Xapian::docid kNoMore = std::numeric_limits<Xapian::docid>::max();
  Xapian::docid boost_did_ = kNoMore;  // where boost_ stands (kNoMore: at its end)
  double term_max_ = 0, boost_max_ = 0;
  std::vector<Entry> heap_;
  bool failed_ = false;
};

// The shard paths a stub file lists, or false if one is not a local database.
bool read_stub(const fs::path& stub, std::vector<std::string>* out) {
  std::ifstream in(stub);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string type, rest;
    if (!(words >> type) || type[0] == '#') continue;
    std::getline(words >> std::ws, rest);
    if ((type != "auto" && type != "glass") || rest.empty()) return false;
    fs::path p(rest);
    if (p.is_relative()) p = stub.parent_path() / p;
    if (!fs::exists(p / "iamglass")) return false;  // a nested stub or another backend
    out->push_back(p.string());
  }
  return !out->empty();
}

}  // namespace

void set_rank_order(Xapian::Enquire* enquire, RankOrder order) {
  if (order == RankOrder::kNewest) {
    enquire->set_sort_by_value_then_relevance(slot::kSortTime, true);
  } else if (order == RankOrder::kOldest) {
    enquire->set_sort_by_value_then_relevance(slot::kOldest, false);
  }
}

std::unique_ptr<LocalShards> LocalShards::open(const std::string& path, bool use_stores,
                                               bool parallel) {
  std::vector<std::string> paths;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    if (fs::exists(fs::path(path) / "XAPIANDB", ec)) {
      if (!read_stub(fs::path(path) / "XAPIANDB", &paths)) return nullptr;
    } else if (fs::exists(fs::path(path) / "iamglass", ec)) {
      paths.push_back(path);
    } else {
      return nullptr;
    }
  } else if (!read_stub(fs::path(path), &paths)) {
    return nullptr;
  }
  const size_t n = paths.size();
  // One thread per shard up to the number of cores; beyond that, each thread
  // searches a group of shards (k % threads) in turn, on its own handles.
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const size_t threads = parallel ? std::min(n, cores) : 1;
  if (threads < 2) parallel = false;
  std::unique_ptr<LocalShards> set(new LocalShards);
  // handles[g][k]: shard k as opened for thread g; all at one revision per shard.
  std::vector<std::vector<Xapian::Database>> handles(threads);
  for (int attempt = 0;; ++attempt) {
    bool consistent = true;
    for (size_t i = 0; i < threads; ++i) {
      handles[i].clear();
      for (size_t k = 0; k < n; ++k) handles[i].emplace_back(paths[k]);
    }
    for (size_t k = 0; k < n && consistent; ++k)
      for (size_t i = 1; i < threads; ++i)
        consistent &= handles[i][k].get_revision() == handles[0][k].get_revision();
    if (consistent) break;
    if (attempt == 5) throw Xapian::DatabaseModifiedError("the index keeps changing: " + path);
  }
  std::set<std::string> uuids;
  // Each thread's view of all shards (one for all when not parallel).
  std::vector<Xapian::Database> views(threads);
  for (size_t g = 0; g < threads; ++g)
    for (size_t k = 0; k < n; ++k) views[g].add_database(handles[g][k]);
  for (size_t k = 0; k < n; ++k) {
    Shard shard;
    shard.path = paths[k];
    shard.uuid = handles[0][k].get_uuid();
    if (!uuids.insert(shard.uuid).second) return nullptr;  // a copied shard: cannot tell apart
    const size_t mine = k % threads;
    shard.view = views[mine];
    // Counting needs no collection statistics: the shard's own handle spares
    // those passes the other shards' postlists. It is the handle inside `view`
    // that only this shard's thread uses.
    shard.own = handles[mine][k];
    if (use_stores) shard.store = FacetStore::open(paths[k], shard.own);
    set->shards_.push_back(std::move(shard));
  }
  set->threads_ = threads;
  if (parallel) set->pool_ = std::make_unique<ThreadPool>(threads - 1);
  if (set->stores() == n) {
    StoreSet all;
    for (const Shard& shard : set->shards_) all.by_uuid[shard.uuid] = shard.store.get();
    for (size_t k = 0; k < (set->pool_ ? n : 1); ++k) {
      auto mine = std::make_shared<StoreSet>(all);
      if (set->pool_) mine->only_uuid = set->shards_[k].uuid;
      set->store_sets_.push_back(std::move(mine));
    }
  }
  return set;
}

bool LocalShards::record(Xapian::docid docid, std::string_view* out) const {
  const size_t n = shards_.size();
  const FacetStore* store = shards_[shard_of_combined(docid, n)].store.get();
  const Xapian::docid local = local_of_combined(docid, n);
  if (store == nullptr || local > store->max_docid()) return false;
  *out = store->record(local);
  return !out->empty();
}

void LocalShards::for_each(size_t n,
                           const std::function<void(const Xapian::Database&, size_t)>& fn) {
  const size_t threads = pool_ ? std::min(n, threads_) : 1;
  auto run = [this, n, threads, &fn](size_t t) {
    for (size_t i = t; i < n; i += threads) fn(shards_[t].view, i);
  };
  for (size_t t = 1; t < threads; ++t) pool_->submit([&run, t] { run(t); });
  try {
    run(0);
  } catch (...) {
    if (threads > 1) {
      try {
        pool_->wait();  // the tasks use `run`: let them end first
      } catch (...) {
      }
    }
    throw;
  }
  if (threads > 1) pool_->wait();
}

size_t LocalShards::stores() const {
  size_t n = 0;
  for (const Shard& s : shards_) n += s.store != nullptr;
  return n;
}

Xapian::Query LocalShards::restrict_to(size_t shard, const Xapian::Query& query) const {
  if (shards_.size() == 1) return query;
  // The weight-1 scale keeps `query` one unit under the FILTER: Xapian would
  // otherwise merge an AND_MAYBE or FILTER at its top into the FILTER's own
  // AND, regrouping the sum of the weights ((a + b) + c becoming a + (b + c))
  // and so changing weights in their last bits against an unrestricted match
  // (remote shards, --count-mode combined).
  return Xapian::Query(Xapian::Query::OP_FILTER,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, 1.0),
                       Xapian::Query((new ShardFilter(shards_[shard].uuid))->release()));
}

void LocalShards::start(const Xapian::Query& query, const Xapian::Weight& weight,
                        const Bm25Params* bm25, const FusedRank* fused, RankOrder order,
                        size_t hits, const std::vector<CountPass>& passes, size_t top_n,
                        DateGranularity granularity, double time_limit) {
  order_ = order;
  weight_ = &weight;
  time_limit_ = time_limit;
  plans_.clear();
  for (const CountPass& pass : passes) plans_.push_back(CountPlan::compile(pass.query));
  fused_.reset();
  if (fused != nullptr && hits > 0 && order == RankOrder::kRelevance && !passes.empty() &&
      plans_[0] && stores() == shards_.size()) {
    fused_ = *fused;
  }
  want_hits_ = hits;
  passes_ = &passes;
  top_n_ = top_n;
  granularity_ = granularity;
  // Built in place: ShardWork holds move-only parts that vector::resize would copy.
  std::vector<ShardWork>(shards_.size()).swap(work_);
  // Xapian::Query shares its internals by non-atomic reference counting, so
  // every thread gets deep copies, made here before the threads start.
  std::string ranked;
  std::vector<std::string> counted;
  Bm25Cache bm25_terms;  // each term's statistics looked up once for all shards
  if (pool_) {
    ranked = query.serialise();
    for (const CountPass& pass : passes) counted.push_back(pass.query.serialise());
  }
  for (size_t s = 0; s < shards_.size(); ++s) {
    ShardWork& w = work_[s];
    // Shard 0 runs in this thread, on the caller's own queries; without threads
    // one ranked pass over all shards (shard 0's) does for all.
    const bool copy = pool_ && s > 0;
    if (pool_) {
      w.ranked = restrict_to(s, copy ? Xapian::Query::unserialise(ranked, registry_) : query);
    } else if (s == 0) {
      w.ranked = query;  // one ranked pass over all shards
    }
    // Document lengths from the facet stores (statistics from shard 0's view:
    // this thread's, and every view spans the same revisions).
    if (bm25 != nullptr && hits > 0 && !fused_ && s < store_sets_.size()) {
      w.ranked = fast_rank_query(w.ranked, shards_[0].view, *bm25, store_sets_[s], &bm25_terms);
    }
    w.passes.resize(passes.size());
    for (size_t p = 0; p < passes.size(); ++p) {
      w.passes[p].query = copy ? Xapian::Query::unserialise(counted[p], registry_) : passes[p].query;
    }
  }
  if (!pool_) {
    for (size_t s = 0; s < shards_.size(); ++s) run_shard(s);
    if (fused_ && std::any_of(work_.begin(), work_.end(),
                              [](const ShardWork& w) { return w.fused_failed; })) {
      for (ShardWork& w : work_) w.hits.clear();
      rank_with_xapian(0);  // one ranked pass over all shards
    }
    return;
  }
  // Thread g searches shards g, g + threads_, ...; group 0 runs here: the
  // calling thread would only wait, and a thread already awake spares one
  // wake-up per query.
  auto run_group = [this](size_t g) {
    for (size_t s = g; s < shards_.size(); s += threads_) run_shard(s);
  };
  for (size_t g = 1; g < threads_; ++g) pool_->submit([run_group, g] { run_group(g); });
  try {
    run_group(0);
  } catch (...) {
    try {
      pool_->wait();  // the other shards' tasks use work_: let them end first
    } catch (...) {
    }
    throw;
  }
}

void LocalShards::rank_with_xapian(size_t s) {
  ShardWork& w = work_[s];
  Xapian::Enquire enquire(shards_[s].view);
  enquire.set_query(w.ranked);
  enquire.set_weighting_scheme(*weight_);
  set_rank_order(&enquire, order_);
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(want_hits_));
  w.hits.reserve(mset.size());
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    w.hits.push_back({*it, it.get_weight(),
                      order_ == RankOrder::kRelevance ? std::string() : it.get_sort_key()});
  }
}

CountOutcome LocalShards::count_with_store(size_t s, size_t p, MatchVisitor* visitor) {
  const Shard& shard = shards_[s];
  PassOut& out = work_[s].passes[p];
  out.value_counts.assign(shard.store->value_count(), 0);
  out.day_counts.assign(size_t{shard.store->day_span()} + 1, 0);
  const auto deadline =
      time_limit_ > 0 ? std::chrono::steady_clock::now() +
                            std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                std::chrono::duration<double>(time_limit_))
                      : std::chrono::steady_clock::time_point();
  // Only the facets this pass reports: ordinals ascend facet by facet, so
  // counting can stop after the last one asked for.
  CountOptions what;
  what.days = false;
  size_t last = 0;
  bool any = false;
  for (const std::string& name : (*passes_)[p].facets) {
    if (name == "date") {
      what.days = true;
    } else if (const FacetSpec* spec = find_facet(name)) {
      last = std::max(last, static_cast<size_t>(spec->facet));
      any = true;
    }
  }
  what.value_limit = any ? shard.store->facet_begin(last + 1) : 0;
  CountOutcome c = count_plan(*plans_[p], shard.own, *shard.store, out.value_counts.data(),
                              out.day_counts.data(), deadline, visitor, what);
  out.total = c.total;
  out.truncated = c.truncated;
  return c;
}

void LocalShards::run_shard(size_t s) {
  Shard& shard = shards_[s];
  ShardWork& w = work_[s];
  const Xapian::doccount docs = shard.own.get_doccount();
  if (fused_) {
    // Rank while counting the first pass (its matches are the ranked query's).
    FusedRanker ranker(shard.own, *shard.store, *fused_, want_hits_);
    const CountOutcome c = count_with_store(s, 0, &ranker);
    w.fused_failed = c.truncated || ranker.failed();
    if (!w.fused_failed) {
      ranker.take(s, shards_.size(), &w.hits);
    } else if (pool_) {
      rank_with_xapian(s);  // start() does it over all shards otherwise
    }
  } else if (want_hits_ > 0 && (pool_ || s == 0)) {
    rank_with_xapian(s);
  }
  for (size_t p = fused_ ? 1 : 0; p < passes_->size(); ++p) {
    const CountPass& pass = (*passes_)[p];
    PassOut& out = w.passes[p];
    if (shard.store && plans_[p]) {
      // The fast path: posting lists and the facet store, no Xapian matcher.
      count_with_store(s, p, nullptr);
      continue;
    }
    Xapian::Enquire enquire(shard.own);
    enquire.set_query(out.query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    if (time_limit_ > 0) enquire.set_time_limit(time_limit_);
    // A spy sees every match (it also tells whether the time limit cut the
    // count short): the facet store's, or value-slot spies without a store.
    std::unique_ptr<StoreSpy> spy;
    if (shard.store) {
      out.value_counts.assign(shard.store->value_count(), 0);
      out.day_counts.assign(size_t{shard.store->day_span()} + 1, 0);
      spy = std::make_unique<StoreSpy>(*shard.store, out.value_counts.data(),
                                       out.day_counts.data());
      enquire.add_matchspy(spy.get());
    } else {
      out.spies = std::make_unique<SpyFacetCounter>(pass.facets);
      out.spies->attach(&enquire);
    }
    // checkatleast = doccount: every match is counted, so the total is exact.
    Xapian::MSet mset = enquire.get_mset(0, 0, docs);
    out.total = static_cast<long>(mset.get_matches_estimated());
    const Xapian::doccount seen = spy ? spy->seen : out.spies->seen();
    out.truncated = seen < static_cast<Xapian::doccount>(out.total);
  }
}

void LocalShards::finish(size_t offset, size_t limit, std::vector<RankedHit>* hits,
                         std::vector<CountResult>* counts) {
  if (pool_) pool_->wait();
  // The order Xapian gives one Enquire over all shards: the date key (descending
  // for newest), then weight, then docid.
  const bool descending = order_ == RankOrder::kNewest;
  auto before = [descending](const RankedHit& a, const RankedHit& b) {
    if (a.sort_key != b.sort_key) return descending ? a.sort_key > b.sort_key : a.sort_key < b.sort_key;
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.docid < b.docid;
  };
  // Each shard's hits come in that order already, so merging the runs is
  // enough (deep pages hold tens of thousands of hits per shard); a run that
  // is not in order gets sorted first.
  hits->clear();
  for (ShardWork& w : work_) {
    const auto mid = static_cast<long>(hits->size());
    for (RankedHit& h : w.hits) hits->push_back(std::move(h));
    if (!std::is_sorted(hits->begin() + mid, hits->end(), before))
      std::sort(hits->begin() + mid, hits->end(), before);
    std::inplace_merge(hits->begin(), hits->begin() + mid, hits->end(), before);
  }
  if (offset >= hits->size()) {
    hits->clear();
  } else {
    hits->erase(hits->begin(), hits->begin() + static_cast<long>(offset));
    if (hits->size() > limit) hits->resize(limit);
  }

  counts->clear();
  counts->resize(passes_->size());
  for (size_t p = 0; p < passes_->size(); ++p) {
    const CountPass& pass = (*passes_)[p];
    CountResult& r = (*counts)[p];
    r.facets = std::make_unique<FacetAggregator>(pass.facets, top_n_, granularity_);
    for (size_t s = 0; s < shards_.size(); ++s) {
      PassOut& out = work_[s].passes[p];
      r.total += out.total;
      r.truncated |= out.truncated;
      if (pass.facets.empty()) continue;
      const FacetStore* store = shards_[s].store.get();
      if (store == nullptr) {
        out.spies->add_to(r.facets.get());
        continue;
      }
      for (size_t f = 0; f < kFacets.size(); ++f) {
        if (!r.facets->wants(static_cast<Facet>(f))) continue;
        const uint32_t end = store->facet_begin(f + 1);
        for (uint32_t ord = store->facet_begin(f); ord < end; ++ord) {
          if (out.value_counts[ord] == 0) continue;
          const FacetStore::Value& v = store->value(ord);
          const FacetStore::Key& k = store->key(v.key);
          r.facets->add_value(static_cast<Facet>(f), store->text(v.text_off, v.text_len),
                              store->text(k.text_off, k.text_len), out.value_counts[ord]);
        }
      }
      if (r.facets->wants_date()) {
        for (uint32_t d = 1; d < out.day_counts.size(); ++d) {
          if (out.day_counts[d] != 0) {
            r.facets->add_day(store->day_base() + d - 1, out.day_counts[d]);
          }
        }
      }
    }
  }
}

}  // namespace gazette

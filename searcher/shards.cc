#include "searcher/shards.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gazette {
namespace fs = std::filesystem;

namespace {

// Counts matches into a shard's facet store arrays. Local only: a MatchSpy
// that is not registered with xapian-tcpsrv cannot run on remote shards.
class StoreSpy : public Xapian::MatchSpy {
 public:
  StoreSpy(const FacetStore& store, uint32_t* values, uint32_t* days)
      : store_(store), values_(values), days_(days) {}

  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid did = doc.get_docid();
    if (did > store_.max_docid()) return;
    for (const uint32_t* p = store_.values_begin(did); p != store_.values_end(did); ++p)
      ++values_[*p];
    ++days_[store_.day_slot(did)];
  }

 private:
  const FacetStore& store_;
  uint32_t* values_;
  uint32_t* days_;
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

std::unique_ptr<LocalShards> LocalShards::open(const std::string& path, bool use_stores) {
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
  std::unique_ptr<LocalShards> set(new LocalShards);
  for (const std::string& p : paths) {
    // Two handles per shard (one for the counting thread, one inside the
    // combined database) at the same revision, so counts and hits agree.
    Xapian::Database counting(p), ranking(p);
    for (int attempt = 0; counting.get_revision() != ranking.get_revision(); ++attempt) {
      if (attempt == 5) throw Xapian::DatabaseModifiedError("shard keeps changing: " + p);
      counting = Xapian::Database(p);
      ranking = Xapian::Database(p);
    }
    set->combined_.add_database(ranking);
    Shard shard{p, counting, use_stores ? FacetStore::open(p, counting) : nullptr};
    set->shards_.push_back(std::move(shard));
  }
  set->pool_ = std::make_unique<ThreadPool>(set->shards_.size());
  return set;
}

size_t LocalShards::stores() const {
  size_t n = 0;
  for (const Shard& s : shards_) n += s.store != nullptr;
  return n;
}

void LocalShards::start(const std::vector<CountPass>& passes, size_t top_n,
                        DateGranularity granularity) {
  passes_ = &passes;
  top_n_ = top_n;
  granularity_ = granularity;
  work_.clear();
  work_.resize(shards_.size());
  for (size_t s = 0; s < shards_.size(); ++s) {
    work_[s].resize(passes.size());
    // Xapian::Query shares its internals by non-atomic reference counting, so
    // every thread gets a deep copy made here, before the threads start.
    for (size_t p = 0; p < passes.size(); ++p)
      work_[s][p].query = Xapian::Query::unserialise(passes[p].query.serialise());
    pool_->submit([this, s] { count_shard(s); });
  }
}

void LocalShards::count_shard(size_t s) {
  Shard& shard = shards_[s];
  const Xapian::doccount docs = shard.db.get_doccount();
  for (size_t p = 0; p < passes_->size(); ++p) {
    const CountPass& pass = (*passes_)[p];
    ShardPass& out = work_[s][p];
    Xapian::Enquire enquire(shard.db);
    enquire.set_query(out.query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::unique_ptr<StoreSpy> spy;
    if (!pass.facets.empty()) {
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
    }
    // checkatleast = doccount: every match is counted, so the total is exact.
    Xapian::MSet mset = enquire.get_mset(0, 0, docs);
    out.total = static_cast<long>(mset.get_matches_estimated());
  }
}

std::vector<CountResult> LocalShards::finish() {
  pool_->wait();
  std::vector<CountResult> results(passes_->size());
  for (size_t p = 0; p < passes_->size(); ++p) {
    const CountPass& pass = (*passes_)[p];
    CountResult& r = results[p];
    r.facets = std::make_unique<FacetAggregator>(pass.facets, top_n_, granularity_);
    for (size_t s = 0; s < shards_.size(); ++s) {
      ShardPass& sp = work_[s][p];
      r.total += sp.total;
      if (pass.facets.empty()) continue;
      const FacetStore* store = shards_[s].store.get();
      if (store == nullptr) {
        sp.spies->add_to(r.facets.get());
        continue;
      }
      for (size_t f = 0; f < kFacets.size(); ++f) {
        if (!r.facets->wants(static_cast<Facet>(f))) continue;
        const uint32_t end = store->facet_begin(f + 1);
        for (uint32_t ord = store->facet_begin(f); ord < end; ++ord) {
          if (sp.value_counts[ord] == 0) continue;
          const FacetStore::Value& v = store->value(ord);
          const FacetStore::Key& k = store->key(v.key);
          r.facets->add_value(static_cast<Facet>(f), store->text(v.text_off, v.text_len),
                              store->text(k.text_off, k.text_len), sp.value_counts[ord]);
        }
      }
      if (r.facets->wants_date()) {
        for (uint32_t d = 1; d < sp.day_counts.size(); ++d) {
          if (sp.day_counts[d] != 0) r.facets->add_day(store->day_base() + d - 1, sp.day_counts[d]);
        }
      }
    }
  }
  return results;
}

}  // namespace gazette

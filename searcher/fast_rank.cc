#include "searcher/fast_rank.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

namespace gazette {
namespace {

// The postings of one term in one shard, weighted by BM25 with the document
// lengths of the shard's facet store.
class Bm25Source : public Xapian::PostingSource {
 public:
  Bm25Source(std::shared_ptr<const Bm25Term> w, std::shared_ptr<const StoreSet> stores)
      : w_(std::move(w)), stores_(std::move(stores)) {}

  Bm25Source* clone() const override { return new Bm25Source(w_, stores_); }

  void init(const Xapian::Database& db) override {
    started_ = false;
    store_ = nullptr;
    it_ = end_ = Xapian::PostingIterator();
    const std::string uuid = db.get_uuid();
    auto found = stores_->by_uuid.find(uuid);
    const bool active = found != stores_->by_uuid.end() &&
                        (stores_->only_uuid.empty() || stores_->only_uuid == uuid);
    Xapian::doccount tf = 0;
    double max_weight = 0;
    if (active) {
      store_ = found->second;
      tf = db.get_termfreq(w_->term);
      it_ = db.postlist_begin(w_->term);
      end_ = db.postlist_end(w_->term);
      max_weight = w_->maxpart(db.get_wdf_upper_bound(w_->term), db.get_doclength_lower_bound());
    }
    termfreq_ = tf;
    set_maxweight(max_weight);
  }

  void next(double) override {
    if (started_) {
      ++it_;
    } else {
      started_ = true;
    }
  }
  void skip_to(Xapian::docid did, double) override {
    started_ = true;
    if (it_ != end_ && *it_ < did) it_.skip_to(did);
  }
  bool at_end() const override { return it_ == end_; }
  // The shard's term frequency, as Xapian's own term postlist reports it (it
  // orders AND and OR trees by these).
  Xapian::doccount get_termfreq_min() const override { return termfreq_; }
  Xapian::doccount get_termfreq_est() const override { return termfreq_; }
  Xapian::doccount get_termfreq_max() const override { return termfreq_; }
  Xapian::docid get_docid() const override { return *it_; }

  double get_weight() const override {
    const Xapian::docid did = *it_;
    return w_->sumpart(it_.get_wdf(), did <= store_->max_docid() ? store_->doc_length(did) : 0);
  }

  std::string get_description() const override { return "Bm25Source(" + w_->term + ")"; }

 private:
  std::shared_ptr<const Bm25Term> w_;
  std::shared_ptr<const StoreSet> stores_;
  const FacetStore* store_ = nullptr;
  Xapian::PostingIterator it_, end_;
  Xapian::doccount termfreq_ = 0;
  bool started_ = false;
};

}  // namespace

Bm25Term Bm25Term::make(const std::string& term, Xapian::termcount wqf, double factor,
                        const Xapian::Database& stats, const Bm25Params& p) {
  // BM25Weight::init, operation for operation, with the statistics the matcher
  // would gather: the whole index's document count, average length and the
  // term's frequency in it.
  Bm25Term w;
  w.term = term;
  w.params = p;
  const Xapian::doccount docs = stats.get_doccount();
  const Xapian::doccount tf = stats.get_termfreq(term);
  double tw = (static_cast<double>(docs) - tf + 0.5) / (tf + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;
  double termweight = std::log(tw) * factor;
  const double k3 = 1.0;
  const double wqf_double = wqf;
  termweight *= (k3 + 1) * wqf_double / (k3 + wqf_double);
  termweight *= (p.k1 + 1);
  w.termweight = termweight;
  // Weight::Internal::get_average_length: total length / collection size.
  double len_factor = docs == 0 ? 0 : static_cast<double>(stats.get_total_length()) / docs;
  if (len_factor != 0) len_factor = 1 / len_factor;
  w.len_factor = (p.b == 0 || p.k1 == 0) ? 0 : len_factor;
  return w;
}

// BM25Weight::get_sumpart, operation for operation.
double Bm25Term::sumpart(Xapian::termcount wdf, Xapian::termcount len) const {
  const double normlen = std::max(len * len_factor, params.min_normlen);
  const double wdf_double = wdf;
  const double denom = params.k1 * (normlen * params.b + (1 - params.b)) + wdf_double;
  return termweight * (wdf_double / denom);
}

double Bm25Term::maxpart(Xapian::termcount wdf_max, Xapian::termcount len_min) const {
  const double wdf = wdf_max;
  double denom = params.k1;
  if (params.k1 != 0.0 && params.b != 0.0) {
    const double normlen =
        std::max(std::max(wdf, static_cast<double>(len_min)) * len_factor, params.min_normlen);
    denom *= normlen * params.b + (1 - params.b);
  }
  denom += wdf;
  return denom > 0 ? termweight * (wdf / denom) * (1 + 1e-8) : 0;
}

namespace {

struct Context {
  const Xapian::Database& stats;
  const Bm25Params& params;
  std::shared_ptr<const StoreSet> stores;
  Bm25Cache* cache;
};

// The term's wqf, read from its description ("Query(TERM#WQF@POS)", either
// suffix optional) and confirmed by serialising the rebuilt term. 0 if unsure.
Xapian::termcount term_wqf(const Xapian::Query& q, const std::string& term) {
  const std::string desc = q.get_description();
  const std::string head = "Query(" + term;
  if (desc.compare(0, head.size(), head) != 0 || desc.back() != ')') return 0;
  std::string_view rest(desc);
  rest = rest.substr(head.size(), rest.size() - head.size() - 1);
  unsigned long wqf = 1, pos = 0;
  auto number = [&](char mark, unsigned long* out) {
    if (rest.empty() || rest[0] != mark) return true;
    std::string digits(rest.substr(1, rest.find('@', 1) == std::string_view::npos
                                          ? std::string_view::npos
                                          : rest.find('@', 1) - 1));
    char* end = nullptr;
    *out = std::strtoul(digits.c_str(), &end, 10);
    if (digits.empty() || *end != '\0') return false;
    rest.remove_prefix(1 + digits.size());
    return true;
  };
  if (!number('#', &wqf) || !number('@', &pos) || !rest.empty()) return 0;
  const Xapian::Query rebuilt(term, static_cast<Xapian::termcount>(wqf),
                              static_cast<Xapian::termpos>(pos));
  return rebuilt.serialise() == q.serialise() ? static_cast<Xapian::termcount>(wqf) : 0;
}

// OP_SCALE_WEIGHT's factor, from "Query(FACTOR * ...)" (printed with 20
// significant digits, so exact), confirmed by serialising. -1 if unsure.
double scale_factor(const Xapian::Query& q) {
  const std::string desc = q.get_description();
  if (desc.compare(0, 6, "Query(") != 0) return -1;
  const size_t star = desc.find(" * ", 6);
  if (star == std::string::npos) return -1;
  const std::string number = desc.substr(6, star - 6);
  char* end = nullptr;
  const double f = std::strtod(number.c_str(), &end);
  if (number.empty() || *end != '\0' || !(f >= 0)) return -1;
  const Xapian::Query rebuilt(Xapian::Query::OP_SCALE_WEIGHT, q.get_subquery(0), f);
  return rebuilt.serialise() == q.serialise() ? f : -1;
}

struct Rewritten {
  Xapian::Query query;
  bool changed = false;
  // Every weighted leaf below became a Bm25Source: only then may an enclosing
  // OP_SCALE_WEIGHT hand its factor to the leaves.
  bool complete = true;
};

Rewritten rewrite(const Xapian::Query& q, double factor, const Context& ctx) {
  using Q = Xapian::Query;
  Rewritten out{q, false, true};
  if (factor == 0.0) return out;  // unweighted: nothing to do
  const size_t n = q.get_num_subqueries();
  // Branches rebuilt from their rewritten subqueries; `weighted` subqueries
  // (from index `first_weighted`, up to `last_weighted`) carry the factor.
  auto branch = [&](size_t weighted_end) {
    std::vector<Q> subs;
    subs.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      if (i < weighted_end) {
        Rewritten r = rewrite(q.get_subquery(i), factor, ctx);
        out.changed |= r.changed;
        out.complete &= r.complete;
        subs.push_back(std::move(r.query));
      } else {
        subs.push_back(q.get_subquery(i));
      }
    }
    if (out.changed) out.query = Q(q.get_type(), subs.begin(), subs.end());
  };
  switch (q.get_type()) {
    case Q::LEAF_TERM: {
      Xapian::TermIterator t = q.get_terms_begin();
      if (t == q.get_terms_end()) {
        out.complete = false;
        return out;
      }
      const std::string term = *t;
      const Xapian::termcount wqf = term_wqf(q, term);
      if (wqf == 0) {
        out.complete = false;
        return out;
      }
      std::shared_ptr<const Bm25Term> own;
      std::shared_ptr<const Bm25Term>& w =
          ctx.cache != nullptr ? (*ctx.cache)[{term, wqf, factor}] : own;
      if (w == nullptr)
        w = std::make_shared<Bm25Term>(Bm25Term::make(term, wqf, factor, ctx.stats, ctx.params));
      out.query = Q((new Bm25Source(w, ctx.stores))->release());  // the cache keeps its copy
      out.changed = true;
      return out;
    }
    case Q::OP_AND:
    case Q::OP_OR:
    case Q::OP_AND_MAYBE:
      branch(n);
      return out;
    case Q::OP_FILTER:
    case Q::OP_AND_NOT:
      branch(1);  // the rest are unweighted
      return out;
    case Q::OP_SCALE_WEIGHT: {
      const double scale = scale_factor(q);
      if (scale < 0) {
        out.complete = false;
        return out;
      }
      Rewritten r = rewrite(q.get_subquery(0), factor * scale, ctx);
      // With a factor of 1 the leaves Xapian still weighs get the same factor
      // either way (LocalShards wraps queries so).
      if (!r.changed || (!r.complete && scale != 1.0)) {
        out.complete = r.complete;
        return out;  // as it was: its leaves keep Xapian's weights and the factor
      }
      out.complete = r.complete;
      // The factor is in the leaves now; 1 keeps the node, and with it the
      // shape Xapian builds (its subquery is not merged into an enclosing OR).
      out.query = Q(Q::OP_SCALE_WEIGHT, r.query, 1.0);
      out.changed = true;
      return out;
    }
    case Q::OP_VALUE_RANGE:
    case Q::OP_VALUE_GE:
    case Q::OP_VALUE_LE:
    case Q::LEAF_MATCH_NOTHING:
      return out;  // no weight
    default:
      // Phrases, NEAR, synonyms, posting sources, MatchAll...: Xapian weighs
      // them as before.
      out.complete = false;
      return out;
  }
}

}  // namespace

Xapian::Query fast_rank_query(const Xapian::Query& query, const Xapian::Database& stats,
                              const Bm25Params& params, std::shared_ptr<const StoreSet> stores,
                              Bm25Cache* cache) {
  if (stats.get_doccount() == 0) return query;
  const Context ctx{stats, params, std::move(stores), cache};
  return rewrite(query, 1.0, ctx).query;
}

std::optional<FusedRank> fused_rank(const Xapian::Query& rank, const Xapian::Query& strict,
                                    const Xapian::Database& stats, const Bm25Params& params) {
  using Q = Xapian::Query;
  if (strict.get_type() != Q::LEAF_TERM || stats.get_doccount() == 0) return std::nullopt;
  auto leaf = [](const Q& q, std::string* term, Xapian::termcount* wqf) {
    if (q.get_type() != Q::LEAF_TERM || q.get_terms_begin() == q.get_terms_end()) return false;
    *term = *q.get_terms_begin();
    *wqf = term_wqf(q, *term);
    return *wqf != 0;
  };
  std::string term;
  Xapian::termcount wqf = 0;
  if (!leaf(strict, &term, &wqf)) return std::nullopt;
  FusedRank out;
  const std::string strict_bytes = strict.serialise();
  if (rank.serialise() != strict_bytes) {
    // AND_MAYBE(term, SCALE_WEIGHT(f, boost term)): the title boost.
    if (rank.get_type() != Q::OP_AND_MAYBE || rank.get_num_subqueries() != 2 ||
        rank.get_subquery(0).serialise() != strict_bytes)
      return std::nullopt;
    const Q scaled = rank.get_subquery(1);
    if (scaled.get_type() != Q::OP_SCALE_WEIGHT) return std::nullopt;
    const double f = scale_factor(scaled);
    std::string boost;
    Xapian::termcount boost_wqf = 0;
    if (!(f > 0) || !leaf(scaled.get_subquery(0), &boost, &boost_wqf)) return std::nullopt;
    out.boosted = true;
    out.boost = Bm25Term::make(boost, boost_wqf, f, stats, params);
  }
  out.term = Bm25Term::make(term, wqf, 1.0, stats, params);
  return out;
}

}  // namespace gazette

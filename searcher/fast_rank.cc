#include "searcher/fast_rank.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace gazette {
namespace {

// The statistics and parameters one weighted term needs, shared by the copies
// Xapian makes of its source (one per shard).
struct TermWeight {
  std::string term;
  double termweight = 0;  // BM25Weight's termweight (idf, factor, k3 and k1 folded in)
  double len_factor = 0;  // 1 / average document length, or 0
  Bm25Params params;
};

// The postings of one term in one shard, weighted by BM25 with the document
// lengths of the shard's facet store.
class Bm25Source : public Xapian::PostingSource {
 public:
  Bm25Source(std::shared_ptr<const TermWeight> w, std::shared_ptr<const StoreSet> stores)
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
      // BM25Weight::get_maxpart's bound, from this shard's bounds.
      const Bm25Params& p = w_->params;
      const double wdf_max = db.get_wdf_upper_bound(w_->term);
      double denom = p.k1;
      if (p.k1 != 0.0 && p.b != 0.0) {
        const double normlen_lb =
            std::max(std::max(wdf_max, static_cast<double>(db.get_doclength_lower_bound())) *
                         w_->len_factor,
                     p.min_normlen);
        denom *= normlen_lb * p.b + (1 - p.b);
      }
      denom += wdf_max;
      max_weight = denom > 0 ? w_->termweight * (wdf_max / denom) : 0;
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

  // BM25Weight::get_sumpart, operation for operation.
  double get_weight() const override {
    const Bm25Params& p = w_->params;
    const Xapian::docid did = *it_;
    const Xapian::termcount len =
        did <= store_->max_docid() ? store_->doc_length(did) : 0;
    const double normlen = std::max(len * w_->len_factor, p.min_normlen);
    const double wdf = it_.get_wdf();
    const double denom = p.k1 * (normlen * p.b + (1 - p.b)) + wdf;
    return w_->termweight * (wdf / denom);
  }

  std::string get_description() const override { return "Bm25Source(" + w_->term + ")"; }

 private:
  std::shared_ptr<const TermWeight> w_;
  std::shared_ptr<const StoreSet> stores_;
  const FacetStore* store_ = nullptr;
  Xapian::PostingIterator it_, end_;
  Xapian::doccount termfreq_ = 0;
  bool started_ = false;
};

struct Context {
  const Xapian::Database& stats;
  const Bm25Params& params;
  std::shared_ptr<const StoreSet> stores;
  double collection_size;
  double len_factor;
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
      // BM25Weight::init, operation for operation, with the statistics the
      // matcher would gather: the whole index's document count, average
      // length and the term's frequency in it.
      const Bm25Params& p = ctx.params;
      auto w = std::make_shared<TermWeight>();
      w->term = term;
      w->params = p;
      const Xapian::doccount tf = ctx.stats.get_termfreq(term);
      double tw = (ctx.collection_size - tf + 0.5) / (tf + 0.5);
      if (tw < 2) tw = tw * 0.5 + 1;
      double termweight = std::log(tw) * factor;
      const double k3 = 1.0;
      const double wqf_double = wqf;
      termweight *= (k3 + 1) * wqf_double / (k3 + wqf_double);
      termweight *= (p.k1 + 1);
      w->termweight = termweight;
      w->len_factor = (p.b == 0 || p.k1 == 0) ? 0 : ctx.len_factor;
      out.query = Q((new Bm25Source(std::move(w), ctx.stores))->release());
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
      if (!r.changed || !r.complete) {
        out.complete = r.complete;
        return out;  // as it was: its leaves keep Xapian's weights and the factor
      }
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
                              const Bm25Params& params, std::shared_ptr<const StoreSet> stores) {
  const Xapian::doccount docs = stats.get_doccount();
  if (docs == 0) return query;
  // Weight::Internal::get_average_length: total length / collection size.
  double len_factor = static_cast<double>(stats.get_total_length()) / docs;
  if (len_factor != 0) len_factor = 1 / len_factor;
  const Context ctx{stats, params, std::move(stores), static_cast<double>(docs), len_factor};
  return rewrite(query, 1.0, ctx).query;
}

}  // namespace gazette

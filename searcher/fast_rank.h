#pragma once
// Ranking without Xapian's document-length lookups.
//
// BM25 needs each candidate's document length. Xapian reads it from the
// doclength posting list with a skip_to per candidate, which decodes that list
// chunk by chunk: on a 500,000-document shard it is about 90% of a ranked
// pass (coffee: 2.4 ms with length normalisation, 0.25 ms without). The facet
// store already holds one slot per docid, so it holds the lengths too
// (common/facet_store.h), and a ranked query's weighted terms are replaced by
// Bm25Source posting sources that read them from there.
//
// The weights are bit for bit those of Xapian::BM25Weight: the same
// statistics of the whole index (document count, total length, term
// frequency), the same formula evaluated in the same order, and the same query
// tree (only leaves change, and an OP_SCALE_WEIGHT's factor moves into its
// leaves, where Xapian applies it too). So hits, ties and totals equal what
// Xapian's own weighting gives, locally or on remote shards; the searcher's
// tests compare the two on every query they run.
//
// A query of one word (and its title boost) goes further: FusedRank lets
// LocalShards rank it inside the counting pass over its matches
// (searcher/shards.cc), with the same arithmetic, so it needs no Xapian
// matcher at all.

#include <xapian.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "common/facet_store.h"

namespace gazette {

// BM25 parameters as make_weight() sets them (k2 = 0, k3 = 1).
struct Bm25Params {
  double k1 = 1.2;
  double b = 0.75;
  double min_normlen = 0.5;
};

// One weighted term of a query: BM25Weight's termweight for it (idf, the
// query's factor, k3 and k1 folded in) and the length normalisation.
struct Bm25Term {
  std::string term;
  double termweight = 0;
  double len_factor = 0;  // 1 / average document length, or 0 when lengths do not count
  Bm25Params params;

  // BM25Weight::init for `term` with this wqf and factor, from the statistics
  // of `stats` (a database over all shards).
  static Bm25Term make(const std::string& term, Xapian::termcount wqf, double factor,
                       const Xapian::Database& stats, const Bm25Params& params);
  // BM25Weight::get_sumpart: the weight in a document where the term occurs
  // `wdf` times and which is `len` long.
  double sumpart(Xapian::termcount wdf, Xapian::termcount len) const;
  // An upper bound of sumpart over documents of a shard whose wdf for the term
  // is at most `wdf_max` and whose length is at least `len_min`
  // (BM25Weight::get_maxpart's bound, widened by a millionth of a percent so
  // that rounding can never put a weight above it).
  double maxpart(Xapian::termcount wdf_max, Xapian::termcount len_min) const;
};

// The facet stores by shard UUID, and the one shard whose documents a thread
// ranks (empty: all of them).
struct StoreSet {
  std::map<std::string, const FacetStore*> by_uuid;
  std::string only_uuid;
};

// The Bm25Terms of one request, by (term, wqf, factor), so that rewriting the
// same query for each shard thread looks each term's statistics up once.
using Bm25Cache =
    std::map<std::tuple<std::string, Xapian::termcount, double>, std::shared_ptr<const Bm25Term>>;

// `query` with every weighted term that Xapian would weight with BM25 (outside
// phrases, NEAR, synonyms and the like) replaced by a Bm25Source. `stats` is a
// database over all shards (for the collection statistics); `stores` must
// outlive every match run with the result. `cache`, if given, must belong to
// the same `stats` and `params`. Returns `query` itself when there is nothing
// to replace.
Xapian::Query fast_rank_query(const Xapian::Query& query, const Xapian::Database& stats,
                              const Bm25Params& params, std::shared_ptr<const StoreSet> stores,
                              Bm25Cache* cache = nullptr);

// A ranked query simple enough to rank while counting (one pass over the
// matches, no Xapian matcher): one term, optionally with a boost term under
// OP_SCALE_WEIGHT (the title boost) — AND_MAYBE(term, SCALE_WEIGHT(f, boost)).
// A document's weight is term's sumpart plus, when it has the boost term,
// boost's: the sum Xapian's AND_MAYBE forms, in the same order.
struct FusedRank {
  Bm25Term term;
  bool boosted = false;
  Bm25Term boost;
};

// The FusedRank of `rank`, whose matches are `strict`'s (a single term), or
// nullopt when `rank` has any other shape.
std::optional<FusedRank> fused_rank(const Xapian::Query& rank, const Xapian::Query& strict,
                                    const Xapian::Database& stats, const Bm25Params& params);

}  // namespace gazette

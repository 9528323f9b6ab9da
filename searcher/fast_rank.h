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

#include <xapian.h>

#include <map>
#include <memory>
#include <string>

#include "common/facet_store.h"

namespace gazette {

// BM25 parameters as make_weight() sets them (k2 = 0, k3 = 1).
struct Bm25Params {
  double k1 = 1.2;
  double b = 0.75;
  double min_normlen = 0.5;
};

// The facet stores by shard UUID, and the one shard whose documents a thread
// ranks (empty: all of them).
struct StoreSet {
  std::map<std::string, const FacetStore*> by_uuid;
  std::string only_uuid;
};

// `query` with every weighted term that Xapian would weight with BM25 (outside
// phrases, NEAR, synonyms and the like) replaced by a Bm25Source. `stats` is a
// database over all shards (for the collection statistics); `stores` must
// outlive every match run with the result. Returns `query` itself when there is
// nothing to replace.
Xapian::Query fast_rank_query(const Xapian::Query& query, const Xapian::Database& stats,
                              const Bm25Params& params, std::shared_ptr<const StoreSet> stores);

}  // namespace gazette

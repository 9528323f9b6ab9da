#pragma once
// How hits are ranked, and which articles a search counts.
//
// --match all     the strict query: every word must match (Xapian's AND). Hits,
//                 total and facets are all over the strict matches.
// --match any     any word may match (OR): hits, total and facets over that set.
// --match ranked  (the default) total and facets describe the strict matches;
//                 the hit list holds them first, ranked, and then the partial
//                 matches ("matched": "partial"), so the list has the depth of
//                 OR while its top is AND's. A query written with its own
//                 operators, quotes or fields is taken as written (= all).
// Within that, the weight is BM25 (k1, b) over title and body, plus optional
// query-time boosts for title matches, for words near each other and for the
// exact phrase. The defaults were tuned on half of the Reuters topics of
// bench/ranking and checked on the other half (README, "Ranking").

#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>

#include "searcher/query_builder.h"

namespace gazette {

enum class MatchMode { kRanked, kAll, kAny };

bool parse_match_mode(std::string_view name, MatchMode* out);
std::string_view match_mode_name(MatchMode m);

// The defaults were chosen on the TUNE half of bench/ranking (29 Reuters
// topics) and then measured once on the TEST half; see README "Ranking".
struct RankingOptions {
  MatchMode match = MatchMode::kRanked;
  double k1 = 1.2;              // BM25 term-frequency saturation
  double b = 0.2;               // BM25 length normalisation
  double title_weight = 0.25;   // extra weight for query words in the title (x their BM25)
  double near_weight = 2.0;     // weight added per pair of query words within near_window
  unsigned near_window = 2;
  double phrase_weight = 0.0;   // extra weight for the exact phrase
  // Ranked mode: weight added for matching every word. kAllWordsBonus puts
  // full matches strictly first (--strict-order); the tuned default lets a
  // strong partial match outrank a weak full one.
  double all_words_bonus = 0.5;
  // --recency: adds recency_weight * 2^(-age / half-life) to the weight, age
  // counted from the newest article in the index. 0 = off.
  double recency_half_life_days = 0;
  double recency_weight = 2.0;
};

// Parses a half-life: "30d", "12h", "2w", "1y", or a number of days.
bool parse_half_life(std::string_view text, double* days);

// Weight added to articles that match every word in ranked mode, so they rank
// above all partial matches. BM25 weights here stay far below it.
inline constexpr double kAllWordsBonus = 10000.0;

// Proximity needs the positions of every candidate, which in Xapian's matcher
// costs more than the rest of a search, so it re-ranks only the top
// kRerankDepth hits of the first ranking (the first pages) by reading their
// positions directly; the order below that is the first ranking's. The same
// steps run on local and remote shards, and every page is cut from one list.
inline constexpr size_t kRerankDepth = 20;
// BM25Weight's minimum normalised document length (Xapian's default), as
// make_weight() sets it (k2 = 0 and k3 = 1 likewise; searcher/fast_rank.h).
inline constexpr double kBm25MinNormlen = 0.5;

struct RankPlan {
  Xapian::Query rank;    // ranks the hits; its matches are the hit list
  // Proximity re-ranking: positional terms of the query's words (at least two,
  // else none), and what a close pair is worth.
  std::vector<std::string> near_terms;
  unsigned near_window = 0;
  double near_weight = 0;
  Xapian::Query strict;  // the set the total and the facets describe
  bool tiered = false;   // weights >= kAllWordsBonus mark articles matching all words
  bool partial = false;  // the hit list may hold partial matches (ranked or any mode)
};

// Builds the queries for `text` (the user's query, before filters).
// `newest_day` ("YYYYMMDD", the index's newest date) anchors --recency.
// Throws UsageError for a malformed query.
RankPlan plan_ranking(QueryBuilder* builder, std::string_view text, const RankingOptions& options,
                      std::string_view newest_day = {});

// The proximity bonus of document `did` in `db`: near_weight for each pair of
// near_terms that occur within near_window positions of each other.
double proximity_bonus(const Xapian::Database& db, Xapian::docid did, const RankPlan& plan);

// The weighting scheme of the ranked pass.
std::unique_ptr<Xapian::Weight> make_weight(const RankingOptions& options);

}  // namespace gazette

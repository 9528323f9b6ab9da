#pragma once
// [2] The search itself: open the index (all shards as one database), build the
// query with its filters, run one exact match for hits, total and facets (plus
// one per multi-select field), and load the stored records of the hits.

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

#include "common/article.h"
#include "searcher/aliases.h"
#include "searcher/facets.h"
#include "searcher/query_builder.h"
#include "searcher/ranking.h"
#include "searcher/related.h"
#include "searcher/shards.h"
#include "searcher/snippet.h"
#include "searcher/spelling.h"

namespace gazette {

// kAuto: relevance, or newest when the query has no words (browsing has no
// relevance order). SearchResult::sort says which was used.
enum class SortOrder { kAuto, kRelevance, kNewest, kOldest };

struct FieldValue {
  std::string field;  // person place group topic source date
  std::string value;
};

// What a request needs computed: everything, only the total (--count), or the
// ids of the hits (--ids; no records beyond the id, no snippets, no facets).
enum class ResultShape { kFull, kCount, kIds };

struct SearchRequest {
  std::string query;                  // Xapian query syntax; empty = all articles
  std::vector<FieldValue> filters;    // AND across fields, OR within a field
  std::vector<FieldValue> excludes;   // any match excludes the article
  std::vector<std::string> facets;    // facet names, in output order
  size_t facet_size = 10;             // values per facet; 0 = all
  DateGranularity granularity = DateGranularity::kMonth;  // kAuto: by the match set's span
  bool multi_select = false;          // a filtered field's facet ignores its own filter
  size_t offset = 0;
  size_t limit = 10;
  SortOrder sort = SortOrder::kAuto;
  size_t snippet_bytes = 200;         // 0 = no snippets
  // Counting stops being exhaustive after this many seconds per pass (0 = no
  // limit); the result then says `truncated`. Ranking is never cut short.
  double time_limit = 10.0;
  RankingOptions ranking;             // --match and the weighting (searcher/ranking.h)
  ResultShape shape = ResultShape::kFull;
  // --date-from / --date-to: "2016", "2016-02" or "2016-02-21"; either may be
  // empty. ANDed with everything else (also under --multi-select).
  std::string date_from, date_to;
  // --facet-prefix person=ker: that facet (counted even if not in `facets`)
  // lists only values with a word starting with the prefix, case- and
  // accent-insensitively, by count.
  std::vector<FieldValue> facet_prefixes;
  // --related person="John Kerry": persons, places and groups that co-occur
  // with this value in the match set (field empty = off; searcher/related.h).
  // facet_size values are listed.
  FieldValue related;
  std::string like_id;                // --like ID: rank by similarity to this article
  // "Did you mean" (searcher/spelling.h), looked for when the query finds
  // nothing, or with MatchMode::kAny.
  bool suggest = true;
  bool correct = false;               // --correct: search the suggestion instead
  // --mark-start/--mark-end: when either is set, each hit also gets its snippet
  // with the matched words wrapped in them (JSON "snippet_marked").
  std::string mark_start, mark_end;
};

struct Hit {
  Article article;  // decoded stored record
  size_t rank = 0;  // 1-based position in the whole result list
  double score = 0;
  bool all_words = true;  // false for the partial matches of --match ranked/any
  Snippet snippet;
};

struct SearchResult {
  long total = 0;  // exact number of matching articles (an estimate if truncated)
  bool truncated = false;  // the time limit cut counting short: total and facets are partial
  SortOrder sort = SortOrder::kRelevance;  // the order used (never kAuto)
  MatchMode match = MatchMode::kRanked;
  std::vector<Hit> hits;
  std::vector<FacetResult> facets;
  double seconds = 0;
  // Facet values of the query or filters that were not indexed as written and
  // were resolved (aliases, synonyms) or found ambiguous; in request order.
  std::vector<Resolution> resolutions;
  SpellingSuggestion spelling;       // empty suggestion when none was looked for or found
  bool corrected = false;            // --correct: the hits are for spelling.suggestion
  RelatedResult related;             // --related (field empty otherwise)
  std::vector<std::string> like_terms;  // --like: the terms the similarity query used
};

// How exact totals and facet counts are computed (see searcher/shards.h).
enum class CountMode {
  kAuto,      // per-shard passes with facet stores where the shards are local
  kNoStores,  // per-shard passes, counting from value slots only
  kCombined,  // one pass over the combined database (what remote shards need)
};

class Searcher {
 public:
  // Opens the index at `path` (open_index). Throws gazette::Error. `one_shot`:
  // the process answers a single request, so shards are searched in parallel
  // threads only when the index is big enough (kParallelFrom articles) to repay
  // the extra shard handles and thread start-up.
  explicit Searcher(const std::string& path, CountMode mode = CountMode::kAuto,
                    bool one_shot = false);
  // Searches an already open database (tests: an in-memory index). `label`
  // names it in messages. Checks the schema version.
  Searcher(const Xapian::Database& db, const std::string& label);
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Runs one request. Throws UsageError for malformed queries, filters or dates,
  // unknown facets or --related fields, and a --like id the index lacks.
  // Reopens and retries if the index changes under it (up to 12 times).
  SearchResult search(const SearchRequest& request);

  // Reopens the index if a writer has committed since it was opened (for
  // long-running processes such as --batch). Returns true if it changed.
  bool refresh();

  const Xapian::Database& database() const { return db_; }
  const std::string& path() const { return path_; }
  // Shards counted in parallel from facet stores / from value slots; 0 and 0
  // when counting on the combined database.
  size_t store_shards() const { return shards_ ? shards_->stores() : 0; }
  size_t local_shards() const { return shards_ ? shards_->size() : 0; }

 private:
  void open();  // open_once(), retried after DatabaseModifiedError
  void open_once();
  SearchResult search_once(const SearchRequest& request);

  static constexpr Xapian::doccount kParallelFrom = 100000;

  std::string path_;
  CountMode mode_ = CountMode::kCombined;
  bool one_shot_ = false;
  bool from_path_ = false;
  std::string stub_;  // the stub file's text when the shards were opened ("" if none)
  Xapian::Database db_;
  std::unique_ptr<LocalShards> shards_;
  std::unique_ptr<QueryBuilder> builder_;
};

bool parse_sort(std::string_view name, SortOrder* out);
std::string_view sort_name(SortOrder s);

}  // namespace gazette

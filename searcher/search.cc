#include "searcher/search.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "common/error.h"
#include "common/index_layout.h"
#include "common/normalise.h"
#include "common/schema.h"
#include "common/value_codec.h"
#include "searcher/like.h"

namespace gazette {
namespace {

// The text of the stub file of the index at `path` ("" if it has none).
std::string stub_file_text(const std::string& path) {
  std::ifstream in(std::filesystem::path(path) / kStubFile);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Retries after Xapian::DatabaseModifiedError (a writer committed twice while we
// read); each retry reopens at the latest revision. A writer with a small
// --batch-size commits every few milliseconds per shard, so on a loaded machine
// several attempts in a row can be overtaken (seen in cli.crash_safety with 5).
constexpr int kMaxRetries = 12;

// The filters grouped per field, in first-appearance order.
std::vector<std::pair<std::string, std::vector<std::string>>> group_by_field(
    const std::vector<FieldValue>& items) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const FieldValue& fv : items) {
    std::string field = fv.field;
    if (const FacetSpec* spec = find_facet(field)) field = std::string(spec->name);
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == field; });
    if (it == out.end()) {
      out.push_back({field, {fv.value}});
    } else {
      it->second.push_back(fv.value);
    }
  }
  return out;
}

// query FILTER (AND of per-field filters, skipping `skip_field`) AND_NOT excludes.
Xapian::Query combine(const Xapian::Query& text_query,
                      const std::vector<std::pair<std::string, Xapian::Query>>& filters,
                      const Xapian::Query& excludes, const std::string& skip_field) {
  std::vector<Xapian::Query> parts;
  for (const auto& [field, q] : filters)
    if (field != skip_field) parts.push_back(q);
  Xapian::Query q = text_query;
  if (!parts.empty()) {
    Xapian::Query all(Xapian::Query::OP_AND, parts.begin(), parts.end());
    q = Xapian::Query(Xapian::Query::OP_FILTER, q, all);
  }
  if (!excludes.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, excludes);
  return q;
}

}  // namespace

bool parse_sort(std::string_view name, SortOrder* out) {
  if (name == "auto") *out = SortOrder::kAuto;
  else if (name == "relevance") *out = SortOrder::kRelevance;
  else if (name == "newest") *out = SortOrder::kNewest;
  else if (name == "oldest") *out = SortOrder::kOldest;
  else return false;
  return true;
}

std::string_view sort_name(SortOrder s) {
  switch (s) {
    case SortOrder::kAuto: return "auto";
    case SortOrder::kRelevance: return "relevance";
    case SortOrder::kNewest: return "newest";
    case SortOrder::kOldest: return "oldest";
  }
  return "?";
}

Searcher::Searcher(const std::string& path, CountMode mode, bool one_shot)
    : path_(path), mode_(mode), one_shot_(one_shot), from_path_(true) {
  open();
}

Searcher::Searcher(const Xapian::Database& db, const std::string& label)
    : path_(label), db_(db) {
  check_schema(db_, label);
  builder_ = std::make_unique<QueryBuilder>(db_);
}

void Searcher::open() {
  // Opening reads metadata (schema, synonyms); a writer committing twice
  // meanwhile discards that revision, so retry at the latest one. A writer
  // merging segments may remove a shard the stub listed a moment ago: retry
  // with the new stub.
  for (int attempt = 0;; ++attempt) {
    try {
      open_once();
      return;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kMaxRetries) throw;
    } catch (const Error&) {
      if (attempt >= kMaxRetries || stub_file_text(path_) == stub_) throw;
    }
  }
}

void Searcher::open_once() {
  shards_.reset();
  stub_ = stub_file_text(path_);
  if (mode_ != CountMode::kCombined) {
    const bool stores = mode_ == CountMode::kAuto;
    try {
      shards_ = LocalShards::open(path_, stores, !one_shot_);
      if (shards_ && one_shot_ && shards_->size() > 1 &&
          shards_->combined().get_doccount() >= kParallelFrom) {
        shards_ = LocalShards::open(path_, stores, true);
      }
    } catch (const Xapian::DatabaseModifiedError&) {
      throw;  // open() retries
    } catch (const Xapian::DatabaseError&) {
      shards_.reset();  // open_index() below reports what is wrong
    }
  }
  if (shards_) {
    db_ = shards_->combined();  // used by this thread only outside start()..finish()
    check_schema(db_, path_);
  } else {
    db_ = open_index(path_);  // friendly errors for missing paths and schema mismatches
  }
  builder_ = std::make_unique<QueryBuilder>(db_);
}

bool Searcher::refresh() {
  if (!from_path_) return db_.reopen();
  // A writer that starts or merges segments changes the stub (and may remove
  // shards this searcher has open) without a new revision of the others.
  bool changed = stub_file_text(path_) != stub_;
  if (!changed) {
    try {
      changed = db_.reopen();
    } catch (const Xapian::DatabaseError&) {
      changed = true;  // a shard merged away: open the index as it is now
    }
  }
  if (!changed) return false;
  open();
  return true;
}

SearchResult Searcher::search(const SearchRequest& request) {
  if (request.shape != ResultShape::kFull) {
    // Only the total, or only the ids: no facets, snippets or (for a count) hits.
    SearchRequest lean = request;
    lean.shape = ResultShape::kFull;
    lean.facets.clear();
    lean.facet_prefixes.clear();
    lean.related = {};
    lean.snippet_bytes = 0;
    if (request.shape == ResultShape::kCount) lean.limit = 0;
    return search(lean);
  }
  for (int attempt = 0;; ++attempt) {
    try {
      return search_once(request);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kMaxRetries) throw;
      if (from_path_) {
        open();
      } else {
        db_.reopen();
      }
    }
  }
}

SearchResult Searcher::search_once(const SearchRequest& request) {
  if (request.correct) {
    // --correct: search as asked; if that suggests a correction, search it.
    SearchRequest plain = request;
    plain.correct = false;
    plain.suggest = true;
    SearchResult result = search_once(plain);
    if (result.spelling.suggestion.empty()) return result;
    plain.query = result.spelling.suggestion;
    plain.suggest = false;
    SpellingSuggestion spelling = std::move(result.spelling);
    result = search_once(plain);
    result.spelling = std::move(spelling);
    result.corrected = true;
    return result;
  }
  const auto start = std::chrono::steady_clock::now();
  // The facets to count: those asked for, then those of --facet-prefix.
  std::vector<std::string> facet_names = request.facets;
  std::vector<std::pair<std::string, std::string>> prefixes;  // facet, folded prefix
  for (const FieldValue& fp : request.facet_prefixes) {
    const FacetSpec* spec = find_facet(fp.field);
    const std::string name = spec != nullptr ? std::string(spec->name) : fp.field;
    if (std::find(facet_names.begin(), facet_names.end(), name) == facet_names.end())
      facet_names.push_back(name);
    prefixes.emplace_back(name, fold_key(fp.value));
  }
  for (const std::string& name : facet_names) {
    if (!is_facet_name(name)) {
      throw UsageError("unknown facet '" + name +
                       "' (use person, place, group, topic, source or date)");
    }
  }
  const FacetSpec* related_spec = nullptr;
  if (!request.related.field.empty()) {
    related_spec = find_facet(request.related.field);
    if (related_spec == nullptr) {
      throw UsageError("--related: unknown field '" + request.related.field +
                       "' (use person, place, group, topic or source)");
    }
  }
  // Prefix matching and related values need every value, so the facets are
  // then counted in full and cut to facet_size afterwards (only then: the
  // common path is unchanged).
  const size_t top_n = prefixes.empty() && related_spec == nullptr ? request.facet_size : 0;
  builder_->resolver().clear();
  RankPlan plan =
      plan_ranking(builder_.get(), request.query, request.ranking,
                   request.ranking.recency_half_life_days > 0 ? db_.get_value_upper_bound(slot::kDay)
                                                              : std::string());
  std::vector<std::string> like_terms;
  if (!request.like_id.empty()) {
    // More like this: the similarity query ranks; query words only restrict.
    LikeQuery like = like_query(db_, request.like_id);
    like_terms = std::move(like.terms);
    const bool words = request.query.find_first_not_of(" \t\n") != std::string::npos;
    plan.rank = words ? Xapian::Query(Xapian::Query::OP_FILTER, like.query, plan.strict)
                      : like.query;
    plan.strict = plan.rank;
    plan.near_terms.clear();
    plan.tiered = plan.partial = false;
  }
  const Xapian::Query& text_query = plan.strict;
  std::vector<std::pair<std::string, Xapian::Query>> filters;
  for (const auto& [field, values] : group_by_field(request.filters))
    filters.push_back({field, builder_->filter(field, values)});
  for (const auto& [what, day] : {std::pair<const char*, const std::string&>{"--date-from", request.date_from},
                                  {"--date-to", request.date_to}}) {
    if (day.empty()) continue;
    try {
      date_query(day);
    } catch (const UsageError&) {
      throw UsageError(std::string(what) + " '" + day +
                       "' is not a date (use 2016, 2016-02 or 2016-02-21)");
    }
  }
  if (!request.date_from.empty() || !request.date_to.empty()) {
    // Its own entry (not "date"): ANDed with date filters, and kept under
    // --multi-select, whose passes drop only a facet's own filter.
    filters.push_back({"date-range", date_query(request.date_from + ".." + request.date_to)});
  }
  std::vector<Xapian::Query> exclude_parts;
  for (const auto& [field, values] : group_by_field(request.excludes))
    exclude_parts.push_back(builder_->filter(field, values));
  const Xapian::Query excludes =
      exclude_parts.empty() ? Xapian::Query()
                            : Xapian::Query(Xapian::Query::OP_OR, exclude_parts.begin(),
                                            exclude_parts.end());
  const Xapian::Query query = combine(text_query, filters, excludes, "");
  const Xapian::Query rank_query = combine(plan.rank, filters, excludes, "");
  const std::unique_ptr<Xapian::Weight> weight = make_weight(request.ranking);

  // Counting passes: the main query with the facets of unfiltered fields, and
  // under --multi-select one pass per filtered field with its own filter off.
  std::vector<CountPass> passes(1);
  passes[0].query = query;
  for (const std::string& name : facet_names) {
    bool filtered = std::any_of(filters.begin(), filters.end(),
                                [&](const auto& f) { return f.first == name; });
    if (request.multi_select && filtered) {
      passes.push_back({combine(text_query, filters, excludes, name), {name}});
    } else {
      passes[0].facets.push_back(name);
    }
  }

  // --related: one more pass, the match set restricted to the value.
  size_t related_pass = 0;
  if (related_spec != nullptr) {
    const Xapian::Query value = builder_->filter(related_spec->name, {request.related.value});
    passes.push_back({Xapian::Query(Xapian::Query::OP_FILTER, query, value), related_facets()});
    related_pass = passes.size() - 1;
  }

  const Xapian::doccount all = db_.get_doccount();
  SearchResult result;
  std::vector<long> pass_totals;
  result.sort = request.sort;
  if (result.sort == SortOrder::kAuto) {
    bool browsing = request.query.find_first_not_of(" \t\n") == std::string::npos &&
                    request.like_id.empty();
    result.sort = browsing ? SortOrder::kNewest : SortOrder::kRelevance;
  }
  const RankOrder order = result.sort == SortOrder::kNewest   ? RankOrder::kNewest
                          : result.sort == SortOrder::kOldest ? RankOrder::kOldest
                                                              : RankOrder::kRelevance;
  // Xapian reserves room for the hits it is asked for: never more than exist.
  const size_t offset = std::min<size_t>(request.offset, all);
  const size_t limit = std::min<size_t>(request.limit, all - offset);
  // With positional boosts the first kRerankDepth hits are re-ranked, so the
  // ranked pass fetches at least that many, from the top.
  const bool rerank = !plan.near_terms.empty() && order == RankOrder::kRelevance && limit > 0;
  const size_t fetch = rerank ? std::max(offset + limit, std::min<size_t>(kRerankDepth, all))
                              : offset + limit;

  std::vector<std::unique_ptr<FacetAggregator>> aggregators;
  std::vector<std::unique_ptr<SpyFacetCounter>> spies;  // must outlive the aggregators' results
  std::vector<RankedHit> ranked;
  if (shards_) {
    std::vector<CountResult> counts;
    const Bm25Params bm25{request.ranking.k1, request.ranking.b, kBm25MinNormlen};
    // Rank while counting when the ranked query is one term (and its title
    // boost) and so matches what the first pass counts.
    const std::optional<FusedRank> fused =
        rerank ? std::nullopt : fused_rank(plan.rank, plan.strict, db_, bm25);
    shards_->start(rank_query, *weight, &bm25, fused ? &*fused : nullptr, order, fetch, passes,
                   top_n, request.granularity, request.time_limit);
    shards_->finish(0, fetch, &ranked, &counts);
    result.total = counts[0].total;
    for (const CountResult& c : counts) pass_totals.push_back(c.total);
    for (const CountResult& c : counts) result.truncated |= c.truncated;
    for (CountResult& c : counts) aggregators.push_back(std::move(c.facets));
  } else {
    // One database (remote shards, or a test's in-memory index): a ranked pass
    // for the hits, then one unweighted pass per count (checkatleast = doccount
    // makes totals and facet counts exact). Keeping spies off the sorted ranked
    // pass also sidesteps remote over-counting when sorting by value (seen with
    // xapian-tcpsrv 1.4.22 when the hits asked for are fewer than the matches).
    Xapian::Enquire enquire(db_);
    enquire.set_query(rank_query);
    enquire.set_weighting_scheme(*weight);
    set_rank_order(&enquire, order);
    if (limit > 0) {
      Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(fetch));
      for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
        ranked.push_back({*it, it.get_weight(), {}});
    }
    for (size_t p = 0; p < passes.size(); ++p) {
      Xapian::Enquire pass(db_);
      pass.set_query(passes[p].query);
      pass.set_weighting_scheme(Xapian::BoolWeight());
      if (request.time_limit > 0) pass.set_time_limit(request.time_limit);
      spies.push_back(std::make_unique<SpyFacetCounter>(passes[p].facets));
      spies.back()->attach(&pass);
      Xapian::MSet counted = pass.get_mset(0, 0, all);
      if (p == 0) result.total = static_cast<long>(counted.get_matches_estimated());
      pass_totals.push_back(static_cast<long>(counted.get_matches_estimated()));
      result.truncated |= spies.back()->seen() < counted.get_matches_estimated();
      aggregators.push_back(std::make_unique<FacetAggregator>(
          passes[p].facets, top_n, request.granularity));
      spies[p]->add_to(aggregators.back().get());
    }
  }
  if (rerank && !ranked.empty()) {
    // Re-rank the top kRerankDepth by proximity, read from their positions.
    const size_t depth = std::min(ranked.size(), kRerankDepth);
    // Reading positions is most of a two-word query's re-rank: local shards
    // split the hits between their threads.
    auto bonus = [&](const Xapian::Database& db, size_t i) {
      ranked[i].weight += proximity_bonus(db, ranked[i].docid, plan);
    };
    if (shards_) {
      shards_->for_each(depth, bonus);
    } else {
      for (size_t i = 0; i < depth; ++i) bonus(db_, i);
    }
    std::sort(ranked.begin(), ranked.begin() + static_cast<long>(depth),
              [](const RankedHit& a, const RankedHit& b) {
                return a.weight != b.weight ? a.weight > b.weight : a.docid < b.docid;
              });
  }
  // The page.
  if (offset >= ranked.size()) {
    ranked.clear();
  } else {
    ranked.erase(ranked.begin(), ranked.begin() + static_cast<long>(offset));
    if (ranked.size() > limit) ranked.resize(limit);
  }

  std::map<std::string, FacetResult> by_name;
  for (size_t p = 0; p < aggregators.size(); ++p) {
    if (related_spec != nullptr && p == related_pass) continue;
    for (FacetResult& f : aggregators[p]->results()) by_name[f.name] = std::move(f);
  }
  for (const std::string& name : facet_names) result.facets.push_back(by_name[name]);
  if (top_n != request.facet_size) {
    for (FacetResult& f : result.facets) {
      if (f.name == "date") continue;  // a histogram: all buckets
      for (const auto& entry : prefixes) {
        if (entry.first != f.name) continue;
        const auto& prefix = entry.second;  // (clang cannot capture structured bindings)
        std::erase_if(f.values,
                      [&](const FacetValue& v) { return !matches_prefix(v.value, prefix); });
        f.distinct = static_cast<long>(f.values.size());
      }
      if (request.facet_size != 0 && f.values.size() > request.facet_size)
        f.values.resize(request.facet_size);
    }
  }
  if (related_spec != nullptr) {
    RelatedResult& rel = result.related;
    rel.field = related_spec->name;
    rel.value = request.related.value;
    for (const Resolution& r : builder_->resolver().resolutions()) {
      if (r.field == rel.field && r.given == rel.value && !r.values.empty()) rel.value = r.values[0];
    }
    if (rel.value == request.related.value) {
      rel.value = builder_->resolver().display_of(
          *related_spec, facet_term(*related_spec, rel.value), rel.value);
    }
    rel.total = pass_totals[related_pass];
    rank_related(db_, aggregators[related_pass]->results(), fold_key(rel.value), request.facet_size,
                 &rel);
  }

  // The hits: records from the facet stores (else their value slot); bodies
  // only for snippets.
  std::unique_ptr<SnippetMaker> snippets;
  if (request.snippet_bytes > 0) snippets = std::make_unique<SnippetMaker>(query, builder_->stemmer());
  result.match = request.ranking.match;
  size_t rank = offset;
  for (const RankedHit& r : ranked) {
    Hit hit;
    hit.rank = ++rank;
    hit.score = r.weight;
    if (plan.tiered) {
      hit.all_words = r.weight >= kAllWordsBonus;
      if (hit.all_words) hit.score -= kAllWordsBonus;
    }
    // The docid came from this very revision: skip Xapian's existence check.
    // (Lazy: a Document reads nothing until asked.)
    Xapian::Document doc = db_.get_document(r.docid, Xapian::DOC_ASSUME_VALID);
    std::string_view stored;
    std::string value;
    if (shards_ == nullptr || !shards_->record(r.docid, &stored)) {
      value = doc.get_value(slot::kRecord);
      stored = value;
    }
    if (!decode_record(stored, &hit.article)) {
      hit.article.id = "(unreadable record, docid " + std::to_string(r.docid) + ")";
    }
    if (snippets) {
      std::string body = doc.get_data();
      hit.snippet =
          snippets->make(body.empty() ? hit.article.title : body, request.snippet_bytes);
    }
    result.hits.push_back(std::move(hit));
  }
  if (plan.partial && !plan.tiered && !result.hits.empty()) {
    // Which hits match every word: one small match restricted to their ids.
    std::vector<Xapian::Query> ids;
    for (const Hit& h : result.hits) ids.emplace_back(id_term(h.article.id));
    Xapian::Enquire check(db_);
    check.set_query(Xapian::Query(
        Xapian::Query::OP_FILTER,
        combine(builder_->parse(request.query, Xapian::Query::OP_AND), filters, excludes, ""),
        Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end())));
    check.set_weighting_scheme(Xapian::BoolWeight());
    std::set<Xapian::docid> strict;
    Xapian::MSet m = check.get_mset(0, static_cast<Xapian::doccount>(ids.size()));
    for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it) strict.insert(*it);
    for (size_t i = 0; i < result.hits.size(); ++i)
      result.hits[i].all_words = strict.count(ranked[i].docid) != 0;
  }
  result.resolutions = builder_->resolver().resolutions();
  result.like_terms = std::move(like_terms);
  // "Did you mean", when the query found nothing (in ranked and all modes a
  // query with a word no article has finds nothing, unless the word is an OR
  // alternative) or with --match any; so a query that finds articles pays
  // nothing for it.
  if (request.suggest && (result.total == 0 || request.ranking.match == MatchMode::kAny)) {
    result.spelling =
        suggest_spelling(db_, builder_->stemmer(), request.query, result.total == 0);
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace gazette

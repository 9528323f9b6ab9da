#include "searcher/search.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "common/error.h"
#include "common/index_layout.h"
#include "common/schema.h"
#include "common/value_codec.h"

namespace gazette {
namespace {

// Retries after Xapian::DatabaseModifiedError (a writer committed twice while we
// read); each retry reopens at the latest revision.
constexpr int kMaxRetries = 5;

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

bool parse_granularity(std::string_view name, DateGranularity* out) {
  if (name == "year") *out = DateGranularity::kYear;
  else if (name == "month") *out = DateGranularity::kMonth;
  else if (name == "day") *out = DateGranularity::kDay;
  else return false;
  return true;
}

std::string_view granularity_name(DateGranularity g) {
  switch (g) {
    case DateGranularity::kYear: return "year";
    case DateGranularity::kMonth: return "month";
    case DateGranularity::kDay: return "day";
  }
  return "?";
}

bool parse_sort(std::string_view name, SortOrder* out) {
  if (name == "relevance") *out = SortOrder::kRelevance;
  else if (name == "newest") *out = SortOrder::kNewest;
  else if (name == "oldest") *out = SortOrder::kOldest;
  else return false;
  return true;
}

std::string_view sort_name(SortOrder s) {
  switch (s) {
    case SortOrder::kRelevance: return "relevance";
    case SortOrder::kNewest: return "newest";
    case SortOrder::kOldest: return "oldest";
  }
  return "?";
}

Searcher::Searcher(const std::string& path)
    : path_(path), db_(open_index(path)), builder_(db_) {}

Searcher::Searcher(const Xapian::Database& db, const std::string& label)
    : path_(label), db_(db), builder_(db_) {
  check_schema(db_, label);
}

SearchResult Searcher::search(const SearchRequest& request) {
  for (int attempt = 0;; ++attempt) {
    try {
      return search_once(request);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kMaxRetries) throw;
      db_.reopen();
    }
  }
}

SearchResult Searcher::search_once(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& name : request.facets) {
    if (!is_facet_name(name)) {
      throw UsageError("unknown facet '" + name +
                       "' (use person, place, group, topic, source or date)");
    }
  }
  const Xapian::Query text_query = builder_.parse(request.query);
  std::vector<std::pair<std::string, Xapian::Query>> filters;
  for (const auto& [field, values] : group_by_field(request.filters))
    filters.push_back({field, QueryBuilder::field_filter(field, values)});
  std::vector<Xapian::Query> exclude_parts;
  for (const auto& [field, values] : group_by_field(request.excludes))
    exclude_parts.push_back(QueryBuilder::field_filter(field, values));
  const Xapian::Query excludes =
      exclude_parts.empty() ? Xapian::Query()
                            : Xapian::Query(Xapian::Query::OP_OR, exclude_parts.begin(),
                                            exclude_parts.end());

  // Facets of fields that have a filter are counted in their own pass under
  // --multi-select; the rest ride on the main match.
  std::vector<std::string> main_facets, own_pass;
  for (const std::string& name : request.facets) {
    bool filtered = std::any_of(filters.begin(), filters.end(),
                                [&](const auto& f) { return f.first == name; });
    (request.multi_select && filtered ? own_pass : main_facets).push_back(name);
  }

  const Xapian::doccount all = db_.get_doccount();
  Xapian::Enquire enquire(db_);
  enquire.set_query(combine(text_query, filters, excludes, ""));
  Xapian::MultiValueKeyMaker by_date;
  if (request.sort != SortOrder::kRelevance) {
    // Undated articles sort last both ways: "~" is above every "YYYY..." key.
    bool newest = request.sort == SortOrder::kNewest;
    by_date.add_value(slot::kSortTime, newest, newest ? "" : "~");
    enquire.set_sort_by_key_then_relevance(&by_date, false);
  }
  FacetCounter counter(main_facets, request.facet_size, request.granularity);
  counter.attach(&enquire);
  // checkatleast = doccount: the total and the facet counts are exact.
  // Xapian reserves room for `limit` hits: never ask for more than exist.
  const auto limit = static_cast<Xapian::doccount>(std::min<size_t>(request.limit, all));
  const auto offset = static_cast<Xapian::doccount>(std::min<size_t>(request.offset, all));
  Xapian::MSet mset = enquire.get_mset(offset, limit, all);

  SearchResult result;
  result.total = static_cast<long>(mset.get_matches_estimated());
  std::map<std::string, FacetResult> by_name;
  for (FacetResult& f : counter.results()) by_name[f.name] = std::move(f);
  for (const std::string& name : own_pass) {
    Xapian::Enquire pass(db_);
    pass.set_query(combine(text_query, filters, excludes, name));
    FacetCounter own({name}, request.facet_size, request.granularity);
    own.attach(&pass);
    pass.set_weighting_scheme(Xapian::BoolWeight());
    pass.get_mset(0, 0, all);
    by_name[name] = std::move(own.results().front());
  }
  for (const std::string& name : request.facets) result.facets.push_back(by_name[name]);

  size_t rank = request.offset;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.rank = ++rank;
    hit.score = it.get_weight();
    Xapian::Document doc = it.get_document();
    if (!decode_record(doc.get_data(), &hit.article)) {
      hit.article.id = "(unreadable record, docid " + std::to_string(*it) + ")";
    }
    if (request.snippet_bytes > 0) {
      const std::string& text = hit.article.body.empty() ? hit.article.title : hit.article.body;
      hit.snippet = make_snippet(mset, text, request.snippet_bytes, builder_.stemmer());
    }
    result.hits.push_back(std::move(hit));
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace gazette

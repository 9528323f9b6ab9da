#include "searcher/batch.h"

#include <simdjson.h>

#include <chrono>
#include <string>

#include "common/error.h"
#include "common/json_writer.h"
#include "searcher/result_json.h"

namespace gazette {
namespace {

namespace dom = simdjson::dom;

std::string get_string(dom::element v, std::string_view field) {
  std::string_view s;
  if (v.get_string().get(s)) throw UsageError("\"" + std::string(field) + "\" must be a string");
  return std::string(s);
}

size_t get_count(dom::element v, std::string_view field) {
  uint64_t n;
  if (v.get_uint64().get(n)) {
    throw UsageError("\"" + std::string(field) + "\" must be a non-negative integer");
  }
  return static_cast<size_t>(n);
}

// filters: {"place": "usa" | ["usa", "uk"]} or ["place=usa", ...] or
// [{"field": "place", "value": "usa"}, ...].
std::vector<FieldValue> get_field_values(dom::element v, std::string_view field) {
  std::vector<FieldValue> out;
  const std::string what = "\"" + std::string(field) + "\"";
  dom::object obj;
  dom::array arr;
  if (!v.get_object().get(obj)) {
    for (auto [key, values] : obj) {
      dom::array list;
      if (!values.get_array().get(list)) {
        for (dom::element item : list) out.push_back({std::string(key), get_string(item, field)});
      } else {
        out.push_back({std::string(key), get_string(values, field)});
      }
    }
  } else if (!v.get_array().get(arr)) {
    for (dom::element item : arr) {
      dom::object fv;
      if (!item.get_object().get(fv)) {
        dom::element f, val;
        if (fv["field"].get(f) || fv["value"].get(val)) {
          throw UsageError(what + " objects need \"field\" and \"value\"");
        }
        out.push_back({get_string(f, field), get_string(val, field)});
      } else {
        out.push_back(parse_field_value(get_string(item, field), what.c_str()));
      }
    }
  } else {
    throw UsageError(what + " must be an object or an array");
  }
  return out;
}

}  // namespace

void parse_batch_line(std::string_view line, const SearchRequest& defaults,
                      SearchRequest* request, std::string* tag) {
  *request = defaults;
  tag->clear();
  size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos || line[first] != '{') {
    request->query = std::string(line);
    return;
  }
  static thread_local dom::parser parser;
  dom::element doc;
  if (auto e = parser.parse(line.data(), line.size()).get(doc)) {
    throw UsageError(std::string("invalid JSON: ") + simdjson::error_message(e));
  }
  dom::object obj;
  if (doc.get_object().get(obj)) throw UsageError("a JSON request must be an object");
  dom::element tag_value;
  if (!obj["tag"].get(tag_value)) *tag = simdjson::minify(tag_value);  // echoed even on errors
  bool query_set = false;
  for (auto [key, v] : obj) {
    if (key == "query") {
      request->query = get_string(v, key);
      query_set = true;
    } else if (key == "filters") {
      request->filters = get_field_values(v, key);
    } else if (key == "excludes") {
      request->excludes = get_field_values(v, key);
    } else if (key == "facets") {
      request->facets.clear();
      dom::array arr;
      if (!v.get_array().get(arr)) {
        for (dom::element item : arr) parse_facet_list(get_string(item, key), &request->facets);
      } else {
        parse_facet_list(get_string(v, key), &request->facets);
      }
    } else if (key == "correct") {
      bool b;
      if (v.get_bool().get(b)) throw UsageError("\"correct\" must be true or false");
      request->correct = b;
    } else if (key == "related") {
      std::vector<FieldValue> rel = get_field_values(v, key);
      if (rel.size() != 1) throw UsageError("\"related\" takes one field and value");
      request->related = rel[0];
    } else if (key == "date_from" || key == "date_to") {
      std::string d = get_string(v, key);
      if (d.find("..") != std::string::npos) {
        throw UsageError("\"" + std::string(key) + "\" takes one date (2016, 2016-02, 2016-02-21)");
      }
      (key == "date_from" ? request->date_from : request->date_to) = std::move(d);
    } else if (key == "mark_start" || key == "mark_end") {
      (key == "mark_start" ? request->mark_start : request->mark_end) = get_string(v, key);
    } else if (key == "like") {
      request->like_id = get_string(v, key);
    } else if (key == "facet_prefix") {
      request->facet_prefixes = get_field_values(v, key);
      for (const FieldValue& fp : request->facet_prefixes) {
        if (!is_facet_name(fp.field)) throw UsageError("\"facet_prefix\": unknown facet '" + fp.field + "'");
      }
    } else if (key == "facet_size") {
      request->facet_size = get_count(v, key);
    } else if (key == "date_granularity") {
      std::string g = get_string(v, key);
      if (!parse_granularity(g, &request->granularity)) {
        throw UsageError("\"date_granularity\" must be year, month, day or auto");
      }
    } else if (key == "multi_select") {
      bool b;
      if (v.get_bool().get(b)) throw UsageError("\"multi_select\" must be true or false");
      request->multi_select = b;
    } else if (key == "sort") {
      if (!parse_sort(get_string(v, key), &request->sort)) {
        throw UsageError("\"sort\" must be relevance, newest or oldest");
      }
    } else if (key == "limit") {
      request->limit = get_count(v, key);
    } else if (key == "offset") {
      request->offset = get_count(v, key);
    } else if (key == "snippet_size") {
      request->snippet_bytes = get_count(v, key);
    } else if (key == "match") {
      if (!parse_match_mode(get_string(v, key), &request->ranking.match)) {
        throw UsageError("\"match\" must be ranked, all or any");
      }
    } else if (key == "recency") {
      if (!parse_half_life(get_string(v, key), &request->ranking.recency_half_life_days)) {
        throw UsageError("\"recency\" expects a half-life such as \"30d\"");
      }
    } else if (key == "strict_order") {
      bool b;
      if (v.get_bool().get(b)) throw UsageError("\"strict_order\" must be true or false");
      if (b) request->ranking.all_words_bonus = kAllWordsBonus;
    } else if (key == "all_words_bonus") {
      double x;
      if (v.get_double().get(x)) throw UsageError("\"all_words_bonus\" must be a number");
      request->ranking.all_words_bonus = x;
    } else if (key == "k1" || key == "b" || key == "title_weight" || key == "near_weight" ||
               key == "phrase_weight") {
      double x;
      if (v.get_double().get(x) || x < 0 || (key == "b" && x > 1)) {
        throw UsageError("\"" + std::string(key) + "\" must be a non-negative number");
      }
      RankingOptions& rk = request->ranking;
      (key == "k1" ? rk.k1 : key == "b" ? rk.b : key == "title_weight" ? rk.title_weight
                                        : key == "near_weight"         ? rk.near_weight
                                                                       : rk.phrase_weight) = x;
    } else if (key == "near_window") {
      request->ranking.near_window = static_cast<unsigned>(std::max<size_t>(1, get_count(v, key)));
    } else if (key == "count" || key == "ids") {
      bool b;
      if (v.get_bool().get(b)) throw UsageError("\"" + std::string(key) + "\" must be true or false");
      if (b) request->shape = key == "count" ? ResultShape::kCount : ResultShape::kIds;
      else if (request->shape == (key == "count" ? ResultShape::kCount : ResultShape::kIds))
        request->shape = ResultShape::kFull;
    } else if (key == "time_limit") {
      double t;
      if (v.get_double().get(t) || t < 0) {
        throw UsageError("\"time_limit\" must be a non-negative number of seconds");
      }
      request->time_limit = t;
    } else if (key != "tag") {
      throw UsageError("unknown field \"" + std::string(key) + "\"");
    }
  }
  if (!query_set) request->query.clear();
}

BatchStats run_batch(Searcher* searcher, const SearcherOptions& defaults, std::istream& in,
                     std::FILE* out) {
  using Clock = std::chrono::steady_clock;
  BatchStats stats;
  std::string line, text, tag;
  long line_no = 0;
  auto last_refresh = Clock::now();
  SearchRequest request;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (Clock::now() - last_refresh > std::chrono::seconds(1)) {
      searcher->refresh();
      last_refresh = Clock::now();
    }
    text.clear();
    try {
      parse_batch_line(line, defaults.request, &request, &tag);
      SearchResult result = searcher->search(request);
      write_result_json(request, result, defaults.timing, 0, &text, tag);
      ++stats.queries;
    } catch (const UsageError& e) {
      JsonWriter w(&text);
      w.begin_object();
      w.field("format_version", 1);
      if (!tag.empty()) {
        w.key("tag");
        w.raw(tag);
      }
      w.field("line", line_no);
      w.field("error", e.what());
      w.end_object();
      text.push_back('\n');
      ++stats.errors;
    }
    if (std::fwrite(text.data(), 1, text.size(), out) != text.size() || std::fflush(out) != 0) {
      throw Error("cannot write the results");
    }
  }
  return stats;
}

}  // namespace gazette

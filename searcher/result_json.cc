#include "searcher/result_json.h"

#include "common/json_writer.h"

namespace gazette {
namespace {

void write_list(JsonWriter* w, std::string_view key, const std::vector<std::string>& values) {
  w->key(key);
  w->begin_array(true);
  for (const std::string& v : values) w->value(v);
  w->end_array();
}

void write_field_values(JsonWriter* w, std::string_view key, const std::vector<FieldValue>& fvs) {
  w->key(key);
  w->begin_array();
  for (const FieldValue& fv : fvs) {
    w->begin_object(true);
    w->field("field", fv.field);
    w->field("value", fv.value);
    w->end_object();
  }
  w->end_array();
}

void write_string_or_null(JsonWriter* w, std::string_view key, const std::string& v) {
  w->key(key);
  if (v.empty()) {
    w->null();
  } else {
    w->value(v);
  }
}

void write_facets(JsonWriter* w, const std::vector<FacetResult>& facets) {
  w->key("facets");
  w->begin_object();
  for (const FacetResult& f : facets) {
    w->key(f.name);
    w->begin_array();
    for (const FacetValue& v : f.values) {
      w->begin_object(true);
      w->field("value", v.value);
      w->field("count", v.count);
      w->end_object();
    }
    w->end_array();
  }
  w->end_object();
}

// "resolved": facet values not indexed as written (searcher/aliases.h).
void write_resolutions(JsonWriter* w, const std::vector<Resolution>& resolutions) {
  if (resolutions.empty()) return;
  w->key("resolved");
  w->begin_array();
  for (const Resolution& r : resolutions) {
    w->begin_object(true);
    w->field("field", r.field);
    w->field("given", r.given);
    w->field("how", resolution_name(r.how));
    if (r.how == Resolution::How::kAmbiguous) {
      w->key("candidates");
      w->begin_array(true);
      for (const auto& [value, count] : r.candidates) {
        w->begin_object(true);
        w->field("value", value);
        w->field("count", count);
        w->end_object();
      }
      w->end_array();
    } else {
      write_list(w, "values", r.values);
    }
    w->end_object();
  }
  w->end_array();
}

void write_timing(JsonWriter* w, const SearchResult& result, bool timing) {
  if (!timing) return;
  w->key("timing");
  w->begin_object();
  w->key("seconds");
  w->value(result.seconds, 6);
  w->end_object();
}

}  // namespace

void write_result_json(const SearchRequest& request, const SearchResult& result, bool timing,
                       int indent, std::string* out, std::string_view tag) {
  JsonWriter w(out, indent);
  w.begin_object();
  w.field("format_version", kJsonFormatVersion);
  if (!tag.empty()) {
    w.key("tag");
    w.raw(tag);
  }
  w.field("query", request.query);
  write_field_values(&w, "filters", request.filters);
  write_field_values(&w, "excludes", request.excludes);
  if (!request.date_from.empty()) w.field("date_from", request.date_from);
  if (!request.date_to.empty()) w.field("date_to", request.date_to);
  if (!request.facet_prefixes.empty()) write_field_values(&w, "facet_prefixes", request.facet_prefixes);
  write_resolutions(&w, result.resolutions);
  if (!result.spelling.suggestion.empty()) {
    w.key("spelling");
    w.begin_object(true);
    w.field("suggestion", result.spelling.suggestion);
    w.field("corrected", result.corrected);
    w.key("corrections");
    w.begin_array(true);
    for (const auto& [word, replacement] : result.spelling.corrections) {
      w.begin_object(true);
      w.field("word", word);
      w.field("suggestion", replacement);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  if (!request.like_id.empty()) {
    w.key("like");
    w.begin_object(true);
    w.field("id", request.like_id);
    write_list(&w, "terms", result.like_terms);
    w.end_object();
  }
  if (request.shape == ResultShape::kCount) {
    w.field("total", result.total);
    if (result.truncated) w.field("truncated", true);
    write_timing(&w, result, timing);
    w.end_object();
    out->push_back('\n');
    return;
  }
  w.field("sort", sort_name(result.sort));
  w.field("match", match_mode_name(result.match));
  w.field("offset", request.offset);
  w.field("limit", request.limit);
  w.field("total", result.total);
  if (result.truncated) w.field("truncated", true);
  if (request.shape == ResultShape::kIds) {
    w.key("ids");
    w.begin_array(true);
    for (const Hit& h : result.hits) w.value(h.article.id);
    w.end_array();
    write_timing(&w, result, timing);
    w.end_object();
    out->push_back('\n');
    return;
  }
  w.key("hits");
  w.begin_array();
  for (const Hit& h : result.hits) {
    const Article& a = h.article;
    w.begin_object();
    w.field("id", a.id);
    w.field("rank", h.rank);
    w.key("score");
    w.value(h.score, 4);
    w.field("matched", h.all_words ? "all" : "partial");
    w.field("title", a.title);
    write_string_or_null(&w, "date", a.date.valid() ? iso_day(a.date) : std::string());
    write_string_or_null(&w, "source", a.source);
    write_string_or_null(&w, "url", a.url);
    write_list(&w, "persons", a.persons);
    write_list(&w, "places", a.places);
    write_list(&w, "groups", a.groups);
    write_list(&w, "topics", a.topics);
    if (request.snippet_bytes > 0) {
      w.field("snippet", h.snippet.text);
      w.key("highlights");
      w.begin_array();
      for (const auto& [begin, end] : h.snippet.highlights) {
        w.begin_array(true);
        w.value(begin);
        w.value(end);
        w.end_array();
      }
      w.end_array();
      if (!request.mark_start.empty() || !request.mark_end.empty())
        w.field("snippet_marked", mark_snippet(h.snippet, request.mark_start, request.mark_end));
    }
    w.end_object();
  }
  w.end_array();
  write_facets(&w, result.facets);
  if (!result.related.field.empty()) {
    const RelatedResult& rel = result.related;
    w.key("related");
    w.begin_object();
    w.field("field", rel.field);
    w.field("value", rel.value);
    w.field("total", rel.total);
    w.key("values");
    w.begin_array();
    for (const RelatedValue& v : rel.values) {
      w.begin_object(true);
      w.field("field", v.field);
      w.field("value", v.value);
      w.field("count", v.count);
      w.field("index_count", v.index_count);
      w.key("score");
      w.value(v.score, 2);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  for (const FacetResult& f : result.facets) {
    if (f.name == "date") w.field("date_granularity", granularity_name(f.granularity));
  }
  write_timing(&w, result, timing);
  w.end_object();
  out->push_back('\n');
}

void write_stats_json(const IndexSummary& s, int indent, std::string* out) {
  JsonWriter w(out, indent);
  w.begin_object();
  w.field("format_version", kJsonFormatVersion);
  w.field("index", s.path);
  w.field("schema_version", s.schema_version);
  w.field("shards", s.shards);
  w.field("documents", s.documents);
  w.field("undated", s.undated);
  write_string_or_null(&w, "date_min", s.date_min);
  write_string_or_null(&w, "date_max", s.date_max);
  write_facets(&w, s.facets);
  w.key("years");
  w.begin_array();
  for (const FacetResult& f : s.years) {
    for (const FacetValue& v : f.values) {
      w.begin_object(true);
      w.field("value", v.value);
      w.field("count", v.count);
      w.end_object();
    }
  }
  w.end_array();
  w.end_object();
  out->push_back('\n');
}

}  // namespace gazette

#include "searcher/result_csv.h"

#include <cstdio>
#include <initializer_list>

namespace gazette {
namespace {

void append_row(std::initializer_list<std::string_view> fields, std::string* out) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out->push_back(',');
    append_csv_field(f, out);
    first = false;
  }
  *out += "\r\n";
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += "; ";
    out += v;
  }
  return out;
}

}  // namespace

void append_csv_field(std::string_view field, std::string* out) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void write_hits_csv(const SearchRequest& request, const SearchResult& result, std::string* out) {
  const bool marked = !request.mark_start.empty() || !request.mark_end.empty();
  append_row({"rank", "id", "score", "matched", "date", "title", "source", "url", "persons",
              "places", "groups", "topics", "snippet"},
             out);
  for (const Hit& h : result.hits) {
    const Article& a = h.article;
    char score[32];
    std::snprintf(score, sizeof score, "%.4f", h.score);
    append_row({std::to_string(h.rank), a.id, score, h.all_words ? "all" : "partial",
                a.date.valid() ? iso_day(a.date) : std::string(), a.title, a.source, a.url,
                join(a.persons), join(a.places), join(a.groups), join(a.topics),
                marked ? mark_snippet(h.snippet, request.mark_start, request.mark_end)
                       : h.snippet.text},
               out);
  }
}

void write_facets_csv(const SearchResult& result, std::string* out) {
  append_row({"facet", "value", "count", "score"}, out);
  for (const FacetResult& f : result.facets) {
    for (const FacetValue& v : f.values)
      append_row({f.name, v.value, std::to_string(v.count), ""}, out);
  }
  for (const RelatedValue& v : result.related.values) {
    char score[32];
    std::snprintf(score, sizeof score, "%.2f", v.score);
    append_row({"related:" + v.field, v.value, std::to_string(v.count), score}, out);
  }
}

}  // namespace gazette

#include "searcher/result_text.h"

#include <cstdio>

namespace gazette {
namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kMatch = "\033[1;33m";
constexpr const char* kDim = "\033[2m";
constexpr const char* kReset = "\033[0m";

std::string thousands(long n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string join(const std::vector<std::string>& values, std::string_view sep) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += sep;
    out += v;
  }
  return out;
}

std::string describe_filters(const SearchRequest& r) {
  std::string out;
  for (const FieldValue& f : r.filters) {
    out += out.empty() ? " with " : ", ";
    out += f.field + "=" + f.value;
  }
  for (const FieldValue& f : r.excludes) {
    out += out.empty() ? " without " : ", not ";
    out += f.field + "=" + f.value;
  }
  if (!r.date_from.empty()) out += " from " + r.date_from;
  if (!r.date_to.empty()) out += (r.date_from.empty() ? " up to " : " to ") + r.date_to;
  return out;
}

void write_facet_lines(const std::vector<FacetResult>& facets, std::string* out) {
  for (const FacetResult& f : facets) {
    char label[16];
    std::snprintf(label, sizeof label, "  %-7s ", f.name.c_str());
    *out += label;
    if (f.values.empty()) *out += "-";
    for (size_t i = 0; i < f.values.size(); ++i) {
      if (i > 0) *out += ", ";
      *out += f.values[i].value + " (" + thousands(f.values[i].count) + ")";
    }
    *out += '\n';
  }
}

}  // namespace

void write_result_text(const SearchRequest& r, const SearchResult& result, bool color,
                       bool timing, std::string* out) {
  if (r.shape == ResultShape::kCount) {
    *out += std::to_string(result.total) + "\n";
    return;
  }
  if (r.shape == ResultShape::kIds) {
    for (const Hit& h : result.hits) *out += h.article.id + "\n";
    return;
  }
  const char* bold = color ? kBold : "";
  const char* dim = color ? kDim : "";
  const char* reset = color ? kReset : "";
  *out += bold + thousands(result.total) + reset + (result.total == 1 ? " article" : " articles");
  *out += r.query.empty() ? std::string() : " match '" + r.query + "'";
  if (!r.like_id.empty()) *out += " like " + r.like_id;
  *out += describe_filters(r);
  if (!result.hits.empty()) {
    *out += "; showing " + std::to_string(result.hits.front().rank) + "-" +
            std::to_string(result.hits.back().rank) + " by " + std::string(sort_name(result.sort));
  }
  if (result.truncated) *out += " (counting cut short by the time limit: total and facets are partial)";
  if (timing) {
    char buf[48];
    std::snprintf(buf, sizeof buf, " (%.2f ms)", result.seconds * 1000);
    *out += buf;
  }
  *out += "\n";
  if (!result.spelling.suggestion.empty()) {
    *out += result.corrected ? "  searched for '" + result.spelling.suggestion + "' instead\n"
                             : "  did you mean '" + result.spelling.suggestion +
                                   "'? (--correct searches it)\n";
  }
  for (const Resolution& res : result.resolutions) {
    *out += "  " + res.field + ":" + res.given;
    switch (res.how) {
      case Resolution::How::kAlias:
      case Resolution::How::kSynonym:
        *out += " taken as " + join(res.values, " or ") + " (" +
                std::string(resolution_name(res.how)) + ")\n";
        break;
      case Resolution::How::kAmbiguous: {
        *out += " is ambiguous, so it matched nothing; did you mean ";
        for (size_t i = 0; i < res.candidates.size(); ++i) {
          if (i > 0) *out += i + 1 == res.candidates.size() ? " or " : ", ";
          *out += res.candidates[i].first + " (" + thousands(res.candidates[i].second) + ")";
        }
        *out += "?\n";
        break;
      }
      case Resolution::How::kUnknown: *out += " is not in the index\n"; break;
    }
  }
  for (const Hit& h : result.hits) {
    const Article& a = h.article;
    char rank[16];
    std::snprintf(rank, sizeof rank, "\n%3zu. ", h.rank);
    *out += rank;
    *out += bold + (a.title.empty() ? std::string("(no title)") : a.title) + reset + "\n";
    std::string meta = a.date.valid() ? iso_day(a.date) : "undated";
    if (!a.source.empty()) meta += " · " + a.source;
    meta += " · id " + a.id;
    char score[32];
    std::snprintf(score, sizeof score, " · score %.2f", h.score);
    meta += score;
    if (!h.all_words) meta += " · partial match";
    *out += std::string("     ") + dim + meta + reset + "\n";
    if (!h.snippet.text.empty()) {
      const bool marked = !r.mark_start.empty() || !r.mark_end.empty();
      *out += "     " +
              (marked  ? mark_snippet(h.snippet, r.mark_start, r.mark_end)
               : color ? mark_snippet(h.snippet, kMatch, kReset)
                       : h.snippet.text) +
              "\n";
    }
    std::string entities;
    auto add = [&](const char* label, const std::vector<std::string>& values) {
      if (values.empty()) return;
      if (!entities.empty()) entities += "; ";
      entities += std::string(label) + ": " + join(values, ", ");
    };
    add("persons", a.persons);
    add("places", a.places);
    add("groups", a.groups);
    add("topics", a.topics);
    if (!entities.empty()) *out += std::string("     ") + dim + entities + reset + "\n";
  }
  if (!result.facets.empty()) {
    *out += std::string("\n") + bold + "Facets" + reset + "\n";
    write_facet_lines(result.facets, out);
  }
  if (!result.related.field.empty()) {
    const RelatedResult& rel = result.related;
    *out += std::string("\n") + bold + "Related to " + rel.field + " " + rel.value + reset + " (" +
            thousands(rel.total) + (rel.total == 1 ? " article" : " articles") +
            "; together / in the index, log-likelihood)\n";
    if (rel.values.empty()) *out += "  -\n";
    for (const RelatedValue& v : rel.values) {
      char line[64];
      std::snprintf(line, sizeof line, "  %-7s ", v.field.c_str());
      *out += line + v.value + " (" + thousands(v.count) + " / " + thousands(v.index_count);
      std::snprintf(line, sizeof line, ", %.1f)\n", v.score);
      *out += line;
    }
  }
}

void write_stats_text(const IndexSummary& s, std::string* out) {
  *out += "index     " + s.path + " (" + std::to_string(s.shards) +
          (s.shards == 1 ? " shard" : " shards") + ", schema " +
          std::to_string(s.schema_version) + ")\n";
  *out += "articles  " + thousands(s.documents) + " (" + thousands(s.undated) + " undated)\n";
  if (!s.date_min.empty()) *out += "dates     " + s.date_min + " .. " + s.date_max + "\n";
  for (const FacetResult& f : s.years) {
    *out += "years     ";
    for (size_t i = 0; i < f.values.size(); ++i) {
      if (i > 0) *out += ", ";
      *out += f.values[i].value + " (" + thousands(f.values[i].count) + ")";
    }
    *out += "\n";
  }
  *out += "\nbiggest facet values\n";
  write_facet_lines(s.facets, out);
}

}  // namespace gazette

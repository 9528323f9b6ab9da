// Plain-text articles, one per file: the first non-empty line is the title, the
// rest is the body. The only metadata is a date at the start of the file name;
// the id is derived from the content.

#include "common/normalise.h"
#include "indexer/article_reader.h"

namespace gazette {
namespace {

// Archives often name files by date ("2016-02-14_syria-talks.txt"): a file name
// that starts with YYYY-MM-DD or YYYYMMDD (then a non-digit) dates the article.
DateTime date_from_file_name(const std::string& path) {
  std::string_view name = path;
  size_t slash = name.rfind('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  DateTime d;
  for (size_t len : {size_t{10}, size_t{8}}) {
    if (name.size() < len || (name.size() > len && name[len] >= '0' && name[len] <= '9')) continue;
    if (parse_iso_date(name.substr(0, len), &d).empty()) return d;
  }
  return DateTime();
}

}  // namespace

void read_text(std::string_view content, const std::string& path, ArticleSink* sink,
               const std::string& file_name) {
  Origin origin{path, 0, {}};
  if (looks_binary(content.substr(0, 8192))) {
    sink->reject(make_problem("binary-file", "", "not a text file (binary content)", origin));
    return;
  }
  Article a;
  a.origin = origin;
  a.date = date_from_file_name(file_name.empty() ? path : file_name);
  std::string text;
  size_t bad = clean_text(content, &text);
  if (bad > 0) a.warnings.push_back(invalid_utf8_problem(bad, origin));
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = clean_value(std::string_view(text).substr(pos, nl - pos));
    pos = nl + 1;
    if (!line.empty()) {
      a.title = std::move(line);
      a.origin.line = 1;
      break;
    }
  }
  if (pos < text.size()) {
    size_t b = pos, e = text.size();
    while (b < e && (text[b] == ' ' || text[b] == '\n' || text[b] == '\t')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\n' || text[e - 1] == '\t')) --e;
    a.body = text.substr(b, e - b);
  }
  if (a.title.empty() && a.body.empty()) {
    sink->reject(make_problem("empty-article", "", "empty file", origin));
    return;
  }
  sink->accept(std::move(a));
}

}  // namespace gazette

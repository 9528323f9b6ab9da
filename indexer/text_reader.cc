// Plain-text articles, one per file: the first non-empty line is the title, the
// rest is the body. No metadata; the id is derived from the content.

#include "common/normalise.h"
#include "indexer/article_reader.h"

namespace gazette {
namespace {

// A file is binary, not text, when it has NUL bytes or mostly invalid UTF-8.
bool looks_binary(std::string_view s) {
  size_t n = std::min<size_t>(s.size(), 8192);
  size_t nul = 0, high = 0;
  for (size_t i = 0; i < n; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    nul += c == 0;
    high += c >= 0x80;
  }
  if (nul > 0) return true;
  return high > n / 3 && !is_valid_utf8(s.substr(0, n > 4 ? n - 4 : n));
}

}  // namespace

void read_text(std::string_view content, const std::string& path, ArticleSink* sink) {
  Origin origin{path, 0, {}};
  if (looks_binary(content)) {
    sink->reject(make_problem("binary-file", "", "not a text file (binary content)", origin));
    return;
  }
  Article a;
  a.origin = origin;
  std::string text;
  size_t bad = clean_text(content, &text);
  if (bad > 0) {
    a.warnings.push_back(make_problem(
        "invalid-utf8", "", std::to_string(bad) + " invalid UTF-8 byte(s) read as CP1252", origin));
  }
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

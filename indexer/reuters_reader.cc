// Reuters-21578 SGML (reut2-NNN.sgm): <REUTERS NEWID="..."> blocks with DATE,
// TOPICS/PLACES/PEOPLE/ORGS lists of <D> values, and TEXT holding TITLE,
// DATELINE and BODY. Read natively (no SGML library: the format is a fixed,
// flat subset). Each block becomes one article with id = NEWID.

#include <cstdio>
#include <cstring>

#include "common/normalise.h"
#include "indexer/article_reader.h"

namespace gazette {
namespace {

// Content of the first <name ...>...</name> in `block`; sets *found.
std::string_view tag_content(std::string_view block, std::string_view name, bool* found) {
  std::string open = "<" + std::string(name);
  std::string close = "</" + std::string(name) + ">";
  size_t pos = 0;
  for (;;) {
    pos = block.find(open, pos);
    if (pos == std::string_view::npos) break;
    size_t after = pos + open.size();
    if (after < block.size() && (block[after] == '>' || block[after] == ' ')) {
      size_t gt = block.find('>', after);
      if (gt == std::string_view::npos) break;
      size_t end = block.find(close, gt + 1);
      if (end == std::string_view::npos) break;
      *found = true;
      return block.substr(gt + 1, end - gt - 1);
    }
    pos = after;
  }
  *found = false;
  return {};
}

// Decodes SGML character references; numeric references to control characters
// (the wire-service codes &#2; &#3; &#5; ...) become spaces.
std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    long cp = -1;
    if (name == "lt") cp = '<';
    else if (name == "gt") cp = '>';
    else if (name == "amp") cp = '&';
    else if (name == "quot") cp = '"';
    else if (name == "apos") cp = '\'';
    else if (name.size() > 1 && name[0] == '#') {
      cp = 0;
      bool hex = name[1] == 'x' || name[1] == 'X';
      for (size_t k = hex ? 2 : 1; k < name.size(); ++k) {
        char c = name[k];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
        if (d < 0 || cp > 0x10FFFF) {
          cp = -1;
          break;
        }
        cp = cp * (hex ? 16 : 10) + d;
      }
    }
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back('&');
      continue;
    }
    if (cp < 0x20 && cp != '\n' && cp != '\t') cp = ' ';
    append_utf8(static_cast<char32_t>(cp), &out);
    i = semi;
  }
  return out;
}

std::vector<std::string> d_list(std::string_view block, std::string_view name) {
  std::vector<std::string> out;
  bool found = false;
  std::string_view list = tag_content(block, name, &found);
  size_t pos = 0;
  while ((pos = list.find("<D>", pos)) != std::string_view::npos) {
    size_t end = list.find("</D>", pos + 3);
    if (end == std::string_view::npos) break;
    std::string v = clean_value(decode_entities(list.substr(pos + 3, end - pos - 3)));
    if (!v.empty()) out.push_back(std::move(v));
    pos = end + 4;
  }
  return out;
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Trims whitespace and the "Reuter" sign-off that ends most bodies.
void strip_trailer(std::string* body) {
  auto rtrim = [&] {
    while (!body->empty() && (body->back() == ' ' || body->back() == '\n' || body->back() == '\t'))
      body->pop_back();
  };
  rtrim();
  constexpr std::string_view kSign = "reuter";
  if (body->size() >= kSign.size()) {
    size_t start = body->size() - kSign.size();
    bool match = true;
    for (size_t k = 0; k < kSign.size(); ++k) {
      char c = (*body)[start + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (c != kSign[k]) match = false;
    }
    if (match && (start == 0 || !is_word_char((*body)[start - 1]))) {
      body->resize(start);
      rtrim();
    }
  }
  size_t b = 0;
  while (b < body->size() && ((*body)[b] == ' ' || (*body)[b] == '\n' || (*body)[b] == '\t')) ++b;
  body->erase(0, b);
}

// "26-FEB-1987 15:01:01.79": day, month name, year, optional time. A malformed
// time (the corpus has "605:12:19") keeps the date without a time.
bool parse_reuters_date(std::string_view s, DateTime* out) {
  static constexpr const char* kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                            "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  size_t dash1 = s.find('-');
  if (dash1 == std::string_view::npos || dash1 == 0 || dash1 > 2) return false;
  size_t dash2 = s.find('-', dash1 + 1);
  if (dash2 != dash1 + 4 || s.size() < dash2 + 5) return false;
  DateTime d;
  for (size_t k = 0; k < dash1; ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
    d.day = d.day * 10 + (s[k] - '0');
  }
  std::string mon(s.substr(dash1 + 1, 3));
  for (char& c : mon) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  for (int m = 0; m < 12; ++m)
    if (mon == kMonths[m]) d.month = m + 1;
  for (size_t k = dash2 + 1; k < dash2 + 5; ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
    d.year = d.year * 10 + (s[k] - '0');
  }
  if (d.month == 0 || d.day < 1 || d.day > days_in_month(d.year, d.month)) return false;
  std::string_view rest = s.substr(dash2 + 5);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  int h = 0, mi = 0, se = 0;
  if (rest.size() >= 8 && rest[2] == ':' && rest[5] == ':' &&
      std::sscanf(std::string(rest.substr(0, 8)).c_str(), "%2d:%2d:%2d", &h, &mi, &se) == 3 &&
      h < 24 && mi < 60 && se < 60) {
    d.hour = h, d.minute = mi, d.second = se;
  }
  *out = d;
  return true;
}

}  // namespace

void read_reuters(std::string_view content, const std::string& path, ArticleSink* sink) {
  std::string text;
  clean_text(content, &text);  // the files are ASCII with stray Latin-1 bytes
  std::string_view all = text;
  size_t pos = 0;
  long line = 1;
  size_t line_pos = 0;  // `line` is the line number of offset line_pos
  auto line_at = [&](size_t offset) {
    for (; line_pos < offset; ++line_pos) line += all[line_pos] == '\n';
    return line;
  };
  while (!sink->stopped()) {
    size_t start = all.find("<REUTERS", pos);
    if (start == std::string_view::npos) break;
    Origin origin{path, line_at(start), {}};
    size_t gt = all.find('>', start);
    size_t next = all.find("<REUTERS", start + 8);
    size_t end = all.find("</REUTERS>", start);
    if (gt == std::string_view::npos || end == std::string_view::npos ||
        (next != std::string_view::npos && next < end) || gt > end) {
      sink->reject(make_problem("broken-sgml", "REUTERS",
                                "<REUTERS> element without its closing tag; skipped", origin));
      if (next == std::string_view::npos) break;
      pos = next;
      continue;
    }
    pos = end + 10;
    std::string_view attrs = all.substr(start + 8, gt - start - 8);
    std::string_view block = all.substr(gt + 1, end - gt - 1);

    Article a;
    a.origin = origin;
    size_t nid = attrs.find("NEWID=\"");
    if (nid != std::string_view::npos) {
      size_t q = attrs.find('"', nid + 7);
      if (q != std::string_view::npos) a.id = std::string(attrs.substr(nid + 7, q - nid - 7));
    }
    if (a.id.empty()) {
      sink->reject(make_problem("broken-sgml", "NEWID", "<REUTERS> element without NEWID",
                                origin));
      continue;
    }
    a.origin.where = "NEWID=" + a.id;

    bool found = false;
    std::string_view date = tag_content(block, "DATE", &found);
    if (found && !parse_reuters_date(date, &a.date)) {
      a.warnings.push_back(make_problem("bad-date", "DATE",
                                       "invalid date '" + clean_value(date) +
                                           "'; indexed without a date",
                                       a.origin));
    }
    a.topics = d_list(block, "TOPICS");
    a.places = d_list(block, "PLACES");
    a.persons = d_list(block, "PEOPLE");
    a.groups = d_list(block, "ORGS");
    a.has_entity_metadata = true;
    a.source = "Reuters";

    bool has_text = false;
    std::string_view body_text = tag_content(block, "TEXT", &has_text);
    bool has_title = false, has_body = false, has_dateline = false;
    std::string_view title = tag_content(body_text, "TITLE", &has_title);
    std::string_view body = tag_content(body_text, "BODY", &has_body);
    std::string_view dateline = tag_content(body_text, "DATELINE", &has_dateline);
    if (has_title) a.title = clean_value(decode_entities(title));
    if (has_dateline) {
      a.dateline = clean_value(decode_entities(dateline));
      while (!a.dateline.empty() && (a.dateline.back() == '-' || a.dateline.back() == ' '))
        a.dateline.pop_back();
    }
    if (has_body) {
      a.body = decode_entities(body);
    } else if (!has_title && has_text) {
      a.body = decode_entities(body_text);  // TYPE="UNPROC": unstructured text
    }
    strip_trailer(&a.body);
    if (a.title.empty() && a.body.empty()) {
      // Still a record of the archive (id, date, codes): index it, but say so.
      a.warnings.push_back(make_problem("no-text", "TEXT", "no title and no body", a.origin));
    }
    sink->accept(std::move(a));
  }
}

}  // namespace gazette

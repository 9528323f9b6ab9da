#include "common/ner/dateline.h"

#include <map>
#include <string>

#include "common/ner/text.h"

namespace gazette::ner {
namespace {

// Month number of "feb", "feb.", "february", "sept."; 0 if none.
int month_of(std::string_view w) {
  std::string l = lower(w);
  if (!l.empty() && l.back() == '.') l.pop_back();
  static constexpr std::string_view kFull[] = {"january",   "february", "march",    "april",
                                               "may",       "june",     "july",     "august",
                                               "september", "october",  "november", "december"};
  for (int m = 0; m < 12; ++m) {
    if (l == kFull[m]) return m + 1;
    if (l.size() == 3 && kFull[m].substr(0, 3) == l && m != 4) return m + 1;
  }
  if (l == "sept") return 9;
  return 0;
}

// The value of a token of 1-4 ASCII digits, or -1.
int number_of(std::string_view w) {
  if (w.empty() || w.size() > 4) return -1;
  int v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Day number of "21", "21st", "3rd"; -1 if none.
int day_of(std::string_view w) {
  if (w.size() > 2 &&
      (w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd") || w.ends_with("th")))
    w.remove_suffix(2);
  int d = number_of(w);
  return d >= 1 && d <= 31 && w.size() <= 2 ? d : -1;
}

bool make_date(int y, int m, int d, DateTime* out) {
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
  *out = DateTime();
  out->year = y;
  out->month = m;
  out->day = d;
  return true;
}

}  // namespace

bool find_text_date(std::string_view dateline, std::string_view title, std::string_view body,
                    DateTime* out) {
  std::string window;
  window.reserve(dateline.size() + title.size() + kDateWindowBytes + 4);
  window.append(dateline);
  window += "\n\n";
  window.append(title);
  window += "\n\n";
  window.append(body.substr(0, kDateWindowBytes));
  TokenizedText doc;
  tokenize(window, &doc);
  const auto& t = doc.tokens;
  const size_t n = t.size();
  int partial_month = 0, partial_day = 0;
  std::map<int, int> years;
  for (size_t i = 0; i < n; ++i) {
    const std::string& w = t[i].text;
    // ISO date: one token "2016-02-21".
    if (w.size() == 10 && w[4] == '-' && w[7] == '-') {
      int y = number_of(w.substr(0, 4)), m = number_of(w.substr(5, 2)),
          d = number_of(w.substr(8, 2));
      if (make_date(y, m, d, out)) return true;
    }
    int y = number_of(w);
    if (w.size() == 4 && y >= 1900 && y <= 2099) years[y]++;
    int m = month_of(w);
    if (m != 0 && i + 1 < n) {
      int d = day_of(t[i + 1].text);
      if (d > 0) {
        size_t k = i + 2;
        if (k < n && t[k].text == ",") ++k;
        int yy = k < n && t[k].text.size() == 4 ? number_of(t[k].text) : -1;
        if (make_date(yy, m, d, out)) return true;
        if (partial_month == 0) {
          partial_month = m;
          partial_day = d;
        }
      }
    }
    int d = day_of(w);
    if (d > 0 && i + 2 < n && month_of(t[i + 1].text) != 0) {
      int yy = t[i + 2].text.size() == 4 ? number_of(t[i + 2].text) : -1;
      if (make_date(yy, month_of(t[i + 1].text), d, out)) return true;
    }
  }
  if (partial_month != 0 && !years.empty()) {
    // The latest year mentioned: news looks back more often than ahead.
    return make_date(years.rbegin()->first, partial_month, partial_day, out);
  }
  return false;
}

}  // namespace gazette::ner

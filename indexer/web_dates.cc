#include "indexer/web_dates.h"

#include <cmath>
#include <cstdlib>
#include <vector>

namespace gazette {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Splits into tokens of letters, digits, or a single other non-space
// character; ':' and '.' inside a run of digits stay in it ("10:30:00").
std::vector<std::string> tokenize(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size() && out.size() < 32) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == ',' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    size_t j = i + 1;
    if (is_digit(c)) {
      while (j < s.size() && (is_digit(s[j]) || s[j] == ':')) ++j;
    } else if (is_alpha(c)) {
      while (j < s.size() && is_alpha(s[j])) ++j;
      if (j < s.size() && s[j] == '.') ++j;  // "Feb."
    } else if ((c == '+' || c == '-') && j < s.size() && is_digit(s[j])) {
      while (j < s.size() && (is_digit(s[j]) || s[j] == ':')) ++j;
    }
    out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

int month_number(std::string_view word) {
  static constexpr const char* kMonths[] = {"january", "february", "march",     "april",
                                            "may",     "june",     "july",      "august",
                                            "september", "october", "november", "december"};
  std::string w = lower(word);
  if (w.size() < 3) return 0;
  if (w == "sept") return 9;
  for (int m = 0; m < 12; ++m) {
    std::string_view full = kMonths[m];
    if (w.size() <= full.size() && full.substr(0, w.size()) == w) return m + 1;
  }
  return 0;
}

bool is_day_name(std::string_view word) {
  static constexpr const char* kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                          "friday", "saturday", "sunday"};
  std::string w = lower(word);
  if (w.size() < 3) return false;
  for (std::string_view d : kDays)
    if (w.size() <= d.size() && d.substr(0, w.size()) == w) return true;
  return false;
}

bool parse_int(std::string_view s, int* out) {
  if (s.empty() || s.size() > 4) return false;
  int v = 0;
  for (char c : s) {
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// "10:30" or "10:30:00" (seconds optional).
bool parse_time(std::string_view s, DateTime* d) {
  int h = 0, m = 0, sec = 0;
  size_t c1 = s.find(':');
  if (c1 == std::string_view::npos) return false;
  size_t c2 = s.find(':', c1 + 1);
  if (!parse_int(s.substr(0, c1), &h)) return false;
  if (!parse_int(s.substr(c1 + 1, c2 == std::string_view::npos ? c2 : c2 - c1 - 1), &m))
    return false;
  if (c2 != std::string_view::npos && !parse_int(s.substr(c2 + 1), &sec)) return false;
  if (h > 23 || m > 59 || sec > 60) return false;
  d->hour = h, d->minute = m, d->second = sec == 60 ? 59 : sec;
  return true;
}

// A zone token: numeric offset or a name. Returns false if not a zone.
bool parse_zone(std::string_view s, int* minutes) {
  if ((s[0] == '+' || s[0] == '-') && s.size() >= 3) {
    std::string digits;
    for (char c : s.substr(1))
      if (is_digit(c)) digits.push_back(c);
    if (digits.size() != 4 && digits.size() != 2) return false;
    int h = (digits[0] - '0') * 10 + (digits[1] - '0');
    int m = digits.size() == 4 ? (digits[2] - '0') * 10 + (digits[3] - '0') : 0;
    if (h > 18 || m > 59) return false;
    *minutes = (s[0] == '-' ? -1 : 1) * (h * 60 + m);
    return true;
  }
  static constexpr struct {
    const char* name;
    int hours;
  } kZones[] = {{"gmt", 0},  {"ut", 0},   {"utc", 0},  {"z", 0},   {"est", -5},
                {"edt", -4}, {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6},
                {"pst", -8}, {"pdt", -7}, {"bst", 1},  {"cet", 1},  {"cest", 2}};
  std::string w = lower(s);
  for (const auto& z : kZones) {
    if (w == z.name) {
      *minutes = z.hours * 60;
      return true;
    }
  }
  if (w.size() == 1 && is_alpha(w[0])) {  // military zones: treated as UTC
    *minutes = 0;
    return true;
  }
  return false;
}

bool valid_day(const DateTime& d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

// The tokens after the calendar date: [time] [am|pm] [zone].
bool parse_rest(const std::vector<std::string>& t, size_t i, DateTime* d) {
  if (i < t.size() && t[i].find(':') != std::string::npos) {
    if (!parse_time(t[i], d)) return false;
    ++i;
    if (i < t.size()) {
      std::string w = lower(t[i]);
      if (w == "am" || w == "pm" || w == "a.m" || w == "p.m") {
        if (d->hour > 12) return false;
        if (w[0] == 'p' && d->hour < 12) d->hour += 12;
        if (w[0] == 'a' && d->hour == 12) d->hour = 0;
        ++i;
      }
    }
    if (i < t.size() && parse_zone(t[i], &d->utc_offset_min)) ++i;
  }
  // Anything after (a day name in parentheses, "(UTC)") is tolerated only if short.
  return t.size() - i <= 3;
}

}  // namespace

std::string parse_rfc822_date(std::string_view text, DateTime* out) {
  *out = DateTime();
  std::vector<std::string> t = tokenize(text);
  size_t i = 0;
  if (i < t.size() && is_day_name(t[i])) ++i;
  DateTime d;
  if (i + 3 > t.size()) return "expected 'day month year'";
  if (!parse_int(t[i], &d.day)) return "expected a day of the month";
  d.month = month_number(t[i + 1]);
  if (d.month == 0) return "expected a month name";
  if (!parse_int(t[i + 2], &d.year) || (t[i + 2].size() != 2 && t[i + 2].size() != 4))
    return "expected a year";
  if (t[i + 2].size() == 2) d.year += d.year < 50 ? 2000 : 1900;
  if (!valid_day(d)) return "day out of range";
  if (!parse_rest(t, i + 3, &d)) return "unexpected text after the date";
  *out = d;
  return "";
}

bool date_from_number(double value, DateTime* out) {
  if (value >= 10000101 && value <= 99991231 && value == std::floor(value)) {
    const long n = static_cast<long>(value);
    DateTime d;
    d.year = static_cast<int>(n / 10000);
    d.month = static_cast<int>(n / 100 % 100);
    d.day = static_cast<int>(n % 100);
    if (valid_day(d)) {
      *out = d;
      return true;
    }
  }
  if (std::fabs(value) >= 1e11) value /= 1000;
  return date_from_unix_time(value, out);
}

std::string parse_date_value(std::string_view text, DateTime* out) {
  size_t i = 0, digits = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  for (; i < text.size() && is_digit(text[i]); ++i) ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
  }
  if (i == text.size() && digits > 0) {
    if (date_from_number(std::strtod(std::string(text).c_str(), nullptr), out)) return "";
    return "Unix time out of range";
  }
  return parse_web_date(text, out);
}

std::string parse_web_date(std::string_view text, DateTime* out) {
  std::string iso_error = parse_iso_date(text, out);
  if (iso_error.empty()) return "";
  if (parse_rfc822_date(text, out).empty()) return "";
  // "February 21, 2016 [10:30 [AM] [EST]]" and "Sunday, Feb. 21, 2016".
  std::vector<std::string> t = tokenize(text);
  size_t i = 0;
  if (i < t.size() && is_day_name(t[i])) ++i;
  if (i + 3 <= t.size()) {
    DateTime d;
    d.month = month_number(t[i]);
    if (d.month != 0 && parse_int(t[i + 1], &d.day) && parse_int(t[i + 2], &d.year) &&
        t[i + 2].size() == 4 && valid_day(d) && parse_rest(t, i + 3, &d)) {
      *out = d;
      return "";
    }
  }
  *out = DateTime();
  return iso_error;
}

}  // namespace gazette

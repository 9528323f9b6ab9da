#include "common/date.h"

#include <cmath>
#include <cstdio>

namespace gazette {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Reads exactly n ASCII digits at s[*pos]; advances *pos.
bool digits(std::string_view s, size_t* pos, int n, int* value) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *value = v;
  *pos += n;
  return true;
}

std::string check_calendar(const DateTime& d) {
  if (d.year < 1 || d.year > 9999) return "year " + std::to_string(d.year) + " out of range";
  if (d.month < 1 || d.month > 12) return "month " + std::to_string(d.month) + " out of range";
  if (d.day < 1 || d.day > days_in_month(d.year, d.month))
    return "day " + std::to_string(d.day) + " out of range for " + std::to_string(d.year) + "-" +
           (d.month < 10 ? "0" : "") + std::to_string(d.month);
  return "";
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int* y, int* m, int* d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

}  // namespace

long days_since_epoch(const DateTime& d) { return days_from_civil(d.year, d.month, d.day); }

DateTime date_from_days(long days) {
  DateTime d;
  civil_from_days(days, &d.year, &d.month, &d.day);
  return d;
}

bool date_from_unix_time(double seconds, DateTime* out) {
  *out = DateTime();
  // 0001-01-01 and 10000-01-01 in Unix days: outside, not a date we keep.
  constexpr double kFirst = -719162.0 * 86400, kEnd = 2932897.0 * 86400;
  if (!(seconds >= kFirst && seconds < kEnd)) return false;  // also NaN
  const auto s = static_cast<long long>(std::floor(seconds));
  long long days = s / 86400, rest = s % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  DateTime d = date_from_days(static_cast<long>(days));
  d.hour = static_cast<int>(rest / 3600);
  d.minute = static_cast<int>(rest / 60 % 60);
  d.second = static_cast<int>(rest % 60);
  *out = d;
  return true;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

std::string parse_iso_date(std::string_view text, DateTime* out) {
  *out = DateTime();
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return "empty date";
  DateTime d;
  size_t pos = 0;
  if (!digits(text, &pos, 4, &d.year)) return "expected a 4-digit year";
  bool extended = pos < text.size() && text[pos] == '-';
  if (extended) ++pos;
  if (pos >= text.size()) return "a date needs a month and a day";
  if (!digits(text, &pos, 2, &d.month)) return "expected a 2-digit month";
  if (extended) {
    if (pos >= text.size()) return "a date needs a day";
    if (text[pos] != '-') return "expected '-' after the month";
    ++pos;
  }
  if (!digits(text, &pos, 2, &d.day)) return "expected a 2-digit day";
  if (std::string err = check_calendar(d); !err.empty()) return err;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')
      return "unexpected text after the date";
    ++pos;
    if (!digits(text, &pos, 2, &d.hour)) return "expected a 2-digit hour";
    if (pos < text.size() && text[pos] == ':') ++pos;
    if (!digits(text, &pos, 2, &d.minute)) return "expected 2-digit minutes";
    if (pos < text.size() && (text[pos] == ':' || (text[pos] >= '0' && text[pos] <= '9'))) {
      if (text[pos] == ':') ++pos;
      if (!digits(text, &pos, 2, &d.second)) return "expected 2-digit seconds";
      if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == start) return "expected fraction digits";
      }
    }
    if (d.hour == 24 && d.minute == 0 && d.second == 0) {
      // 24:00 is midnight at the end of the day; keep the calendar day.
      d.hour = 23, d.minute = 59, d.second = 59;
    }
    if (d.hour > 23) return "hour " + std::to_string(d.hour) + " out of range";
    if (d.minute > 59) return "minute " + std::to_string(d.minute) + " out of range";
    if (d.second > 60) return "second " + std::to_string(d.second) + " out of range";
    if (d.second == 60) d.second = 59;  // leap second: keep ordering sane
    if (pos < text.size()) {
      char c = text[pos];
      if (c == 'Z' || c == 'z') {
        ++pos;
      } else if (c == '+' || c == '-') {
        ++pos;
        int oh = 0, om = 0;
        if (!digits(text, &pos, 2, &oh)) return "expected a 2-digit UTC offset";
        if (pos < text.size() && text[pos] == ':') ++pos;
        if (pos < text.size() && !digits(text, &pos, 2, &om)) return "expected offset minutes";
        if (oh > 18 || om > 59) return "UTC offset out of range";
        d.utc_offset_min = (c == '-' ? -1 : 1) * (oh * 60 + om);
      } else if (c == ' ' && text.substr(pos) == " UTC") {
        pos = text.size();
      }
    }
    if (pos != text.size()) return "unexpected text after the time";
  }
  *out = d;
  return "";
}

bool parse_date_bound(std::string_view text, DateTime* lo, DateTime* hi) {
  size_t pos = 0;
  DateTime d;
  if (!digits(text, &pos, 4, &d.year) || d.year < 1) return false;
  if (pos == text.size()) {
    d.month = 1, d.day = 1;
    *lo = d;
    d.month = 12, d.day = 31;
    *hi = d;
    return true;
  }
  bool extended = text[pos] == '-';
  if (extended) ++pos;
  if (!digits(text, &pos, 2, &d.month) || d.month < 1 || d.month > 12) return false;
  if (pos == text.size()) {
    d.day = 1;
    *lo = d;
    d.day = days_in_month(d.year, d.month);
    *hi = d;
    return true;
  }
  if (extended) {
    if (text[pos] != '-') return false;
    ++pos;
  }
  if (!digits(text, &pos, 2, &d.day) || pos != text.size()) return false;
  if (!check_calendar(d).empty()) return false;
  *lo = *hi = d;
  return true;
}

std::string day_key(const DateTime& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}

std::string sort_key(const DateTime& d) {
  int y = d.year, m = d.month, day = d.day;
  long secs = 0;
  if (d.has_time()) {
    secs = d.hour * 3600L + d.minute * 60L + d.second - d.utc_offset_min * 60L;
  }
  long days = days_from_civil(y, m, day);
  // Normalise secs into [0, 86400) moving whole days.
  while (secs < 0) secs += 86400, --days;
  while (secs >= 86400) secs -= 86400, ++days;
  civil_from_days(days, &y, &m, &day);
  if (y < 1) y = 1, m = 1, day = 1, secs = 0;
  if (y > 9999) y = 9999, m = 12, day = 31, secs = 86399;
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02ld%02ld%02ld", y, m, day, secs / 3600,
                (secs / 60) % 60, secs % 60);
  return buf;
}

std::string iso_day(const DateTime& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string iso_datetime(const DateTime& d) {
  std::string out = iso_day(d);
  if (!d.has_time()) return out;
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", d.hour, d.minute, d.second);
  out += buf;
  if (d.utc_offset_min == 0) {
    out += 'Z';
  } else {
    int off = d.utc_offset_min < 0 ? -d.utc_offset_min : d.utc_offset_min;
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", d.utc_offset_min < 0 ? '-' : '+', off / 60,
                  off % 60);
    out += buf;
  }
  return out;
}

bool parse_day_key(std::string_view key, DateTime* out) {
  if (key.size() != 8) return false;
  DateTime d;
  size_t pos = 0;
  if (!digits(key, &pos, 4, &d.year) || !digits(key, &pos, 2, &d.month) ||
      !digits(key, &pos, 2, &d.day))
    return false;
  if (!check_calendar(d).empty()) return false;
  *out = d;
  return true;
}

}  // namespace gazette

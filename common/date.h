#pragma once
// Calendar dates of articles: parsing from ISO 8601 (and a few lenient forms
// seen in news data), validation, and the encodings stored in value slots.

#include <string>
#include <string_view>

namespace gazette {

// A publication date. `year == 0` means "no date". The calendar fields are the
// date as written in the source (local to the article); `utc_offset_min` is the
// offset that was given (0 when none or "Z"), used only for the UTC sort key.
struct DateTime {
  int year = 0;    // 1..9999
  int month = 0;   // 1..12
  int day = 0;     // 1..days_in_month
  int hour = -1;   // -1 when no time of day was given, else 0..23
  int minute = 0;
  int second = 0;
  int utc_offset_min = 0;

  bool valid() const { return year != 0; }
  bool has_time() const { return hour >= 0; }
  bool operator==(const DateTime&) const = default;
};

// Number of days in the given month (1..12) of `year`, proleptic Gregorian.
int days_in_month(int year, int month);

// Parses ISO 8601 dates: "2016-02-21", "20160221", "2016-02-21T10:30:00Z",
// "2016-02-21 10:30", "2016-02-21T10:30:00.123+02:00", "...+0200".
// Returns "" on success and fills *out; otherwise returns a message saying what
// is wrong ("month 13 out of range") and leaves *out invalid.
// Partial dates ("2016", "2016-02") are rejected: an article's date needs a day.
std::string parse_iso_date(std::string_view text, DateTime* out);

// Parses the date part of a date range bound as used in queries:
// "2016", "2016-02", "2016-02-21" (also "20160221"). For a year or month,
// `*lo` is its first day and `*hi` its last. Returns false if malformed.
bool parse_date_bound(std::string_view text, DateTime* lo, DateTime* hi);

// "YYYYMMDD" of the calendar date: the value stored in slot::kDay.
// REQUIRES: d.valid().
std::string day_key(const DateTime& d);

// "YYYYMMDDhhmmss" in UTC (time 00:00:00 when unknown): the sort value in
// slot::kSortTime. REQUIRES: d.valid().
std::string sort_key(const DateTime& d);

// "YYYY-MM-DD" (display form used in JSON output). REQUIRES: d.valid().
std::string iso_day(const DateTime& d);

// "YYYY-MM-DDThh:mm:ssZ"-style full form (offset kept as "+hh:mm"), or
// "YYYY-MM-DD" when there is no time of day. REQUIRES: d.valid().
std::string iso_datetime(const DateTime& d);

// Days since 1970-01-01 of the calendar date (the time of day is ignored).
// REQUIRES: d.valid().
long days_since_epoch(const DateTime& d);
// The calendar date (no time) of a day number from days_since_epoch.
DateTime date_from_days(long days);

// The UTC date and time of a Unix time (seconds since 1970-01-01T00:00:00Z,
// negative before; the fraction is dropped toward the earlier second). Returns
// false and leaves *out invalid outside years 1..9999 or for a non-finite value.
bool date_from_unix_time(double seconds, DateTime* out);

// Parses a day key "YYYYMMDD" back (no time). Returns false if malformed.
bool parse_day_key(std::string_view key, DateTime* out);

}  // namespace gazette

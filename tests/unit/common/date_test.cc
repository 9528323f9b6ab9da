#include "common/date.h"

#include <catch2/catch.hpp>
#include <cmath>

using gazette::DateTime;

TEST_CASE("parse_iso_date accepts the ISO forms seen in news data", "[date]") {
  auto [text, year, month, day, hour, offset] =
      GENERATE(table<const char*, int, int, int, int, int>({
          {"2016-02-21", 2016, 2, 21, -1, 0},
          {"20160221", 2016, 2, 21, -1, 0},
          {"2016-02-21T10:30:00Z", 2016, 2, 21, 10, 0},
          {"2016-02-21 10:30", 2016, 2, 21, 10, 0},
          {"2016-02-21T10:30:00.123+02:00", 2016, 2, 21, 10, 120},
          {"2016-02-21T10:30:00-0500", 2016, 2, 21, 10, -300},
          {"  1987-02-26T15:01:01Z ", 1987, 2, 26, 15, 0},
          {"2016-02-29", 2016, 2, 29, -1, 0},
      }));
  CAPTURE(text);
  DateTime d;
  REQUIRE(gazette::parse_iso_date(text, &d) == "");
  CHECK(d.year == year);
  CHECK(d.month == month);
  CHECK(d.day == day);
  CHECK(d.hour == hour);
  CHECK(d.utc_offset_min == offset);
}

TEST_CASE("parse_iso_date rejects impossible and partial dates with a reason", "[date]") {
  auto [text, reason] = GENERATE(table<const char*, const char*>({
      {"2016-13-45", "month 13 out of range"},
      {"2015-02-29", "day 29 out of range for 2015-02"},
      {"2016-02", "a date needs a day"},
      {"2016", "a date needs a month and a day"},
      {"yesterday", "expected a 4-digit year"},
      {"2016-02-21T25:00", "hour 25 out of range"},
      {"2016-02-21 and more", "expected a 2-digit hour"},
      {"", "empty date"},
  }));
  CAPTURE(text);
  DateTime d;
  CHECK(gazette::parse_iso_date(text, &d) == reason);
  CHECK_FALSE(d.valid());
}

TEST_CASE("sort keys are UTC and day keys keep the written calendar date", "[date]") {
  DateTime d;
  REQUIRE(gazette::parse_iso_date("2016-03-01T01:30:00+02:00", &d).empty());
  CHECK(gazette::day_key(d) == "20160301");
  CHECK(gazette::sort_key(d) == "20160229233000");
  CHECK(gazette::iso_day(d) == "2016-03-01");
  CHECK(gazette::iso_datetime(d) == "2016-03-01T01:30:00+02:00");
  REQUIRE(gazette::parse_iso_date("1999-12-31T23:00:00-01:30", &d).empty());
  CHECK(gazette::sort_key(d) == "20000101003000");
  REQUIRE(gazette::parse_iso_date("2016-03-01", &d).empty());
  CHECK(gazette::sort_key(d) == "20160301000000");
  CHECK(gazette::iso_datetime(d) == "2016-03-01");
}

TEST_CASE("iso_datetime round-trips through parse_iso_date", "[date]") {
  for (const char* text : {"2016-02-21T10:30:05Z", "2016-02-21T10:30:05-05:00", "2016-02-21"}) {
    DateTime a, b;
    REQUIRE(gazette::parse_iso_date(text, &a).empty());
    REQUIRE(gazette::parse_iso_date(gazette::iso_datetime(a), &b).empty());
    CHECK(a == b);
  }
}

TEST_CASE("parse_date_bound expands years and months to their first and last day", "[date]") {
  DateTime lo, hi;
  REQUIRE(gazette::parse_date_bound("2016", &lo, &hi));
  CHECK(gazette::day_key(lo) == "20160101");
  CHECK(gazette::day_key(hi) == "20161231");
  REQUIRE(gazette::parse_date_bound("2016-02", &lo, &hi));
  CHECK(gazette::day_key(lo) == "20160201");
  CHECK(gazette::day_key(hi) == "20160229");
  REQUIRE(gazette::parse_date_bound("2015-02", &lo, &hi));
  CHECK(gazette::day_key(hi) == "20150228");
  REQUIRE(gazette::parse_date_bound("2016-02-21", &lo, &hi));
  CHECK(gazette::day_key(lo) == gazette::day_key(hi));
  CHECK_FALSE(gazette::parse_date_bound("2016-13", &lo, &hi));
  CHECK_FALSE(gazette::parse_date_bound("2016-02-30", &lo, &hi));
  CHECK_FALSE(gazette::parse_date_bound("16", &lo, &hi));
}

TEST_CASE("parse_day_key inverts day_key", "[date]") {
  DateTime d;
  REQUIRE(gazette::parse_day_key("19870226", &d));
  CHECK(gazette::iso_day(d) == "1987-02-26");
  CHECK_FALSE(gazette::parse_day_key("19871326", &d));
  CHECK_FALSE(gazette::parse_day_key("1987022", &d));
}

TEST_CASE("day numbers count from 1970-01-01 and invert", "[date]") {
  gazette::DateTime d;
  REQUIRE(gazette::parse_day_key("19700101", &d));
  CHECK(gazette::days_since_epoch(d) == 0);
  REQUIRE(gazette::parse_day_key("19870226", &d));
  CHECK(gazette::days_since_epoch(d) == 6265);
  CHECK(gazette::iso_day(gazette::date_from_days(6265)) == "1987-02-26");
  CHECK(gazette::iso_day(gazette::date_from_days(-1)) == "1969-12-31");
  CHECK(gazette::iso_day(gazette::date_from_days(16861)) == "2016-03-01");
}

TEST_CASE("date_from_unix_time gives the UTC date and time, before 1970 too", "[date]") {
  gazette::DateTime d;
  REQUIRE(gazette::date_from_unix_time(0, &d));
  CHECK(gazette::iso_datetime(d) == "1970-01-01T00:00:00Z");
  REQUIRE(gazette::date_from_unix_time(541347661, &d));
  CHECK(gazette::iso_datetime(d) == "1987-02-26T14:21:01Z");
  REQUIRE(gazette::date_from_unix_time(1455960600.75, &d));  // fraction dropped
  CHECK(gazette::iso_datetime(d) == "2016-02-20T09:30:00Z");
  REQUIRE(gazette::date_from_unix_time(-1, &d));
  CHECK(gazette::iso_datetime(d) == "1969-12-31T23:59:59Z");
  REQUIRE(gazette::date_from_unix_time(-0.5, &d));  // toward the earlier second
  CHECK(gazette::iso_datetime(d) == "1969-12-31T23:59:59Z");
  REQUIRE(gazette::date_from_unix_time(-62135596800.0, &d));
  CHECK(gazette::iso_datetime(d) == "0001-01-01T00:00:00Z");
  REQUIRE(gazette::date_from_unix_time(253402300799.0, &d));
  CHECK(gazette::iso_datetime(d) == "9999-12-31T23:59:59Z");
  CHECK_FALSE(gazette::date_from_unix_time(253402300800.0, &d));
  CHECK_FALSE(d.valid());
  CHECK_FALSE(gazette::date_from_unix_time(-62135596801.0, &d));
  CHECK_FALSE(gazette::date_from_unix_time(std::nan(""), &d));
  CHECK_FALSE(gazette::date_from_unix_time(1e300, &d));
}

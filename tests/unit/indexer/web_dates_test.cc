#include "indexer/web_dates.h"

#include <catch2/catch.hpp>

TEST_CASE("web dates in their common forms", "[web_dates]") {
  auto [text, want] = GENERATE(table<std::string, std::string>({
      {"2016-02-21", "2016-02-21"},
      {"2016-02-21T10:30:00Z", "2016-02-21T10:30:00Z"},
      {"20160221T103000+0100", "2016-02-21T10:30:00+01:00"},
      {"Sun, 21 Feb 2016 10:30:00 GMT", "2016-02-21T10:30:00Z"},
      {"21 Feb 2016 10:30 +0200", "2016-02-21T10:30:00+02:00"},
      {"Sun, 21 Feb 16 10:30:00 EST", "2016-02-21T10:30:00-05:00"},
      {"Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T04:00:00-07:00"},
      {"21 February 2016", "2016-02-21"},
      {"February 21, 2016", "2016-02-21"},
      {"Feb. 21, 2016 3:05 PM", "2016-02-21T15:05:00Z"},
      {"Sunday, Sept 4, 2016", "2016-09-04"},
  }));
  CAPTURE(text);
  gazette::DateTime d;
  REQUIRE(gazette::parse_web_date(text, &d).empty());
  CHECK(gazette::iso_datetime(d) == want);
}

TEST_CASE("malformed web dates are rejected with a reason", "[web_dates]") {
  auto text = GENERATE(as<std::string>{}, "", "yesterday", "31 Feb 2016", "Sun, 21 Foo 2016",
                       "2016-13-01", "February 30, 2016", "21 Feb 2016 25:00", "12345");
  CAPTURE(text);
  gazette::DateTime d;
  CHECK_FALSE(gazette::parse_web_date(text, &d).empty());
  CHECK_FALSE(d.valid());
  CHECK_FALSE(gazette::parse_rfc822_date(text, &d).empty());
}

TEST_CASE("numbers as dates: YYYYMMDD when it is a calendar date, else Unix time", "[web_dates]") {
  gazette::DateTime d;
  REQUIRE(gazette::date_from_number(20160221, &d));
  CHECK(gazette::iso_datetime(d) == "2016-02-21");
  REQUIRE(gazette::date_from_number(20161399, &d));  // not a calendar date: seconds
  CHECK(gazette::iso_datetime(d) == "1970-08-22T08:23:19Z");
  REQUIRE(gazette::date_from_number(1456050600, &d));
  CHECK(gazette::iso_datetime(d) == "2016-02-21T10:30:00Z");
  REQUIRE(gazette::date_from_number(1456050600000.0, &d));  // milliseconds
  CHECK(gazette::iso_datetime(d) == "2016-02-21T10:30:00Z");
  CHECK_FALSE(gazette::date_from_number(1e20, &d));
  REQUIRE(gazette::parse_date_value("1456050600.5", &d) == "");
  CHECK(gazette::iso_datetime(d) == "2016-02-21T10:30:00Z");
  REQUIRE(gazette::parse_date_value("-86400", &d) == "");
  CHECK(gazette::iso_day(d) == "1969-12-31");
  REQUIRE(gazette::parse_date_value("20160221", &d) == "");
  CHECK(gazette::iso_day(d) == "2016-02-21");
  REQUIRE(gazette::parse_date_value("Feb 21, 2016", &d) == "");
  CHECK(gazette::iso_day(d) == "2016-02-21");
  CHECK(gazette::parse_date_value("99999999999999999999", &d) == "Unix time out of range");
  CHECK_FALSE(gazette::parse_date_value("12:30", &d).empty());
}

#include "common/ner/dateline.h"

#include <catch2/catch.hpp>

#include <string>

namespace ner = gazette::ner;

TEST_CASE("find_text_date reads datelines and written dates", "[ner][dateline]") {
  auto [dateline, body, want] = GENERATE(table<std::string, std::string, std::string>({
      {"", "WASHINGTON, Feb. 21, 2016 - Officials said", "2016-02-21"},
      {"", "Published February 3, 2015. The minister", "2015-02-03"},
      {"", "LONDON 21 March 2017 (Gazette) - Talks", "2017-03-21"},
      {"", "Updated 2014-10-09 12:00 by staff", "2014-10-09"},
      {"WASHINGTON, Feb 26 (Reuters) -", "Sales in 2015 were lower than in 2014.", "2015-02-26"},
      {"", "SALVADOR, Feb 26 - Cocoa rains continued. Output in 1986 fell.", "1986-02-26"},
      {"", "No date here, only 45 people and 2 cities.", ""},
      {"", "BEIRUT, Feb 30 (Reuters) - in 2016", ""},
      {"", "WASHINGTON, Feb 26 (Reuters) - No year anywhere.", ""},
  }));
  CAPTURE(dateline, body);
  gazette::DateTime d;
  bool found = ner::find_text_date(dateline, "", body, &d);
  CHECK(found == !want.empty());
  if (found) CHECK(gazette::iso_day(d) == want);
}

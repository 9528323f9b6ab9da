#include <catch2/catch.hpp>

#include "tests/unit/indexer/format_fixtures.h"

using gazette::test::Collector;
using gazette::test::fixture;
using gazette::test::read_path;

TEST_CASE("an RSS 2.0 feed gives one article per item", "[feed_reader]") {
  Collector c = read_path(fixture("gazette-wire.rss"));
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 3);
  const gazette::Article& a = c.articles[0];
  CHECK(a.title == "Copper Hits Four-Year High on Supply Worries");
  CHECK(a.id == "https://example.org/gazette-wire/markets#10481");  // non-URI guid qualified
  CHECK(a.url == "https://example.org/gazette-wire/markets/2021/02/22/copper-high");
  CHECK(gazette::iso_datetime(a.date) == "2021-02-22T16:45:00Z");
  CHECK(a.source == "Gazette Wire – Markets");
  CHECK(a.topics == std::vector<std::string>{"commodities", "metals"});
  // content:encoded wins over description; its markup and share box are gone.
  CHECK(a.body ==
        "Copper prices rose to their highest level in four years on Monday, as strikes at two "
        "mines in the south of the country threatened supply.\n\nTraders said stocks in "
        "exchange warehouses had fallen by a third since January.");
  const gazette::Article& b = c.articles[1];
  CHECK(b.id == "https://example.org/gazette-wire/markets/2021/02/23/rates-hold");
  CHECK(gazette::iso_datetime(b.date) == "2021-02-23T11:00:00+01:00");
  CHECK(b.body.find("Governor Ilse Brandt said inflation & wages") != std::string::npos);
  CHECK(b.body.find("<p>") == std::string::npos);
  const gazette::Article& d = c.articles[2];
  CHECK(d.id.empty());  // no guid: derived from the url later
  CHECK(gazette::iso_datetime(d.date) == "2021-02-24T07:30:00Z");  // dc:date
  CHECK(d.topics == std::vector<std::string>{"shipping"});
  CHECK(d.origin.line == 27);  // the line of its <item>
}

TEST_CASE("an Atom feed gives one article per entry", "[feed_reader]") {
  Collector c = read_path(fixture("harbour-times.atom"));
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 2);
  const gazette::Article& a = c.articles[0];
  CHECK(a.title == "Ferry Strike Ends After Nine Days");  // type="html" title
  CHECK(a.id == "tag:example.org,2019:ferry-strike-ends");
  CHECK(a.url == "https://example.org/harbour-times/2019/04/01/ferry-strike-ends");
  CHECK(gazette::iso_datetime(a.date) == "2019-04-01T18:20:00+02:00");  // published over updated
  CHECK(a.source == "The Harbour Times");
  CHECK(a.topics == std::vector<std::string>{"Transport", "labour"});
  CHECK(a.body.rfind("Ferry crews returned to work on Monday evening", 0) == 0);  // xhtml content
  const gazette::Article& b = c.articles[1];
  CHECK(gazette::iso_datetime(b.date) == "2019-04-02T09:00:00Z");
  CHECK(b.body == "The old lighthouse on the north mole will reopen in June as a maritime museum, "
                  "the council said.");
}

TEST_CASE("feeds with errors keep their readable items", "[feed_reader]") {
  gazette::test::TempDir dir;
  // A bare '&' and an undeclared entity (recovered), a bad date (warning),
  // then the file breaks off.
  std::string path = dir.write("broken.xml", R"(<?xml version="1.0"?>
<rss version="2.0"><channel><title>Feed & Co</title>
<item><title>Fish &amp; chips&nbsp;night</title><description>Good.</description><pubDate>someday</pubDate></item>
<item><title>Second</title><description>Also good.</description></item>
<item><title>Third</title><descri)");
  Collector c = read_path(path);
  REQUIRE(c.articles.size() >= 2);
  CHECK(c.articles[0].title == "Fish & chips night");
  CHECK_FALSE(c.articles[0].date.valid());
  REQUIRE(c.articles[0].warnings.size() == 1);
  CHECK(c.articles[0].warnings[0].reason == "bad-date");
  CHECK(c.articles[1].title == "Second");
  CHECK(c.count("invalid-xml") == 1);

  path = dir.write("empty.rss", "<rss><channel><title>Nothing</title></channel></rss>");
  c = read_path(path);
  CHECK(c.articles.empty());
  CHECK(c.count("empty-article") == 1);
}

TEST_CASE("the feed reader survives truncated and corrupted feeds", "[feed_reader]") {
  gazette::test::check_survives_damage("gazette-wire.rss", ".rss");
  gazette::test::check_survives_damage("harbour-times.atom", ".atom");
}

#include <catch2/catch.hpp>

#include "tests/unit/indexer/format_fixtures.h"

using gazette::test::Collector;
using gazette::test::fixture;
using gazette::test::read_path;

TEST_CASE("a NITF document gives its headline, body, dates and tagged entities", "[nitf_reader]") {
  Collector c = read_path(fixture("vienna-talks.xml"));
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 1);
  const gazette::Article& a = c.articles[0];
  CHECK(a.id == "gw-nitf-2018-0042");
  CHECK(a.title == "Ministers Resume Water Treaty Talks in Vienna");
  CHECK(gazette::iso_datetime(a.date) == "2018-06-11T09:30:00+02:00");
  CHECK(a.source == "Gazette Wire");
  CHECK(a.url == "https://example.org/gazette-wire/2018/06/11/water-treaty-talks");
  CHECK(a.dateline == "VIENNA, June 11");
  // Only the full_text block (the lead block repeats it); no caption; &nbsp;
  // and &mdash; resolved without the DTD.
  CHECK(a.body.rfind("Water ministers from six countries returned to the negotiating table on "
                     "Monday, hoping",
                     0) == 0);
  CHECK(a.body.find("three-month pause — the longest") != std::string::npos);
  CHECK(a.body.find("Delegates arrive") == std::string::npos);
  CHECK(std::count(a.body.begin(), a.body.end(), '\n') == 4);
  CHECK(a.has_entity_metadata);
  CHECK(a.persons == std::vector<std::string>{"Eszter Varga", "Daniel Okafor", "Jonas Berg"});
  CHECK(a.places == std::vector<std::string>{"Vienna", "Danube"});
  CHECK(a.groups == std::vector<std::string>{"Danube Basin Commission"});
  CHECK(a.topics == std::vector<std::string>{"diplomacy", "Water", "treaties"});
  CHECK(a.origin.line == 3);
}

TEST_CASE("NITF dates fall back and malformed XML is reported with its line", "[nitf_reader]") {
  gazette::test::TempDir dir;
  std::string path = dir.write("d.nitf", R"(<nitf><head><docdata><date.release norm="2018-13-01"/>
<date.issue norm="20180102"/></docdata></head><body><body.content><p>Text.</p></body.content></body></nitf>)");
  Collector c = read_path(path);
  REQUIRE(c.articles.size() == 1);
  CHECK(gazette::iso_day(c.articles[0].date) == "2018-01-02");
  CHECK_FALSE(c.articles[0].has_entity_metadata);

  path = dir.write("bad.xml", "<?xml version=\"1.0\"?>\n<nitf><head>\n<title>T</title></head>\n<body><p>x</body></nitf>");
  c = read_path(path);
  CHECK(c.articles.empty());
  REQUIRE(c.count("invalid-xml") == 1);
  CHECK(c.problems[0].origin.line >= 4);

  path = dir.write("other.xml", "<?xml version=\"1.0\"?><catalog><book/></catalog>");
  c = read_path(path);
  CHECK(c.articles.empty());
  CHECK(c.count("unknown-xml") == 1);

  // An entity bomb is not expanded.
  path = dir.write("bomb.xml", R"(<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY a "aaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<nitf><body><body.content><p>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</p></body.content></body></nitf>)");
  c = read_path(path);
  for (const gazette::Article& a : c.articles) CHECK(a.body.size() < 1000);
}

TEST_CASE("the NITF reader survives truncated and corrupted documents", "[nitf_reader]") {
  gazette::test::check_survives_damage("vienna-talks.xml", ".xml");
}

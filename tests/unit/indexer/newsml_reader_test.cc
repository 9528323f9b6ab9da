#include <catch2/catch.hpp>

#include "tests/unit/indexer/format_fixtures.h"

using gazette::test::Collector;
using gazette::test::fixture;
using gazette::test::read_path;
using Strings = std::vector<std::string>;

TEST_CASE("an RCV1 newsitem gives its headline, text, date, source and topic codes",
          "[newsml_reader]") {
  Collector c = read_path(fixture("4417newsML.xml"));
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 1);
  const gazette::Article& a = c.articles[0];
  CHECK(a.id == "4417");
  CHECK(a.origin.where == "itemid 4417");
  CHECK(a.title == "Fjord salmon farms report record autumn harvest.");
  CHECK(a.dateline == "BERGEN 1996-08-21");
  CHECK(gazette::iso_day(a.date) == "1996-08-21");
  CHECK(a.source == "Fjord Wire");
  CHECK(a.topics == Strings{"C24", "CCAT"});
  CHECK(a.body.rfind("Salmon farms along the western fjords", 0) == 0);
  CHECK(a.body.find("low, the Norwegian fish farmers' association said on Wednesday.\n\n"
                    "Association chairman") != std::string::npos);
  CHECK(a.body.find("Coding Desk") == std::string::npos);
  // Region codes are no names: the entities come from the text.
  CHECK_FALSE(a.has_entity_metadata);
  CHECK(a.places.empty());
}

TEST_CASE("a NewsML-G2 message gives each news item; packages are skipped", "[newsml_reader]") {
  Collector c = read_path(fixture("g2-message.xml"));
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 2);
  const gazette::Article& a = c.articles[0];
  CHECK(a.id == "urn:newsml:gazette.example:20221103:tram-depot");
  CHECK(a.title == "New Tram Depot Opens on the Lakeshore");
  CHECK(a.dateline == "LINDAU, Nov 3");
  CHECK(gazette::iso_datetime(a.date) == "2022-11-03T09:30:00+01:00");  // contentCreated first
  CHECK(a.source == "Lakeside Press");
  CHECK(a.body ==
        "A tram depot with room for thirty cars opened on the lakeshore on Thursday.\n\n"
        "Transit director Mira Haldane said the depot would let night services run until two.");
  CHECK(a.has_entity_metadata);
  CHECK(a.persons == Strings{"Mira Haldane"});
  CHECK(a.places == Strings{"Lindau", "Bavaria"});
  CHECK(a.groups == Strings{"Lakeside Transit Authority"});
  CHECK(a.topics == Strings{"public transport"});
  const gazette::Article& b = c.articles[1];
  CHECK(b.title == "Ferry Fares Frozen for Winter");
  CHECK(gazette::iso_datetime(b.date) == "2022-11-03T11:15:00Z");  // firstCreated
  CHECK(b.source == "Lakeside Press");
  CHECK(b.body == "Ferry fares across the lake will not rise before March, the operator said.");
  CHECK_FALSE(b.has_entity_metadata);
}

TEST_CASE("NewsML: unknown XML, broken XML, and damaged copies of the fixtures",
          "[newsml_reader]") {
  Collector none = gazette::test::read_written(
      "x.xml", "<?xml version=\"1.0\"?><catalog><book>t</book></catalog>");
  REQUIRE(none.problems.size() == 1);
  CHECK(none.problems[0].reason == "unknown-xml");
  CHECK(none.problems[0].message.find("NewsML") != std::string::npos);
  Collector cut = gazette::test::read_written(
      "cut.xml",
      "<?xml version=\"1.0\"?>\n<newsitem itemid=\"1\" date=\"1996-08-20\">\n"
      "<headline>Cut</headline>\n<text><p>Never closed");
  CHECK(cut.articles.empty());
  REQUIRE(cut.problems.size() == 1);
  CHECK(cut.problems[0].reason == "invalid-xml");
  gazette::test::check_survives_damage("4417newsML.xml", ".xml");
  gazette::test::check_survives_damage("g2-message.xml", ".xml");
}

#include "tests/unit/indexer/format_fixtures.h"

namespace {

using gazette::test::Collector;

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("CSV: the header names the columns, quoted cells hold commas, quotes and line breaks",
          "[csv]") {
  Collector c = gazette::test::read_written(
      "news.csv",
      "\xEF\xBB\xBFId,Title,Publication,Date,Content,URL,persons,places\r\n"
      "k1,Wheat prices rise,Herald,2016-02-21,\"Farmers in Kansas, Nebraska said "
      "\"\"enough\"\".\r\n"
      "Second paragraph.\",https://x.org/k1,Ann Lee;Bo Chan,\"Washington, D.C.\"\r\n"
      "\r\n"
      "k2,Port closes,Wire,1456050600,The port closed.,,\"['Carl Diaz', 'Dee \\'D\\' "
      "Evans']\",[\"Houston\"]\r\n");
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 2);
  const gazette::Article& a = c.articles[0];
  CHECK(a.id == "k1");
  CHECK(a.title == "Wheat prices rise");
  CHECK(a.source == "Herald");
  CHECK(gazette::iso_day(a.date) == "2016-02-21");
  CHECK(a.body == "Farmers in Kansas, Nebraska said \"enough\".\nSecond paragraph.");
  CHECK(a.url == "https://x.org/k1");
  CHECK(a.persons == Strings{"Ann Lee", "Bo Chan"});
  CHECK(a.places == Strings{"Washington, D.C."});
  CHECK(a.has_entity_metadata);
  CHECK(a.origin.line == 2);
  CHECK(a.warnings.empty());
  const gazette::Article& b = c.articles[1];
  CHECK(b.origin.line == 5);
  CHECK(gazette::iso_datetime(b.date) == "2016-02-21T10:30:00Z");
  CHECK(b.url.empty());
  CHECK(b.persons == Strings{"Carl Diaz", "Dee 'D' Evans"});
  CHECK(b.places == Strings{"Houston"});
}

TEST_CASE("CSV: tab and semicolon delimiters, any case, --field, dates and lists", "[csv]") {
  Collector tsv = gazette::test::read_written("t.tsv",
                                              "TITLE\tTEXT\tPUBLISHED_AT\tTags\n"
                                              "Tabbed\tBody, with a comma\t20160221\tfarm|trade\n");
  REQUIRE(tsv.articles.size() == 1);
  CHECK(tsv.articles[0].title == "Tabbed");
  CHECK(tsv.articles[0].body == "Body, with a comma");
  CHECK(gazette::iso_datetime(tsv.articles[0].date) == "2016-02-21");
  CHECK(tsv.articles[0].topics == Strings{"farm", "trade"});
  CHECK_FALSE(tsv.articles[0].has_entity_metadata);

  gazette::ReaderOptions options;
  REQUIRE(options.fields.set("body=article_text").empty());
  REQUIRE(options.fields.set("date=when").empty());
  Collector semi = gazette::test::read_written("s.csv",
                                               "title;article_text;when;text\n"
                                               "Semi;Mapped body;21 Feb 2016;not read\n"
                                               "Bad date;b;yesterday;x\n",
                                               options);
  REQUIRE(semi.articles.size() == 2);
  CHECK(semi.articles[0].body == "Mapped body");
  CHECK(gazette::iso_day(semi.articles[0].date) == "2016-02-21");
  CHECK_FALSE(semi.articles[1].date.valid());
  REQUIRE(semi.articles[1].warnings.size() == 1);
  CHECK(semi.articles[1].warnings[0].reason == "bad-date");
  CHECK(semi.articles[1].warnings[0].field == "when");
  CHECK(semi.articles[1].warnings[0].message.find("'yesterday'") != std::string::npos);
}

TEST_CASE("CSV: bad rows cost only themselves, a quote never closed the rest of the file",
          "[csv]") {
  gazette::ReaderOptions options;
  options.max_article_bytes = 64;
  Collector c = gazette::test::read_written("bad.csv",
                                            "id,title,body\n"
                                            "r1,Ragged,b,extra\n"
                                            "r2,Short\n"
                                            ",,\n"
                                            "r3,Too long," +
                                                std::string(100, 'x') +
                                                "\n"
                                                "r4,Latin,caf\xe9\n"
                                                "r5,\"Open quote,b\n"
                                                "r6,Never read,b\n",
                                            options);
  REQUIRE(c.articles.size() == 3);
  CHECK(c.articles[0].id == "r1");
  REQUIRE(c.articles[0].warnings.size() == 1);
  CHECK(c.articles[0].warnings[0].reason == "ragged-row");
  CHECK(c.articles[0].warnings[0].message == "4 cells where the header has 3 (extra ignored)");
  CHECK(c.articles[1].id == "r2");
  CHECK(c.articles[1].title == "Short");
  CHECK(c.articles[1].warnings.at(0).reason == "ragged-row");
  CHECK(c.articles[2].id == "r4");
  CHECK(c.articles[2].body == "café");
  CHECK(c.articles[2].warnings.at(0).reason == "invalid-utf8");
  REQUIRE(c.problems.size() == 3);
  CHECK(c.problems[0].reason == "empty-article");
  CHECK(c.problems[0].origin.line == 4);
  CHECK(c.problems[1].reason == "too-large");
  CHECK(c.problems[1].origin.line == 5);
  CHECK(c.problems[2].reason == "broken-csv");
  CHECK(c.problems[2].origin.line == 7);
}

TEST_CASE("CSV: a header without a known column skips the file; an empty file is no article",
          "[csv]") {
  Collector unknown = gazette::test::read_written("u.csv", "colour,size\nred,3\n");
  CHECK(unknown.articles.empty());
  REQUIRE(unknown.problems.size() == 1);
  CHECK(unknown.problems[0].reason == "broken-csv");
  CHECK(unknown.problems[0].message.find("--field") != std::string::npos);
  Collector empty = gazette::test::read_written("e.csv", "");
  CHECK(empty.articles.empty());
  CHECK(empty.problems.empty());
  Collector header_only = gazette::test::read_written("h.csv", "\n\ntitle,body\n");
  CHECK(header_only.articles.empty());
  CHECK(header_only.problems.empty());
}

TEST_CASE("CSV: the fixture, cut and corrupted, never crashes or hangs the reader", "[csv]") {
  gazette::test::Collector c =
      gazette::test::read_path(gazette::test::fixture("valley-ledger.csv"));
  REQUIRE(c.articles.size() == 2);
  CHECK(c.problems.empty());
  CHECK(c.articles[0].topics == Strings{"industry", "energy"});
  CHECK(c.articles[1].topics == Strings{"agriculture", "weather"});
  gazette::test::check_survives_damage("valley-ledger.csv", ".csv");
}

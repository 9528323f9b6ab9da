// JSON documents (.json): arrays of articles, wrapping objects, article
// objects one after another, and what happens when the JSON breaks.
#include "tests/unit/indexer/format_fixtures.h"

namespace {

using gazette::test::Collector;
using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("JSON: a pretty-printed array of articles, each with its line and element", "[json]") {
  Collector c =
      gazette::test::read_written("a.json",
                                  "\xEF\xBB\xBF[\n"
                                  "  {\n"
                                  "    \"id\": \"a1\",\n"
                                  "    \"title\": \"Wheat [prices] {rise}\",\n"
                                  "    \"body\": \"Farmers said \\\"enough\\\".\\nSecond line.\",\n"
                                  "    \"date\": \"2016-02-21\",\n"
                                  "    \"persons\": [\"Ann Lee\"]\n"
                                  "  },\n"
                                  "  {\"id\": 7, \"title\": \"Port closes\", \"body\": \"Shut.\"}\n"
                                  "]\n");
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 2);
  const gazette::Article& a = c.articles[0];
  CHECK(a.id == "a1");
  CHECK(a.title == "Wheat [prices] {rise}");
  CHECK(a.body == "Farmers said \"enough\".\nSecond line.");
  CHECK(gazette::iso_day(a.date) == "2016-02-21");
  CHECK(a.persons == Strings{"Ann Lee"});
  CHECK(a.origin.line == 2);
  CHECK(a.origin.where == "element 1");
  CHECK(c.articles[1].id == "7");
  CHECK(c.articles[1].origin.line == 9);
  CHECK(c.articles[1].origin.where == "element 2");
}

TEST_CASE("JSON: wrappers of NewsAPI, the NYT archive and Elasticsearch", "[json]") {
  SECTION("NewsAPI: articles, a source object, publishedAt, description without content") {
    Collector c = gazette::test::read_written(
        "newsapi.json",
        R"({"status":"ok","totalResults":2,"articles":[)"
        R"({"source":{"id":null,"name":"BBC News"},"title":"Floods recede","description":"Short.",)"
        R"("url":"https://b.example/1","publishedAt":"2020-02-17T09:30:00Z","content":"Full text."},)"
        R"({"source":{"id":"x","name":"Wire"},"title":"Late ferry","description":"Only a summary.",)"
        R"("publishedAt":"2020-02-18T10:00:00Z","content":null}]})");
    REQUIRE(c.problems.empty());
    REQUIRE(c.articles.size() == 2);
    CHECK(c.articles[0].source == "BBC News");
    CHECK(c.articles[0].body == "Full text.");  // content before description
    CHECK(c.articles[0].url == "https://b.example/1");
    CHECK(gazette::iso_datetime(c.articles[0].date) == "2020-02-17T09:30:00Z");
    CHECK(c.articles[0].warnings.empty());
    CHECK(c.articles[1].body == "Only a summary.");
    CHECK(c.articles[1].id.empty());  // the indexer derives one
  }
  SECTION("NYT archive: response.docs, headline.main, pub_date, web_url, _id") {
    Collector c = gazette::test::read_written(
        "nyt.json",
        "{\n \"status\": \"OK\",\n \"response\": {\n  \"docs\": [\n"
        R"(   {"_id":"nyt://article/1","headline":{"main":"Mayor Wins","kicker":null},)"
        R"("abstract":"The mayor won.","pub_date":"1987-03-01T05:00:00+0000",)"
        R"("web_url":"https://n.example/1","keywords":[{"name":"persons","value":"X"}]})"
        "\n  ],\n  \"meta\": {\"hits\": 1}\n }\n}\n");
    REQUIRE(c.problems.empty());
    REQUIRE(c.articles.size() == 1);
    const gazette::Article& a = c.articles[0];
    CHECK(a.id == "nyt://article/1");
    CHECK(a.title == "Mayor Wins");
    CHECK(a.body == "The mayor won.");
    CHECK(gazette::iso_day(a.date) == "1987-03-01");
    CHECK(a.url == "https://n.example/1");
    CHECK(a.origin.line == 5);
  }
  SECTION("Elasticsearch: hits.hits, each article in _source, its id in _id") {
    Collector c = gazette::test::read_written(
        "es.json",
        R"({"took":3,"hits":{"total":{"value":2},"hits":[)"
        R"({"_index":"news","_id":"e1","_source":{"title":"One","body":"First."}},)"
        R"({"_index":"news","_id":"e2","_source":{"id":"own","title":"Two","body":"Second."}}]}})");
    REQUIRE(c.problems.empty());
    REQUIRE(c.articles.size() == 2);
    CHECK(c.articles[0].id == "e1");
    CHECK(c.articles[0].body == "First.");
    CHECK(c.articles[1].id == "own");  // the source's own id wins
  }
  SECTION("an RSS feed converted to JSON: rss.channel.item, guid, pubDate, description") {
    Collector c = gazette::test::read_written(
        "feed.json",
        R"({"rss":{"version":"2.0","channel":{"title":"Wire","item":[)"
        R"({"title":"Dam opens","link":"https://w.example/1","guid":"w-1",)"
        R"("pubDate":"Tue, 01 Mar 2022 09:00:00 GMT","description":"The dam opened."}]}}})");
    REQUIRE(c.problems.empty());
    REQUIRE(c.articles.size() == 1);
    CHECK(c.articles[0].id == "w-1");
    CHECK(c.articles[0].body == "The dam opened.");
    CHECK(gazette::iso_day(c.articles[0].date) == "2022-03-01");
    CHECK(c.articles[0].url == "https://w.example/1");
  }
  SECTION("an empty wrapper holds no article; a MongoDB $oid is an id") {
    CHECK(gazette::test::read_written("e.json", R"({"articles": []})").articles.empty());
    CHECK(gazette::test::read_written("e.json", R"({"articles": []})").problems.empty());
    Collector m = gazette::test::read_written(
        "m.json", R"([{"_id":{"$oid":"5a1b2c"},"title":"T","text":"B"}])");
    REQUIRE(m.articles.size() == 1);
    CHECK(m.articles[0].id == "5a1b2c");
  }
}

TEST_CASE("JSON: one article, or articles one after another; lists inside articles stay fields",
          "[json]") {
  Collector one = gazette::test::read_written(
      "one.json",
      "{\n  \"id\": \"s1\",\n  \"title\": \"Alone\",\n  \"data\": [\"x\", \"y\"],\n"
      "  \"tags\": [\"farm\"]\n}\n");
  REQUIRE(one.problems.empty());
  REQUIRE(one.articles.size() == 1);
  CHECK(one.articles[0].id == "s1");
  CHECK(one.articles[0].topics == Strings{"farm"});
  Collector seq = gazette::test::read_written("seq.json",
                                              "{\n \"id\": \"p1\",\n \"title\": \"First\"\n}\n"
                                              "{\n \"id\": \"p2\",\n \"title\": \"Second\"\n}\n");
  REQUIRE(seq.problems.empty());
  REQUIRE(seq.articles.size() == 2);
  CHECK(seq.articles[1].id == "p2");
  CHECK(seq.articles[1].origin.line == 5);
  // A .json file of JSON Lines is read line by line, as JSON Lines.
  Collector lines = gazette::test::read_written(
      "lines.json",
      "{\"id\":\"l1\",\"title\":\"A\"}\n{\"id\":\"l2\",\"title\":\"B\",oops}\n"
      "{\"id\":\"l3\",\"title\":\"C\"}\n");
  REQUIRE(lines.articles.size() == 2);
  CHECK(lines.articles[1].id == "l3");
  REQUIRE(lines.problems.size() == 1);
  CHECK(lines.problems[0].reason == "invalid-json");
  CHECK(lines.problems[0].origin.line == 2);
}

TEST_CASE("JSON: a file that is one object without id, title or body holds no article", "[json]") {
  // Metadata beside the articles ("story.entities.json"): ignored, as a file
  // of unknown type is, not a skipped article.
  Collector meta = gazette::test::read_written(
      "story.entities.json", "{\n  \"persons\": [\"Ann Lee\"],\n  \"places\": []\n}\n");
  CHECK(meta.articles.empty());
  CHECK(meta.problems.empty());
  CHECK(meta.files_ignored() == 1);
  // Two such objects, or one in a list, are articles without text: skipped.
  Collector two = gazette::test::read_written("two.json", "{\n \"x\": 1\n}\n{\n \"x\": 2\n}\n");
  CHECK(two.count("empty-article") == 2);
  CHECK(two.files_ignored() == 0);
  Collector listed = gazette::test::read_written("list.json", "[{\"x\": 1}]");
  CHECK(listed.count("empty-article") == 1);
  // One object with an id but no text is an article (no-text warning).
  Collector id_only = gazette::test::read_written("id.json", "{\n \"id\": \"k9\"\n}\n");
  REQUIRE(id_only.articles.size() == 1);
  CHECK(id_only.files_ignored() == 0);
}

TEST_CASE("JSON: bad elements are skipped; a break in the structure ends the file", "[json]") {
  Collector c =
      gazette::test::read_written("bad.json",
                                  "[{\"id\":\"a\",\"title\":\"One\"},\n"
                                  " 42,\n"
                                  " {\"id\":\"b\",\"title\":\"Two\",\"body\":\"bad \xFF byte\"},\n"
                                  " {\"id\":\"c\",\"title\":\"Three\", oops},\n"
                                  " {\"id\":\"d\",\"title\":\"Four\"},\n"
                                  " {\"id\":\"e\",\"title\":\"Fi");
  REQUIRE(c.articles.size() == 3);
  CHECK(c.articles[0].id == "a");
  CHECK(c.articles[1].id == "b");
  CHECK(c.articles[1].body == "bad \xC3\xBF byte");
  REQUIRE(c.articles[1].warnings.size() == 1);
  CHECK(c.articles[1].warnings[0].reason == "invalid-utf8");
  CHECK(c.articles[2].id == "d");
  REQUIRE(c.problems.size() == 3);
  CHECK(c.problems[0].reason == "invalid-json");
  CHECK(c.problems[0].origin.line == 2);
  CHECK(c.problems[0].origin.where == "element 2");
  CHECK(c.problems[1].reason == "invalid-json");
  CHECK(c.problems[1].origin.where == "element 4");
  CHECK(c.problems[2].reason == "broken-json");
  CHECK(c.problems[2].origin.line == 6);
  CHECK(c.problems[2].message.find("never closes") != std::string::npos);

  Collector stray =
      gazette::test::read_written("stray.json", "[{\"id\":\"a\",\"title\":\"One\"}, } ]");
  CHECK(stray.articles.size() == 1);
  REQUIRE(stray.problems.size() == 1);
  CHECK(stray.problems[0].reason == "broken-json");

  gazette::ReaderOptions small;
  small.max_article_bytes = 64;
  Collector big = gazette::test::read_written(
      "big.json", "[{\"id\":\"a\",\"body\":\"" + std::string(200, 'x') + "\"},{\"id\":\"b\"}]",
      small);
  REQUIRE(big.articles.size() == 1);
  CHECK(big.articles[0].id == "b");
  REQUIRE(big.problems.size() == 1);
  CHECK(big.problems[0].reason == "too-large");
}

TEST_CASE("JSON: the fixture survives truncation and damage", "[json]") {
  Collector c = gazette::test::read_path(gazette::test::fixture("coast-wire.json"));
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 2);
  CHECK(c.articles[0].title == "Harbour Pilots Train on New Tugboat Simulator");
  gazette::test::check_survives_damage("coast-wire.json", ".json");
}

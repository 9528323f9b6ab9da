#include "indexer/article_reader.h"

#include <catch2/catch.hpp>

#include "tests/support/test_db.h"

namespace {

// Collects what a reader reports.
struct Collector : gazette::ArticleSink {
  std::vector<gazette::Article> articles;
  std::vector<gazette::Problem> problems;
  void accept(gazette::Article&& a) override { articles.push_back(std::move(a)); }
  void reject(gazette::Problem p) override { problems.push_back(std::move(p)); }
  bool stopped() const override { return false; }
};

Collector read_file(const std::string& path, gazette::Format format = gazette::Format::kAuto,
                    const gazette::ReaderOptions& options = {}) {
  Collector c;
  gazette::read_input({path, format}, options, &c);
  return c;
}

}  // namespace

TEST_CASE("JSONL articles carry every documented field", "[article_reader]") {
  gazette::test::TempDir dir;
  std::string path = dir.write(
      "a.jsonl",
      R"({"id":"a1","title":"  Kerry   meets Lavrov ","body":"Body\r\ntext.","date":"2016-02-12T09:00:00Z","source":"Wire","url":"https://example.org/a1","persons":["John Kerry"],"places":["Syria"],"groups":[],"topics":["diplomacy"],"extra":{"nested":[1,2]}})"
      "\n"
      R"({"id":42,"title":"Numeric id","publisher":"Breitbart News","source":"allsides"})"
      "\n");
  Collector c = read_file(path);
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 2);
  const gazette::Article& a = c.articles[0];
  CHECK(a.id == "a1");
  CHECK(a.title == "Kerry meets Lavrov");
  CHECK(a.body == "Body\ntext.");
  CHECK(gazette::iso_datetime(a.date) == "2016-02-12T09:00:00Z");
  CHECK(a.source == "Wire");
  CHECK(a.url == "https://example.org/a1");
  CHECK(a.persons == std::vector<std::string>{"John Kerry"});
  CHECK(a.places == std::vector<std::string>{"Syria"});
  CHECK(a.topics == std::vector<std::string>{"diplomacy"});
  CHECK(a.has_entity_metadata);
  CHECK(a.origin.str() == path + ":1");
  CHECK(c.articles[1].id == "42");
  CHECK(c.articles[1].source == "Breitbart News");
  CHECK_FALSE(c.articles[1].has_entity_metadata);
}

TEST_CASE("a broken JSONL line is reported with file:line and the rest is read",
          "[article_reader]") {
  gazette::test::TempDir dir;
  std::string path = dir.write("b.jsonl",
                               "{\"id\":\"1\",\"title\":\"one\"}\n"
                               "{\"id\":\"2\",\"title\":\"two\"\n"
                               "\n"
                               "[1,2]\n"
                               "{\"id\":\"3\",\"title\":\"three\"} trailing\n"
                               "{\"title\":\"\",\"body\":\"\"}\n"
                               "{\"id\":\"4\",\"title\":\"four\"}");  // no final newline
  Collector c = read_file(path);
  REQUIRE(c.articles.size() == 2);
  CHECK(c.articles[0].id == "1");
  CHECK(c.articles[1].id == "4");
  CHECK(c.articles[1].origin.line == 7);
  REQUIRE(c.problems.size() == 4);
  CHECK(c.problems[0].origin.str() == path + ":2");
  CHECK(c.problems[0].reason == "invalid-json");
  CHECK(c.problems[1].origin.line == 4);
  CHECK(c.problems[1].message == "not a JSON object");
  CHECK(c.problems[2].origin.line == 5);
  CHECK(c.problems[3].reason == "empty-article");
}

TEST_CASE("JSONL repairs: bad dates, wrong types, invalid UTF-8, CRLF, BOM",
          "[article_reader]") {
  gazette::test::TempDir dir;
  std::string path = dir.write(
      "c.jsonl",
      "\xEF\xBB\xBF{\"id\":\"1\",\"title\":\"t\",\"date\":\"2016-13-45\"}\r\n"
      "{\"id\":\"2\",\"title\":\"caf\xe9\",\"persons\":[\"A\",7,null]}\r\n"
      "{\"id\":\"3\",\"title\":5,\"body\":\"b\",\"places\":\"Paris\"}\r\n");
  Collector c = read_file(path);
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 3);
  CHECK_FALSE(c.articles[0].date.valid());
  REQUIRE(c.articles[0].warnings.size() == 1);
  CHECK(c.articles[0].warnings[0].reason == "bad-date");
  CHECK(c.articles[0].warnings[0].field == "date");
  CHECK(c.articles[1].title == "café");
  CHECK(c.articles[1].persons == std::vector<std::string>{"A"});
  REQUIRE(c.articles[1].warnings.size() == 2);
  CHECK(c.articles[1].warnings[0].reason == "invalid-utf8");
  CHECK(c.articles[1].warnings[1].reason == "bad-field");
  CHECK(c.articles[1].warnings[1].message.find("2 value(s) neither a string nor a named object") !=
        std::string::npos);
  CHECK(c.articles[2].title.empty());
  CHECK(c.articles[2].places == std::vector<std::string>{"Paris"});
  CHECK(c.articles[2].warnings.at(0).field == "title");
}

TEST_CASE("JSONL dates: ISO, RFC 822 and written forms, Unix seconds and milliseconds",
          "[article_reader]") {
  gazette::test::TempDir dir;
  std::string path =
      dir.write("d.jsonl",
                "{\"title\":\"t\",\"id\":\"iso\",\"date\":\"2016-02-21T10:30:00+01:00\"}\n"
                "{\"title\":\"t\",\"id\":\"rfc\",\"date\":\"Sun, 21 Feb 2016 10:30:00 -0500\"}\n"
                "{\"title\":\"t\",\"id\":\"written\",\"date\":\"February 21, 2016\"}\n"
                "{\"title\":\"t\",\"id\":\"day-month\",\"date\":\"26 Feb 1987\"}\n"
                "{\"title\":\"t\",\"id\":\"seconds\",\"date\":541347661}\n"
                "{\"title\":\"t\",\"id\":\"millis\",\"date\":1455960600123}\n"
                "{\"title\":\"t\",\"id\":\"fraction\",\"date\":1455960600.5}\n"
                "{\"title\":\"t\",\"id\":\"before-1970\",\"date\":-86400}\n"
                "{\"title\":\"t\",\"id\":\"huge\",\"date\":1e30}\n"
                "{\"title\":\"t\",\"id\":\"words\",\"date\":\"last Tuesday\"}\n"
                "{\"title\":\"t\",\"id\":\"object\",\"date\":{\"year\":2016}}\n"
                "{\"title\":\"t\",\"id\":\"null\",\"date\":null}\n"
                "{\"title\":\"t\",\"id\":\"yyyymmdd\",\"date\":20160221}\n"
                "{\"title\":\"t\",\"id\":\"mongo\",\"date\":{\"$date\":\"2016-02-21T10:30:00Z\"}}\n"
                "{\"title\":\"t\",\"id\":\"long\",\"date\":{\"$date\":{\"$numberLong\":"
                "\"1455960600000\"}}}\n"
                "{\"title\":\"t\",\"id\":\"string-seconds\",\"date\":\"541347661\"}\n");
  Collector c = read_file(path);
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 16);
  auto when = [&](size_t i) {
    const gazette::Article& a = c.articles.at(i);
    return a.date.valid() ? gazette::iso_datetime(a.date) : std::string("none");
  };
  CHECK(when(0) == "2016-02-21T10:30:00+01:00");
  CHECK(when(1) == "2016-02-21T10:30:00-05:00");
  CHECK(when(2) == "2016-02-21");
  CHECK(when(3) == "1987-02-26");
  CHECK(when(4) == "1987-02-26T14:21:01Z");
  CHECK(when(5) == "2016-02-20T09:30:00Z");
  CHECK(when(6) == "2016-02-20T09:30:00Z");
  CHECK(when(7) == "1969-12-31T00:00:00Z");
  for (size_t i = 0; i <= 7; ++i) CHECK(c.articles[i].warnings.empty());
  CHECK(when(8) == "none");
  REQUIRE(c.articles[8].warnings.size() == 1);
  CHECK(c.articles[8].warnings[0].reason == "bad-date");
  CHECK(c.articles[8].warnings[0].message.find("out of range") != std::string::npos);
  CHECK(when(9) == "none");
  REQUIRE(c.articles[9].warnings.size() == 1);
  CHECK(c.articles[9].warnings[0].reason == "bad-date");
  CHECK(c.articles[9].warnings[0].message.find("'last Tuesday'") != std::string::npos);
  CHECK(when(10) == "none");
  REQUIRE(c.articles[10].warnings.size() == 1);
  CHECK(c.articles[10].warnings[0].reason == "bad-field");
  CHECK(c.articles[10].warnings[0].message.find("a string or a number") != std::string::npos);
  CHECK(when(11) == "none");
  CHECK(c.articles[11].warnings.empty());
  CHECK(when(12) == "2016-02-21");
  CHECK(when(13) == "2016-02-21T10:30:00Z");  // MongoDB extended JSON
  CHECK(when(14) == "2016-02-20T09:30:00Z");
  CHECK(when(15) == "1987-02-26T14:21:01Z");  // Unix time in a string
  for (size_t i = 12; i <= 15; ++i) CHECK(c.articles[i].warnings.empty());
}

TEST_CASE("JSONL fields under other names: the field's own name first, null and \"\" skipped",
          "[article_reader]") {
  gazette::test::TempDir dir;
  std::string path = dir.write(
      "aliases.jsonl",
      R"({"id":"a","headline":"Wheat","text":"Body text.","published_at":"2016-02-21","link":"https://x.org/a","people":["Ann Lee"],"locations":"Paris","organizations":["UN"],"tags":["farm"]})"
      "\n"
      R"({"id":"b","title":"Own title","headline":"Other","body":"","content":"From content","publisher":null,"source":"Wire"})"
      "\n"
      R"({"id":"c","title":"t","publisher":42,"source":"Wire","people":null,"persons":["Bo Chan"]})"
      "\n"
      R"({"id":"d","title":"t","body":"b","id2":"x"})"
      "\n");
  Collector c = read_file(path);
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 4);
  const gazette::Article& a = c.articles[0];
  CHECK(a.title == "Wheat");
  CHECK(a.body == "Body text.");
  CHECK(gazette::iso_day(a.date) == "2016-02-21");
  CHECK(a.url == "https://x.org/a");
  CHECK(a.persons == std::vector<std::string>{"Ann Lee"});
  CHECK(a.places == std::vector<std::string>{"Paris"});
  CHECK(a.groups == std::vector<std::string>{"UN"});
  CHECK(a.topics == std::vector<std::string>{"farm"});
  CHECK(a.has_entity_metadata);
  CHECK(a.warnings.empty());
  const gazette::Article& b = c.articles[1];
  CHECK(b.title == "Own title");    // the field's own name wins
  CHECK(b.body == "From content");  // "" says nothing: the next name is read
  CHECK(b.source == "Wire");        // so does null
  CHECK_FALSE(b.has_entity_metadata);
  CHECK(b.warnings.empty());
  const gazette::Article& d = c.articles[2];
  CHECK(d.source == "Wire");  // a value of the wrong type: warned, the next name read
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].reason == "bad-field");
  CHECK(d.warnings[0].field == "publisher");
  CHECK(d.persons == std::vector<std::string>{"Bo Chan"});
  CHECK(c.articles[3].id == "d");
}

TEST_CASE("JSONL with --field: a field from one named key, nested keys too, or from none",
          "[article_reader]") {
  gazette::ReaderOptions options;
  REQUIRE(options.fields.set("body=story.text").empty());
  REQUIRE(options.fields.set("date=meta.when").empty());
  REQUIRE(options.fields.set("title=").empty());
  REQUIRE(options.fields.set("id=ref").empty());
  REQUIRE(options.fields.set("places=geo.names").empty());
  CHECK(options.fields.set("colour=x").find("no field 'colour'") == 0);
  CHECK(options.fields.set("body") == "expected NAME=KEY");
  CHECK_FALSE(options.fields.set("body=a..b").empty());
  CHECK_FALSE(options.fields.set("body=.a").empty());
  gazette::test::TempDir dir;
  std::string path = dir.write(
      "mapped.jsonl",
      R"({"ref":"r1","id":"ignored","title":"ignored","story":{"text":"Nested body."},"meta":{"when":541347661},"geo":{"names":["Oslo"]},"text":"not read"})"
      "\n"
      R"({"ref":"r2","story.text":"A key with a dot, read as written.","story":{"text":"nested"}})"
      "\n"
      R"({"ref":"r3","story":"not an object","title":"x"})"
      "\n");
  Collector c = read_file(path, gazette::Format::kAuto, options);
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 3);
  const gazette::Article& a = c.articles[0];
  CHECK(a.id == "r1");
  CHECK(a.title.empty());
  CHECK(a.body == "Nested body.");
  CHECK(gazette::iso_datetime(a.date) == "1987-02-26T14:21:01Z");
  CHECK(a.places == std::vector<std::string>{"Oslo"});
  CHECK(c.articles[1].body == "A key with a dot, read as written.");
  REQUIRE(c.articles[2].warnings.size() == 1);  // the title is never read: no text at all
  CHECK(c.articles[2].warnings[0].reason == "no-text");
}

TEST_CASE("JSONL entity lists may hold objects that name the entities", "[article_reader]") {
  gazette::ReaderOptions options;
  REQUIRE(options.fields.set("persons=entities.persons").empty());
  REQUIRE(options.fields.set("groups=entities.organizations").empty());
  gazette::test::TempDir dir;
  std::string path = dir.write(
      "entities.jsonl",
      R"({"id":"e1","title":"t","entities":{"persons":[{"name":"Angela Merkel","sentiment":"none"},{"text":"Olaf Scholz"},{"label":"Ursula von der Leyen"},{"type":"PERSON"},{"name":7},"Emmanuel Macron",3],"organizations":[{"name":"European Union","type":"ORG"}]}})"
      "\n");
  Collector c = read_file(path, gazette::Format::kAuto, options);
  REQUIRE(c.articles.size() == 1);
  const gazette::Article& a = c.articles[0];
  CHECK(a.persons == std::vector<std::string>{"Angela Merkel", "Olaf Scholz",
                                              "Ursula von der Leyen", "Emmanuel Macron"});
  CHECK(a.groups == std::vector<std::string>{"European Union"});
  CHECK(a.has_entity_metadata);
  REQUIRE(a.warnings.size() == 1);
  CHECK(a.warnings[0].field == "entities.persons");
  CHECK(a.warnings[0].message.find("3 value(s)") != std::string::npos);
}

TEST_CASE("gzipped JSONL is read transparently", "[article_reader]") {
  gazette::test::TempDir dir;
  std::string plain = dir.write("g.jsonl", "{\"id\":\"z\",\"title\":\"zipped\"}\n");
  REQUIRE(std::system(("gzip -k " + plain).c_str()) == 0);
  Collector c = read_file(plain + ".gz");
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].title == "zipped");
}

TEST_CASE("text files: first non-empty line is the title", "[article_reader]") {
  gazette::test::TempDir dir;
  std::string path = dir.write("2016-02-14_talks.txt",
                               "\n\n  Violence Rages in Syria  \n\nFirst paragraph.\r\n\r\n"
                               "Second “quoted” paragraph.\n\n");
  Collector c = read_file(path);
  REQUIRE(c.articles.size() == 1);
  const gazette::Article& a = c.articles[0];
  CHECK(a.title == "Violence Rages in Syria");
  CHECK(a.body == "First paragraph.\n\nSecond “quoted” paragraph.");
  CHECK(a.id.empty());
  CHECK(gazette::iso_day(a.date) == "2016-02-14");

  std::string binary = dir.write("bin.txt", std::string("\x7f" "ELF\0\0\0", 7));
  Collector b = read_file(binary);
  CHECK(b.articles.empty());
  REQUIRE(b.problems.size() == 1);
  CHECK(b.problems[0].reason == "binary-file");
}

TEST_CASE("Reuters SGML: fields, entity decoding, sign-off and broken blocks",
          "[article_reader]") {
  gazette::test::TempDir dir;
  std::string sgml =
      "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
      "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" NEWID=\"7\">\n"
      "<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
      "<TOPICS><D>cocoa</D></TOPICS>\n"
      "<PLACES><D>el-salvador</D><D>usa</D></PLACES>\n"
      "<PEOPLE></PEOPLE>\n<ORGS><D>ico-coffee</D></ORGS>\n"
      "<TEXT>&#2;\n<TITLE>BAHIA COCOA &lt;REVIEW&gt;</TITLE>\n"
      "<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued &amp; more.\n"
      "    Second line.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
      "<REUTERS NEWID=\"8\">\n<DATE> 5-MAR-1987 605:12:19</DATE>\n"
      "<TEXT TYPE=\"UNPROC\">&#2;\nunprocessed text\n&#3;</TEXT>\n</REUTERS>\n"
      "<REUTERS NEWID=\"9\">\n<DATE>1-MAR-1987</DATE>\n<TEXT><TITLE>never closed</TITLE>\n"
      "<REUTERS NEWID=\"10\">\n<DATE>31-FEB-1987 01:00:00.00</DATE>\n"
      "<TEXT><TITLE>bad date</TITLE></TEXT></REUTERS>\n";
  std::string path = dir.write("reut2-000.sgm", sgml);
  Collector c = read_file(path);
  REQUIRE(c.articles.size() == 3);
  const gazette::Article& a = c.articles[0];
  CHECK(a.id == "7");
  CHECK(a.title == "BAHIA COCOA <REVIEW>");
  CHECK(a.dateline == "SALVADOR, Feb 26");
  CHECK(a.body == "Showers continued & more.\n    Second line.");
  CHECK(gazette::iso_datetime(a.date) == "1987-02-26T15:01:01Z");
  CHECK(a.topics == std::vector<std::string>{"cocoa"});
  CHECK(a.places == std::vector<std::string>{"el-salvador", "usa"});
  CHECK(a.persons.empty());
  CHECK(a.groups == std::vector<std::string>{"ico-coffee"});
  CHECK(a.origin.line == 2);
  CHECK(a.origin.where == "NEWID=7");
  const gazette::Article& b = c.articles[1];
  CHECK(b.body == "unprocessed text");
  CHECK(gazette::iso_datetime(b.date) == "1987-03-05");  // malformed time dropped
  CHECK(c.articles[2].id == "10");
  CHECK_FALSE(c.articles[2].date.valid());
  CHECK(c.articles[2].warnings.at(0).reason == "bad-date");
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].reason == "broken-sgml");
  CHECK(c.problems[0].origin.line == 21);
}

TEST_CASE("auto format sniffs content when the extension says nothing", "[article_reader]") {
  gazette::test::TempDir dir;
  Collector j = read_file(dir.write("feed.data", "{\"id\":\"1\",\"title\":\"json\"}\n"));
  REQUIRE(j.articles.size() == 1);
  CHECK(j.articles[0].title == "json");
  Collector t = read_file(dir.write("story", "A headline\n\nA body."));
  REQUIRE(t.articles.size() == 1);
  CHECK(t.articles[0].body == "A body.");
}

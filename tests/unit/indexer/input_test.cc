#include "indexer/input.h"

#include <catch2/catch.hpp>

#include "common/error.h"
#include "tests/support/test_db.h"

TEST_CASE("formats by extension, gz included", "[input]") {
  using gazette::Format;
  CHECK(gazette::format_from_name("a/b.jsonl") == Format::kJsonl);
  CHECK(gazette::format_from_name("a/b.NDJSON.gz") == Format::kJsonl);
  CHECK(gazette::format_from_name("reut2-000.sgm") == Format::kReuters);
  CHECK(gazette::format_from_name("story.txt.gz") == Format::kText);
  CHECK(gazette::format_from_name("README.md") == Format::kAuto);
  CHECK(gazette::format_from_content("  {\"id\":1}") == Format::kJsonl);
  CHECK(gazette::format_from_content("<!DOCTYPE lewis SYSTEM>") == Format::kReuters);
  CHECK(gazette::format_from_content("Headline\n") == Format::kText);
}

TEST_CASE("collect_inputs walks directories in order and skips unknown files", "[input]") {
  gazette::test::TempDir dir;
  dir.write("b/2.jsonl", "{}");
  dir.write("a/1.txt", "x");
  dir.write("a/notes.md", "x");
  dir.write(".hidden/3.jsonl", "{}");
  std::vector<gazette::Problem> problems;
  long ignored = 0;
  auto inputs = gazette::collect_inputs({dir.path()}, gazette::Format::kAuto, &problems, &ignored);
  REQUIRE(inputs.size() == 2);
  CHECK(inputs[0].path == dir.path() + "/a/1.txt");
  CHECK(inputs[1].path == dir.path() + "/b/2.jsonl");
  CHECK(ignored == 1);
  CHECK(problems.empty());
  CHECK_THROWS_AS(gazette::collect_inputs({dir.path() + "/nope"}, gazette::Format::kAuto,
                                          &problems, &ignored),
                  gazette::UsageError);
}

TEST_CASE("LineReader splits LF and CRLF lines, keeps padding, skips long lines", "[input]") {
  gazette::test::TempDir dir;
  std::string big(5000, 'x');
  std::string path = dir.write("lines", "one\r\ntwo\n\n" + big + "\nlast");
  gazette::ByteSource src(path);
  gazette::LineReader lines(&src, 4096);
  std::string_view line;
  bool too_long = false;
  std::vector<std::string> got;
  std::vector<bool> long_flags;
  while (lines.next(&line, &too_long)) {
    got.emplace_back(line);
    long_flags.push_back(too_long);
  }
  CHECK(got == std::vector<std::string>{"one", "two", "", "", "last"});
  CHECK(long_flags == std::vector<bool>{false, false, false, true, false});
  CHECK(lines.line_number() == 5);
}

TEST_CASE("a truncated gzip stream reports an error after delivering its data", "[input]") {
  gazette::test::TempDir dir;
  std::string content;
  for (int i = 0; i < 20000; ++i) content += "line " + std::to_string(i * 7919) + "\n";
  std::string path = dir.write("t.txt", content);
  REQUIRE(std::system(("gzip -k " + path + " && head -c 20000 " + path + ".gz > " + path +
                       ".cut.gz").c_str()) == 0);
  gazette::ByteSource src(path + ".cut.gz");
  std::string all;
  CHECK_FALSE(src.read_all(&all, 1 << 30));
  CHECK_FALSE(src.error().empty());
  CHECK(all.size() > 1000);
  CHECK(content.compare(0, all.size(), all) == 0);
}

TEST_CASE("web and XML formats by extension and by content", "[input]") {
  using gazette::Format;
  CHECK(gazette::format_from_name("a/page.HTML") == Format::kHtml);
  CHECK(gazette::format_from_name("page.htm.gz") == Format::kHtml);
  CHECK(gazette::format_from_name("crawl.warc.gz") == Format::kWarc);
  CHECK(gazette::format_from_name("story.xml") == Format::kXml);
  CHECK(gazette::format_from_name("story.nitf") == Format::kNitf);
  CHECK(gazette::format_from_name("news.rss") == Format::kFeed);
  CHECK(gazette::format_from_name("news.atom") == Format::kFeed);
  CHECK(gazette::format_from_content("WARC/1.0\r\nWARC-Type: warcinfo") == Format::kWarc);
  CHECK(gazette::format_from_content("<?xml version=\"1.0\"?>\n<!-- c -->\n<nitf>") == Format::kNitf);
  CHECK(gazette::format_from_content("<?xml version=\"1.0\"?><rss version=\"2.0\">") == Format::kFeed);
  CHECK(gazette::format_from_content("<feed xmlns=\"http://www.w3.org/2005/Atom\">") == Format::kFeed);
  CHECK(gazette::format_from_content("<rdf:RDF xmlns:rdf=\"x\">") == Format::kFeed);
  CHECK(gazette::format_from_content("\xEF\xBB\xBF<!doctype html><html>") == Format::kHtml);
  CHECK(gazette::format_from_content("<html><body>") == Format::kHtml);
  CHECK(gazette::format_from_content("<?xml version=\"1.0\"?><catalog/>") == Format::kXml);
  CHECK(gazette::format_from_content("<b>not markup</b> a text file") == Format::kText);
  Format f;
  CHECK((gazette::parse_format("warc", &f) && f == Format::kWarc));
  CHECK((gazette::parse_format("atom", &f) && f == Format::kFeed));
  CHECK_FALSE(gazette::parse_format("xml", &f));
}

TEST_CASE("JSON documents are told from JSON Lines by their first object", "[input]") {
  using gazette::Format;
  using gazette::json_layout;
  CHECK(gazette::format_from_name("a/b.json") == Format::kJson);
  CHECK(gazette::format_from_name("a/b.JSON.gz") == Format::kJson);
  CHECK(json_layout("{\"id\":1}\n{\"id\":2}\n") == Format::kJsonl);
  CHECK(json_layout("{\"id\":1,\"body\":\"long line cut by the head") == Format::kJsonl);
  CHECK(json_layout("{\n  \"id\": 1\n}\n") == Format::kJson);
  CHECK(json_layout("[{\"id\":1}]") == Format::kJson);
  CHECK(json_layout("{\"status\":\"ok\",\"articles\":[{\"id\":1}]}") == Format::kJson);
  CHECK(json_layout("{\"articles\": [ ]}") == Format::kJson);
  CHECK(json_layout("{\"id\":1,\"tags\":[\"a\"],\"items\":[\"x\"]}") == Format::kJsonl);
  CHECK(gazette::format_from_content("[{\"id\":1}]") == Format::kJson);
  CHECK(gazette::format_from_content(" [ ]") == Format::kJson);
  CHECK(gazette::format_from_content("[Updated] Mayor resigns\n\nText.") == Format::kText);
  CHECK(gazette::format_from_content("{\n \"id\": 1\n}") == Format::kJson);
  Format f = Format::kAuto;
  CHECK(gazette::parse_format("json", &f));
  CHECK(f == Format::kJson);
  CHECK(gazette::format_name(Format::kJson) == "json");
}

#include <catch2/catch.hpp>

#include "tests/unit/indexer/format_fixtures.h"

using gazette::test::Collector;
using gazette::test::fixture;
using gazette::test::read_path;

TEST_CASE("HTML files are read by extension, gzipped or not, and by content", "[html_reader]") {
  Collector c = read_path(fixture("market-hall.html.gz"));
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].title == "Market Hall Reopens After Restoration");
  CHECK(c.articles[0].body.rfind("The nineteenth-century market hall", 0) == 0);
  CHECK_FALSE(c.articles[0].date.valid());
  CHECK(c.articles[0].origin.str() == fixture("market-hall.html.gz"));

  gazette::test::TempDir dir;
  std::string path = dir.write("page.data", "<!doctype html><html><head><title>T</title></head>"
                                            "<body><p>Hello there.</p></body></html>");
  c = read_path(path);
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].body == "Hello there.");

  path = dir.write("empty.html", "<html><body><script>1</script></body></html>");
  c = read_path(path);
  CHECK(c.articles.empty());
  CHECK(c.count("empty-article") == 1);
}

TEST_CASE("the HTML reader survives truncated and corrupted pages", "[html_reader]") {
  gazette::test::check_survives_damage("tidal-barrier.html", ".html");
  gazette::test::check_survives_damage("market-hall.html.gz", ".html.gz");
}

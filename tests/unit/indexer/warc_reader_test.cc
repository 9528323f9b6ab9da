#include <catch2/catch.hpp>

#include <zlib.h>

#include "tests/unit/indexer/format_fixtures.h"

using gazette::test::Collector;
using gazette::test::fixture;
using gazette::test::read_path;

TEST_CASE("a WARC.gz crawl gives one article per HTML capture", "[warc_reader]") {
  Collector c = read_path(fixture("crawl.warc.gz"));
  REQUIRE(c.articles.size() == 2);
  const gazette::Article& a = c.articles[0];
  // Chunked transfer coding and gzip content coding undone.
  CHECK(a.title == "Seawall Repairs Finished Ahead of Storm Season");
  CHECK(a.body.rfind("Contractors finished repairing the seawall", 0) == 0);
  CHECK(a.url == "https://example.org/coast-news/2022/09/05/seawall");
  CHECK(gazette::iso_datetime(a.date) == "2022-09-05T12:00:00Z");  // the page's own date
  CHECK(a.source == "Coast News");
  CHECK(a.origin.str() == fixture("crawl.warc.gz") + " (offset 533)");
  const gazette::Article& b = c.articles[1];
  CHECK(b.title == "Lifeboat Crew Honoured for Night Rescue");
  CHECK(b.body.find("Brígida Søndergaard") != std::string::npos);  // ISO-8859-1 payload
  CHECK(gazette::iso_datetime(b.date) == "2022-09-07T08:00:05Z");  // WARC-Date fallback
  // The image, the 404 and the revisit are skipped and counted; warcinfo,
  // request and metadata records are not captures.
  CHECK(c.problems.size() == 3);
  CHECK(c.count("not-html") == 1);
  CHECK(c.count("http-status") == 1);
  CHECK(c.count("warc-revisit") == 1);
}

namespace {

std::string record(const std::string& type, const std::string& uri, const std::string& block,
                   const std::string& extra = "") {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2021-01-02T03:04:05Z\r\n" + extra +
         "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string http_html(const std::string& title, const std::string& text) {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>" + title +
         "</title></head><body><p>" + text + "</p></body></html>";
}

}  // namespace

TEST_CASE("bad WARC records are reported with their offset and skipped", "[warc_reader]") {
  std::string good1 = record("response", "https://e.org/1", http_html("One", "First page."),
                             "Content-Type: application/http; msgtype=response\r\n");
  std::string bad = "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\n"
                    "junk junk\r\nmore junk\r\n\r\n";
  std::string good2 = record("resource", "https://e.org/2",
                             "<html><body><p>Second page.</p></body></html>",
                             "Content-Type: text/html\r\n");
  std::string garbage = "this is not a record\r\n";
  std::string big = record("response", "https://e.org/big",
                           http_html("Big", std::string(2000, 'x')),
                           "Content-Type: application/http; msgtype=response\r\n");
  std::string truncated = record("response", "https://e.org/3", http_html("Three", "Cut."),
                                 "Content-Type: application/http; msgtype=response\r\n");
  truncated.resize(truncated.size() - 20);
  gazette::test::TempDir dir;
  std::string path =
      dir.write("mixed.warc", good1 + bad + good2 + garbage + big + truncated);
  Collector c;
  gazette::ReaderOptions limits;
  limits.max_article_bytes = 1000;
  gazette::read_input({path, gazette::Format::kAuto}, limits, &c);
  REQUIRE(c.articles.size() == 2);
  CHECK(c.articles[0].title == "One");
  CHECK(c.articles[0].date.valid());
  CHECK(c.articles[1].body == "Second page.");
  CHECK(c.articles[1].url == "https://e.org/2");
  CHECK(c.count("bad-warc-record") == 2);  // the bad length, then the garbage line
  CHECK(c.count("too-large") == 1);
  CHECK(c.count("truncated-record") == 1);
  for (const gazette::Problem& p : c.problems) {
    CAPTURE(p.str());
    CHECK(p.origin.where.rfind("offset ", 0) == 0);
  }
  CHECK(c.problems[0].origin.where == "offset " + std::to_string(good1.size()));
}

TEST_CASE("WARC payload codings: deflate, brotli, already-decoded gzip", "[warc_reader]") {
  std::string html = "<html><body><p>Deflated page text.</p></body></html>";
  std::string deflated(compressBound(html.size()), '\0');
  uLongf len = deflated.size();
  REQUIRE(compress(reinterpret_cast<Bytef*>(deflated.data()), &len,
                   reinterpret_cast<const Bytef*>(html.data()), html.size()) == Z_OK);
  deflated.resize(len);
  auto response = [](const std::string& headers, const std::string& payload) {
    return record("response", "https://e.org/x",
                  "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + headers + "\r\n" + payload,
                  "Content-Type: application/http; msgtype=response\r\n");
  };
  gazette::test::TempDir dir;
  std::string path = dir.write(
      "codings.warc", response("Content-Encoding: deflate\r\n", deflated) +
                          response("Content-Encoding: br\r\n", "\x0b\x02\x80") +
                          response("Content-Encoding: gzip\r\n", html));
  Collector c = read_path(path);
  REQUIRE(c.articles.size() == 2);
  CHECK(c.articles[0].body == "Deflated page text.");
  CHECK(c.articles[1].body == "Deflated page text.");
  CHECK(c.count("unsupported-encoding") == 1);
}

TEST_CASE("the WARC reader survives truncated and corrupted crawls", "[warc_reader]") {
  gazette::test::check_survives_damage("crawl.warc.gz", ".warc.gz");
  // And the same crawl uncompressed, where damage hits the records themselves.
  std::string plain;
  {
    gzFile gz = gzopen(fixture("crawl.warc.gz").c_str(), "rb");
    REQUIRE(gz != nullptr);
    char buf[4096];
    int n;
    while ((n = gzread(gz, buf, sizeof buf)) > 0) plain.append(buf, static_cast<size_t>(n));
    gzclose(gz);
  }
  gazette::test::TempDir dir;
  for (size_t cut = 0; cut < plain.size(); cut += 13) {
    Collector c = read_path(dir.write("cut.warc", plain.substr(0, cut)));
    CHECK(c.articles.size() <= 2);
  }
}

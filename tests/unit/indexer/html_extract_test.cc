#include "indexer/html_extract.h"

#include <catch2/catch.hpp>

#include "tests/unit/indexer/format_fixtures.h"

using gazette::test::fixture;
using gazette::test::slurp;

TEST_CASE("a news page gives its headline, metadata and body without chrome", "[html_extract]") {
  gazette::HtmlPage page = gazette::extract_html_page(slurp(fixture("tidal-barrier.html")), "");
  CHECK(page.title == "Harbour Council Approves Tidal Barrier Plan");
  CHECK(gazette::iso_datetime(page.date) == "2019-03-14T08:15:00+01:00");
  CHECK(page.source == "The Harbour Times");
  CHECK(page.url == "https://example.org/harbour-times/2019/03/14/tidal-barrier");
  CHECK(page.authors == std::vector<std::string>{"Mirela Kovač"});
  CHECK(page.keywords == std::vector<std::string>{"infrastructure", "climate", "flooding"});
  CHECK(page.body.rfind("The harbour council voted by nine votes to four", 0) == 0);
  CHECK(page.body.find("fewer than ten days a year.") != std::string::npos);
  // Five paragraphs, nothing else: no menu, cookie banner, byline, caption,
  // ad label, related box, share bar, comments or footer.
  CHECK(std::count(page.body.begin(), page.body.end(), '\n') == 8);
  for (const char* chrome : {"cookies", "Sport", "Advertisement", "Storm surge floods",
                             "Share on", "harbourwatcher", "My cellar", "All rights reserved",
                             "artist's impression", "By Mirela"}) {
    CAPTURE(chrome);
    CHECK(page.body.find(chrome) == std::string::npos);
  }
}

TEST_CASE("metadata sources are taken in order of reliability", "[html_extract]") {
  // No JSON-LD: og:title over <title>; <time datetime> when no meta date.
  std::string html = R"(<html><head><title>Lead story - Example Site</title>
<meta property="og:title" content="Lead Story">
<meta name="keywords" content="alpha, beta , ,gamma"></head><body><article>
<h1>Lead story</h1><time datetime="2020-02-29T12:00:00Z">Feb 29</time>
<p>One paragraph of text that is long enough to count as content, with a comma.</p>
</article></body></html>)";
  gazette::HtmlPage page = gazette::extract_html_page(html, "");
  CHECK(page.title == "Lead Story");
  CHECK(gazette::iso_day(page.date) == "2020-02-29");
  CHECK(page.keywords == std::vector<std::string>{"alpha", "beta", "gamma"});

  // JSON-LD in a @graph, with the author as a string and keywords as a list.
  std::string ld = R"(<html><head><title>x</title><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
 {"@type":["NewsArticle"],"headline":"Graph Headline","datePublished":"Tue, 05 Mar 2019 10:00:00 GMT",
  "author":"Ann Lee","publisher":"Daily Example","keywords":["x","y"],"articleSection":"World"}]}
</script><script type="application/ld+json">{not json</script></head><body><p>Short.</p></body></html>)";
  page = gazette::extract_html_page(ld, "");
  CHECK(page.title == "Graph Headline");
  CHECK(gazette::iso_datetime(page.date) == "2019-03-05T10:00:00Z");
  CHECK(page.authors == std::vector<std::string>{"Ann Lee"});
  CHECK(page.source == "Daily Example");
  CHECK(page.keywords == std::vector<std::string>{"World", "x", "y"});

  // <title> without og:title: the <h1> it contains, wherever the site name is.
  page = gazette::extract_html_page(
      "<html><head><title>Site Name - Mayor opens new bridge</title></head><body>"
      "<h1>Mayor opens new bridge</h1><p>Text.</p></body></html>",
      "");
  CHECK(page.title == "Mayor opens new bridge");
}

TEST_CASE("an unparsable date is kept for a warning", "[html_extract]") {
  gazette::HtmlPage page = gazette::extract_html_page(
      R"(<html><head><meta property="article:published_time" content="yesterday"></head>
<body><p>Body text.</p></body></html>)",
      "");
  CHECK_FALSE(page.date.valid());
  CHECK(page.bad_date == "yesterday");
  gazette::Article a = gazette::html_article(
      R"(<html><head><meta property="article:published_time" content="yesterday"></head>
<body><p>Body text.</p></body></html>)",
      "", gazette::Origin{"p.html", 0, {}}, "", false, gazette::DateTime());
  REQUIRE(a.warnings.size() == 1);
  CHECK(a.warnings[0].reason == "bad-date");
}

TEST_CASE("pages in other charsets are converted with ICU", "[html_extract]") {
  // windows-1251 declared by <meta http-equiv>.
  gazette::HtmlPage page = gazette::extract_html_page(slurp(fixture("river-festival.htm")), "");
  CHECK(page.charset == "windows-1251");
  CHECK(page.title == "Речной фестиваль соберёт сто лодок");
  CHECK(page.body.find("Ольга Петренко") != std::string::npos);
  CHECK(gazette::iso_day(page.date) == "2017-07-08");
  // The transport's charset wins over the page's; a BOM wins over both.
  std::string latin1 = "<html><head><meta charset=\"utf-8\"></head><body><p>Caf\xE9 au lait, s'il vous pla\xEEt, merci beaucoup.</p></body></html>";
  page = gazette::extract_html_page(latin1, "ISO-8859-1");
  CHECK(page.body == "Café au lait, s'il vous plaît, merci beaucoup.");
  std::string sjis = "<html><body><p>\x93\x8C\x8B\x9E</p></body></html>";  // 東京 in Shift_JIS
  page = gazette::extract_html_page(sjis, "shift_jis");
  CHECK(page.body == "東京");
  page = gazette::extract_html_page("<p>x</p>", "x-no-such-charset");
  CHECK(page.unknown_charset);
  CHECK(page.body == "x");
}

TEST_CASE("html_fragment_to_text renders feed markup as text", "[html_extract]") {
  CHECK(gazette::html_fragment_to_text("<p>One &amp; <b>two</b></p><p>Three<br>four</p>") ==
        "One & two\n\nThree\nfour");
  CHECK(gazette::html_fragment_to_text("plain   text\nline") == "plain text\nline");
  CHECK(gazette::html_fragment_to_text("<script>x()</script>Hi<div class=\"share-bar\">Share</div>") ==
        "Hi");
  CHECK(gazette::html_fragment_to_text("") == "");
}

TEST_CASE("pages without an article still give their text", "[html_extract]") {
  // No paragraph reaches the scorer's threshold: the relaxed passes and the
  // description keep something to index.
  gazette::HtmlPage page = gazette::extract_html_page(
      "<html><body><div class=\"comments-enabled\"><div>Short note.</div></div></body></html>",
      "");
  CHECK(page.body == "Short note.");
  CHECK(gazette::extract_html_page("", "").body.empty());
  CHECK(gazette::extract_html_page("\xFF\xFE\x00", "").title.empty());
}

#include "searcher/search.h"

#include <catch2/catch.hpp>

#include "common/error.h"
#include "tests/support/test_db.h"

namespace {

Xapian::WritableDatabase corpus() {
  using gazette::test::make_article;
  return gazette::test::make_index({
      make_article("k1", "Kerry and Lavrov agree Syria truce", "Kerry said the truce starts.",
                   "2016-02-12T10:00:00Z", {"John Kerry", "Sergey Lavrov"}, {"Syria", "Munich"},
                   {"United Nations"}, {"diplomacy"}, "Wire"),
      make_article("k2", "Kerry visits Geneva", "Talks on Syria continue in Geneva.",
                   "2016-02-20T08:00:00Z", {"John Kerry"}, {"Geneva", "Syria"}, {},
                   {"diplomacy"}, "Wire"),
      make_article("o1", "Oil prices rise", "Crude oil prices rose as OPEC talked.",
                   "2016-11-30", {"Khalid al-Falih"}, {"Vienna"}, {"OPEC"}, {"energy"}, "Ledger"),
      make_article("o2", "OPEC deal", "Oil ministers in Vienna agreed a cut. Syria was not on the "
                   "agenda.", "2017-01-02", {}, {"Vienna", "Syria"}, {"OPEC"}, {"energy"},
                   "Ledger"),
      make_article("u1", "Undated note on Syria", "No date here.", "", {}, {"Syria"}),
  });
}

std::vector<std::string> ids(const gazette::SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.article.id);
  return out;
}

}  // namespace

TEST_CASE("search returns exact totals, ranked hits and facets", "[search]") {
  Xapian::WritableDatabase db = corpus();
  gazette::Searcher s(db, "test");
  gazette::SearchRequest r;
  r.query = "kerry";
  r.facets = {"person", "place", "date"};
  gazette::SearchResult res = s.search(r);
  CHECK(res.total == 2);
  CHECK(ids(res) == std::vector<std::string>{"k1", "k2"});  // "kerry" twice in k1
  CHECK(res.hits[0].rank == 1);
  CHECK(res.hits[0].score > res.hits[1].score);
  CHECK(res.hits[0].article.persons == std::vector<std::string>{"John Kerry", "Sergey Lavrov"});
  CHECK_FALSE(res.hits[0].snippet.highlights.empty());
  REQUIRE(res.facets.size() == 3);
  CHECK(res.facets[0].values.at(0).value == "John Kerry");
  CHECK(res.facets[0].values.at(0).count == 2);
  CHECK(res.facets[2].values.at(0).value == "2016-02");
  CHECK(res.facets[2].values.at(0).count == 2);
}

TEST_CASE("filters: AND across fields, OR within one, excludes", "[search]") {
  Xapian::WritableDatabase db = corpus();
  gazette::Searcher s(db, "test");
  gazette::SearchRequest r;
  r.filters = {{"place", "syria"}};
  CHECK(s.search(r).total == 4);
  r.filters = {{"place", "syria"}, {"topic", "energy"}};
  CHECK(ids(s.search(r)) == std::vector<std::string>{"o2"});
  r.filters = {{"place", "GENEVA"}, {"place", "munich"}};
  CHECK(s.search(r).total == 2);
  r.filters = {{"place", "syria"}};
  r.excludes = {{"person", "john kerry"}};
  CHECK(s.search(r).total == 2);
  r.excludes = {};
  r.filters = {{"date", "2016"}};
  CHECK(s.search(r).total == 3);
  r.filters = {{"date", "2016-11-01..2017-12-31"}};
  CHECK(s.search(r).total == 2);
  r.filters = {{"colour", "red"}};
  CHECK_THROWS_AS(s.search(r), gazette::UsageError);
}

TEST_CASE("multi-select counts a filtered field without its own filter", "[search]") {
  Xapian::WritableDatabase db = corpus();
  gazette::Searcher s(db, "test");
  gazette::SearchRequest r;
  r.filters = {{"topic", "energy"}};
  r.facets = {"topic", "place"};
  gazette::SearchResult plain = s.search(r);
  REQUIRE(plain.facets[0].values.size() == 1);
  CHECK(plain.facets[0].values[0].value == "energy");
  r.multi_select = true;
  gazette::SearchResult multi = s.search(r);
  CHECK(multi.total == 2);
  REQUIRE(multi.facets[0].values.size() == 2);
  CHECK(multi.facets[0].values[0].value == "diplomacy");
  CHECK(multi.facets[0].values[0].count == 2);
  // Fields without a filter are counted over the filtered match set.
  CHECK(multi.facets[1].values[0].value == "Vienna");
  CHECK(multi.facets[1].values[0].count == 2);
}

TEST_CASE("sorting by date puts undated articles last both ways", "[search]") {
  Xapian::WritableDatabase db = corpus();
  gazette::Searcher s(db, "test");
  gazette::SearchRequest r;
  r.query = "syria";
  r.sort = gazette::SortOrder::kNewest;
  CHECK(ids(s.search(r)) == std::vector<std::string>{"o2", "k2", "k1", "u1"});
  r.sort = gazette::SortOrder::kOldest;
  CHECK(ids(s.search(r)) == std::vector<std::string>{"k1", "k2", "o2", "u1"});
}

TEST_CASE("paging: offsets, ranks, and limits beyond the end", "[search]") {
  Xapian::WritableDatabase db = corpus();
  gazette::Searcher s(db, "test");
  gazette::SearchRequest r;
  r.sort = gazette::SortOrder::kOldest;
  r.offset = 1;
  r.limit = 2;
  gazette::SearchResult res = s.search(r);
  CHECK(res.total == 5);
  CHECK(ids(res) == std::vector<std::string>{"k2", "o1"});
  CHECK(res.hits[0].rank == 2);
  r.offset = 100;
  r.limit = 1000000000;
  CHECK(s.search(r).hits.empty());
  CHECK(s.search(r).total == 5);
}

TEST_CASE("a time limit that cuts counting short is reported", "[search]") {
  using gazette::test::make_article;
  std::vector<gazette::Article> many;
  for (int i = 0; i < 20000; ++i)
    many.push_back(make_article("a" + std::to_string(i), "oil news", "oil", "2016-01-01", {},
                                {"Place" + std::to_string(i % 50)}));
  Xapian::WritableDatabase db = gazette::test::make_index(many);
  gazette::Searcher s(db, "test");
  gazette::SearchRequest r;
  r.query = "oil";
  r.facets = {"place"};
  gazette::SearchResult full = s.search(r);
  CHECK_FALSE(full.truncated);
  CHECK(full.total == 20000);
  r.time_limit = 1e-6;  // expires at once
  gazette::SearchResult cut = s.search(r);
  CHECK(cut.truncated);
  CHECK(cut.total <= 20000);
}

TEST_CASE("facet prefixes list the matching values of the match set, by count", "[search]") {
  Xapian::WritableDatabase db = corpus();
  gazette::Searcher s(db, "test");
  gazette::SearchRequest r;
  r.facets = {"place"};
  r.facet_size = 1;
  r.facet_prefixes = {{"person", "KER"}, {"place", "s"}};
  gazette::SearchResult res = s.search(r);
  REQUIRE(res.facets.size() == 2);
  CHECK(res.facets[0].name == "place");
  REQUIRE(res.facets[0].values.size() == 1);  // Syria (4); facet_size still cuts
  CHECK(res.facets[0].values[0].value == "Syria");
  CHECK(res.facets[0].values[0].count == 4);
  CHECK(res.facets[1].name == "person");
  REQUIRE(res.facets[1].values.size() == 1);
  CHECK(res.facets[1].values[0].value == "John Kerry");
  CHECK(res.facets[1].values[0].count == 2);
  // Within the match set only.
  r.query = "oil";
  CHECK(s.search(r).facets[1].values.empty());
  r.facet_prefixes = {{"colour", "r"}};
  CHECK_THROWS_AS(s.search(r), gazette::UsageError);
}

TEST_CASE("more like this ranks articles by similarity to an indexed one", "[search][like]") {
  using gazette::test::make_article;
  Xapian::WritableDatabase db = gazette::test::make_index({
      make_article("opec1", "OPEC agrees output cut", "OPEC ministers agreed to cut crude output "
                   "by a million barrels a day in Vienna.", "2016-11-30"),
      make_article("opec2", "OPEC output cut holds", "Crude output fell as OPEC ministers kept "
                   "the cut of a million barrels.", "2017-01-10"),
      make_article("ecb", "ECB cuts rates", "The central bank cut interest rates to zero.",
                   "2016-03-10"),
      make_article("syria", "Syria talks", "Diplomats met in Vienna on Syria.", "2016-02-12"),
  });
  gazette::Searcher s(db, "test");
  gazette::SearchRequest r;
  r.like_id = "opec1";
  r.snippet_bytes = 0;
  gazette::SearchResult res = s.search(r);
  CHECK(res.sort == gazette::SortOrder::kRelevance);  // not newest, though the query is empty
  REQUIRE_FALSE(res.hits.empty());
  CHECK(res.hits[0].article.id == "opec2");
  for (const auto& h : res.hits) CHECK(h.article.id != "opec1");
  CHECK(std::find(res.like_terms.begin(), res.like_terms.end(), "opec") != res.like_terms.end());
  // Words of opec1 alone ("agrees", "agreed") find nothing else, so they are not used.
  CHECK(std::find(res.like_terms.begin(), res.like_terms.end(), "agreed") == res.like_terms.end());
  // Query words restrict the similar articles.
  r.query = "vienna";
  res = s.search(r);
  CHECK(ids(res) == std::vector<std::string>{"syria"});
  r.like_id = "nope";
  CHECK_THROWS_WITH(s.search(r), Catch::Contains("no article with id 'nope'"));
}

TEST_CASE("date-from and date-to bound the match set, whole periods inclusive", "[search]") {
  Xapian::WritableDatabase db = corpus();
  gazette::Searcher s(db, "test");
  gazette::SearchRequest r;
  r.date_from = "2016-02";
  r.date_to = "2016-11";
  r.facets = {"date"};
  r.granularity = gazette::DateGranularity::kAuto;
  gazette::SearchResult res = s.search(r);
  CHECK(ids(res) == std::vector<std::string>{"o1", "k2", "k1"});  // newest first; undated out
  CHECK(res.facets[0].granularity == gazette::DateGranularity::kMonth);
  r.date_to = "2016-02-12";
  res = s.search(r);
  CHECK(ids(res) == std::vector<std::string>{"k1"});
  CHECK(res.facets[0].granularity == gazette::DateGranularity::kDay);
  // Kept under --multi-select, and ANDed with a date filter.
  r.multi_select = true;
  r.filters = {{"date", "2016"}};
  CHECK(s.search(r).total == 1);
  r.date_from = "2016-13";
  CHECK_THROWS_WITH(s.search(r), Catch::Contains("--date-from '2016-13' is not a date"));
}

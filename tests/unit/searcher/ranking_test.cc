#include "searcher/ranking.h"

#include <catch2/catch.hpp>

#include "searcher/search.h"
#include "tests/support/test_db.h"

TEST_CASE("half-lives parse with units", "[ranking]") {
  double days = 0;
  CHECK(gazette::parse_half_life("30d", &days));
  CHECK(days == 30);
  CHECK(gazette::parse_half_life("12h", &days));
  CHECK(days == Approx(0.5));
  CHECK(gazette::parse_half_life("2w", &days));
  CHECK(days == 14);
  CHECK(gazette::parse_half_life("1y", &days));
  CHECK(days == Approx(365.25));
  CHECK(gazette::parse_half_life("45", &days));
  CHECK(days == 45);
  CHECK_FALSE(gazette::parse_half_life("", &days));
  CHECK_FALSE(gazette::parse_half_life("0d", &days));
  CHECK_FALSE(gazette::parse_half_life("-3d", &days));
  CHECK_FALSE(gazette::parse_half_life("soon", &days));
}

TEST_CASE("plain word lists are told from queries with their own syntax", "[ranking]") {
  Xapian::WritableDatabase db = gazette::test::make_index({});
  gazette::QueryBuilder qb(db);
  CHECK(qb.plain_words("Crude oil  prices") ==
        std::vector<std::string>{"crude", "oil", "prices"});
  CHECK(qb.plain_words("U.S. trade, deficit") ==
        std::vector<std::string>{"u.s.", "trade", "deficit"});
  CHECK(qb.plain_words("Genève talks") == std::vector<std::string>{"geneve", "talks"});
  for (const char* own : {"oil OR gas", "\"crude oil\"", "title:oil", "oil -gas", "oil*",
                          "(oil gas)", "+oil gas", "oil NEAR gas"}) {
    CAPTURE(own);
    CHECK(qb.plain_words(own).empty());
  }
}

namespace {

gazette::SearchResult search(gazette::Searcher& s, const std::string& q,
                             gazette::RankingOptions options = {}) {
  gazette::SearchRequest r;
  r.query = q;
  r.ranking = options;
  r.snippet_bytes = 0;
  return s.search(r);
}

std::vector<std::string> ids(const gazette::SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.article.id + (h.all_words ? "" : "~"));
  return out;
}

Xapian::WritableDatabase ranking_corpus() {
  using gazette::test::make_article;
  return gazette::test::make_index({
      make_article("full", "Wheat exports", "Wheat exports rose.", "2016-01-10"),
      make_article("wheat", "Wheat wheat wheat", "Wheat harvest, wheat prices, wheat.", "2016-03-01"),
      make_article("exports", "Car exports", "Exports of cars fell.", "2016-02-01"),
      make_article("none", "Gold", "Gold rose.", "2016-03-02"),
  });
}

}  // namespace

TEST_CASE("match modes: what is counted and what is listed", "[ranking]") {
  Xapian::WritableDatabase db = ranking_corpus();
  gazette::Searcher s(db, "test");
  gazette::RankingOptions all, any, ranked, strict;
  all.match = gazette::MatchMode::kAll;
  any.match = gazette::MatchMode::kAny;
  strict.all_words_bonus = gazette::kAllWordsBonus;

  gazette::SearchResult r = search(s, "wheat exports", all);
  CHECK(r.total == 1);
  CHECK(ids(r) == std::vector<std::string>{"full"});

  r = search(s, "wheat exports", any);
  CHECK(r.total == 3);
  CHECK(r.hits.size() == 3);
  CHECK(r.match == gazette::MatchMode::kAny);

  // Ranked: the total counts the full matches, the list goes on with partial
  // ones, marked as such.
  r = search(s, "wheat exports", ranked);
  CHECK(r.total == 1);
  REQUIRE(r.hits.size() == 3);
  CHECK(r.hits[0].article.id == "full");
  CHECK(r.hits[0].all_words);
  CHECK_FALSE(r.hits[1].all_words);
  CHECK_FALSE(r.hits[2].all_words);

  r = search(s, "wheat exports", strict);
  CHECK(ids(r).front() == "full");
  CHECK(r.hits[0].score < gazette::kAllWordsBonus);  // the tier bonus is not shown

  // A query with its own operators is taken as written.
  r = search(s, "wheat OR gold", ranked);
  CHECK(r.total == 3);
  CHECK(r.hits.size() == 3);
}

TEST_CASE("recency favours newer articles by a half-life", "[ranking]") {
  Xapian::WritableDatabase db = ranking_corpus();
  gazette::Searcher s(db, "test");
  gazette::RankingOptions plain, recent;
  recent.recency_half_life_days = 7;
  recent.recency_weight = 50;  // overwhelm relevance in this tiny corpus
  gazette::SearchResult a = search(s, "wheat", plain);
  gazette::SearchResult b = search(s, "wheat", recent);
  REQUIRE(a.hits.size() == 2);
  CHECK(a.hits[0].article.id == "wheat");  // more "wheat"
  CHECK(b.hits[0].article.id == "wheat");  // and newer (2016-03-01)
  gazette::SearchResult c = search(s, "rose", plain);
  gazette::SearchResult d = search(s, "rose", recent);
  REQUIRE(d.hits.size() == 2);
  CHECK(d.hits[0].article.id == "none");   // 2016-03-02, the newest
  CHECK(d.hits[1].article.id == "full");   // 2016-01-10: 52 days older, bonus ~0.3% of it
  CHECK(d.hits[0].score > c.hits[0].score);
}

#include "searcher/spelling.h"

#include <catch2/catch.hpp>

#include "searcher/search.h"
#include "tests/support/test_db.h"

namespace {

Xapian::WritableDatabase index() {
  using gazette::test::make_article;
  std::vector<gazette::Article> articles = {
      make_article("k1", "Kerry and Lavrov", "John Kerry spoke about the ceasefire in Syria.",
                   "2016-02-12"),
      make_article("k2", "Kerry in Geneva", "Kerry met the envoy; the ceasefire holds.",
                   "2016-02-20"),
      make_article("t1", "A typo", "The intrest was noted.", "2016-03-01"),
  };
  // "interest" in many articles, "intrest" (a typo of the archive) in one.
  for (int i = 0; i < 25; ++i) {
    articles.push_back(make_article("i" + std::to_string(i), "Rates",
                                    "Interest rates and crude oil.", "2016-04-01"));
  }
  return gazette::test::make_index(articles);
}

}  // namespace

TEST_CASE("edit distance counts insertions, deletions, substitutions, transpositions",
          "[spelling]") {
  auto [a, b, d] = GENERATE(table<const char*, const char*, size_t>({
      {"kerry", "kerry", 0},
      {"kery", "kerry", 1},
      {"curde", "crude", 1},
      {"ceasfire", "ceasefire", 1},
      {"zurich", "zürich", 1},  // by code point, not byte
      {"abc", "xyz", 3},
  }));
  CAPTURE(a, b);
  CHECK(gazette::edit_distance(a, b, 5) == d);
  CHECK(gazette::edit_distance(a, b, 0) == (d == 0 ? 0 : 1));  // capped at max + 1
}

TEST_CASE("spelling suggestions come from the index's own words", "[spelling]") {
  Xapian::WritableDatabase db = index();
  const Xapian::Stem english("english");
  using gazette::suggest_spelling;
  CHECK(suggest_spelling(db, english, "kerry ceasefire", false).suggestion.empty());
  const gazette::SpellingSuggestion s = suggest_spelling(db, english, "Kery ceasfire", false);
  CHECK(s.suggestion == "Kerry ceasefire");
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  CHECK(s.corrections == Pairs{{"Kery", "Kerry"}, {"ceasfire", "ceasefire"}});
  CHECK(suggest_spelling(db, english, "CURDE oil", false).suggestion == "CRUDE oil");
  // Field values, phrases and operators are left alone.
  CHECK(suggest_spelling(db, english, "person:kery \"ceasfire\" OR kery", false).suggestion ==
        "person:kery \"ceasfire\" OR kerry");
  // A word of the index is only suspect when nothing matched, and is replaced
  // only by a much commoner one.
  CHECK(suggest_spelling(db, english, "intrest", false).suggestion.empty());
  CHECK(suggest_spelling(db, english, "intrest", true).suggestion == "interest");
  CHECK(suggest_spelling(db, english, "ceasefire", true).suggestion.empty());
  CHECK(suggest_spelling(db, english, "qqqqqqqq", false).suggestion.empty());
}

TEST_CASE("search suggests, and --correct searches the suggestion", "[spelling]") {
  Xapian::WritableDatabase db = index();
  gazette::Searcher searcher(db, "test");
  gazette::SearchRequest r;
  r.query = "kery ceasfire";
  gazette::SearchResult res = searcher.search(r);
  CHECK(res.total == 0);
  CHECK(res.spelling.suggestion == "kerry ceasefire");
  CHECK_FALSE(res.corrected);
  r.correct = true;
  res = searcher.search(r);
  CHECK(res.corrected);
  CHECK(res.total == 2);
  CHECK(res.spelling.suggestion == "kerry ceasefire");
  r.query = "kerry";
  res = searcher.search(r);
  CHECK_FALSE(res.corrected);
  CHECK(res.total == 2);
}

TEST_CASE("a query that finds articles gets no suggestion, except with --match any",
          "[spelling]") {
  Xapian::WritableDatabase db = index();
  gazette::Searcher searcher(db, "test");
  gazette::SearchRequest r;
  r.query = "kerry OR ceasfire";  // finds the Kerry articles
  CHECK(searcher.search(r).spelling.suggestion.empty());
  r.ranking.match = gazette::MatchMode::kAny;
  r.query = "kerry ceasfire";
  CHECK(searcher.search(r).spelling.suggestion == "kerry ceasefire");
}

#include "searcher/related.h"

#include <catch2/catch.hpp>

#include "common/error.h"
#include "searcher/search.h"
#include "tests/support/test_db.h"

TEST_CASE("log-likelihood is zero for independence and signed by direction", "[related]") {
  // A value in half of the subset and half of the rest: no association.
  CHECK(gazette::log_likelihood(5, 10, 50, 100) == Approx(0).margin(1e-9));
  const double more = gazette::log_likelihood(9, 10, 20, 100);
  const double less = gazette::log_likelihood(0, 10, 50, 100);
  CHECK(more > 10);
  CHECK(less < 0);
  // Always together (2 of 2) beats a value that is everywhere (10 of 10 in the
  // subset, but also in 80 of the other 90 articles).
  CHECK(gazette::log_likelihood(2, 10, 2, 100) > gazette::log_likelihood(10, 10, 90, 100));
  // The whole index as the subset: nothing to compare with.
  CHECK(gazette::log_likelihood(3, 100, 3, 100) == 0);
}

TEST_CASE("related values: a rare constant companion outranks a frequent one", "[related]") {
  using gazette::test::make_article;
  std::vector<gazette::Article> articles;
  // John Kerry in 4 articles; Maha Yassin in 2, both with Kerry; United States
  // everywhere, and Geneva in 1 of Kerry's and 10 others.
  for (int i = 0; i < 4; ++i) {
    std::vector<std::string> persons = {"John Kerry"};
    if (i < 2) persons.push_back("Maha Yassin");
    articles.push_back(make_article("k" + std::to_string(i), "t", "b", "2016-01-01", persons,
                                    i == 0 ? std::vector<std::string>{"United States", "Geneva"}
                                           : std::vector<std::string>{"United States"}));
  }
  for (int i = 0; i < 16; ++i) {
    articles.push_back(make_article("o" + std::to_string(i), "t", "b", "2016-01-01", {},
                                    i < 10 ? std::vector<std::string>{"United States", "Geneva"}
                                           : std::vector<std::string>{"United States"}));
  }
  Xapian::WritableDatabase db = gazette::test::make_index(articles);
  gazette::Searcher s(db, "test");
  gazette::SearchRequest r;
  r.related = {"person", "kerry"};  // an alias of John Kerry
  r.limit = 0;
  gazette::SearchResult res = s.search(r);
  CHECK(res.related.field == "person");
  CHECK(res.related.value == "John Kerry");
  CHECK(res.related.total == 4);
  REQUIRE(res.related.values.size() == 1);  // US and Geneva are no more common with Kerry
  CHECK(res.related.values[0].value == "Maha Yassin");
  CHECK(res.related.values[0].count == 2);
  CHECK(res.related.values[0].index_count == 2);
  CHECK(res.facets.empty());
  r.related = {"colour", "red"};
  CHECK_THROWS_AS(s.search(r), gazette::UsageError);
}

#include "searcher/facets.h"

#include <catch2/catch.hpp>

#include "tests/support/test_db.h"

namespace {

std::vector<gazette::FacetResult> count(const Xapian::Database& db, const Xapian::Query& q,
                                        std::vector<std::string> names, size_t top_n,
                                        gazette::DateGranularity g =
                                            gazette::DateGranularity::kMonth) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  gazette::SpyFacetCounter counter(names);
  counter.attach(&enquire);
  enquire.get_mset(0, 0, db.get_doccount());
  gazette::FacetAggregator aggregator(names, top_n, g);
  counter.add_to(&aggregator);
  return aggregator.results();
}

std::string render(const gazette::FacetResult& f) {
  std::string out;
  for (const auto& v : f.values) out += v.value + "=" + std::to_string(v.count) + " ";
  return out;
}

}  // namespace

TEST_CASE("multi-valued facets count each article once per value", "[facets]") {
  using gazette::test::make_article;
  Xapian::WritableDatabase db = gazette::test::make_index({
      make_article("1", "a", "x", "2016-02-01", {"John Kerry", "Sergey Lavrov"}, {"Syria"}),
      make_article("2", "b", "x", "2016-02-03", {"Sergey Lavrov", "John Kerry"}, {"Syria"}),
      make_article("3", "c", "x", "2016-03-01", {"JOHN KERRY"}, {"Iran", "Syria"}),
      make_article("4", "d", "x", "2015-12-31", {"john kerry", "Bashar al-Assad"}, {}),
      make_article("5", "e", "x", "", {}, {"Iran"}),
  });
  auto r = count(db, Xapian::Query::MatchAll, {"person", "place", "date"}, 10);
  REQUIRE(r.size() == 3);
  // The spelling shown is the most common; ties go to the smallest.
  CHECK(render(r[0]) == "John Kerry=4 Sergey Lavrov=2 Bashar al-Assad=1 ");
  CHECK(r[0].distinct == 3);
  CHECK(render(r[1]) == "Syria=3 Iran=2 ");
  CHECK(render(r[2]) == "2015-12=1 2016-02=2 2016-03=1 ");

  auto top1 = count(db, Xapian::Query::MatchAll, {"person"}, 1);
  CHECK(render(top1[0]) == "John Kerry=4 ");
  auto years = count(db, Xapian::Query::MatchAll, {"date"}, 10, gazette::DateGranularity::kYear);
  CHECK(render(years[0]) == "2015=1 2016=3 ");
  auto days = count(db, Xapian::Query("XLiran"), {"date", "person"}, 0,
                    gazette::DateGranularity::kDay);
  CHECK(render(days[0]) == "2016-03-01=1 ");
  CHECK(render(days[1]) == "JOHN KERRY=1 ");
}

TEST_CASE("ties in facet counts are ordered by value", "[facets]") {
  using gazette::test::make_article;
  Xapian::WritableDatabase db = gazette::test::make_index({
      make_article("1", "a", "x", "", {}, {"Beta", "Alpha"}),
      make_article("2", "b", "x", "", {}, {"Gamma"}),
  });
  auto r = count(db, Xapian::Query::MatchAll, {"place"}, 0);
  CHECK(render(r[0]) == "Alpha=1 Beta=1 Gamma=1 ");
}

TEST_CASE("the aggregator merges counts from several sources", "[facets]") {
  gazette::FacetAggregator agg({"place", "date"}, 2, gazette::DateGranularity::kMonth);
  CHECK(agg.wants(gazette::Facet::kPlace));
  CHECK_FALSE(agg.wants(gazette::Facet::kPerson));
  // Two shards: spellings merge by key, the most common spelling is shown.
  agg.add_value(gazette::Facet::kPlace, "Zürich", "zurich", 2);
  agg.add_value(gazette::Facet::kPlace, "Geneva", "geneva", 3);
  agg.add_value(gazette::Facet::kPlace, "ZURICH", "", 1);
  agg.add_value(gazette::Facet::kPlace, "Zürich", "zurich", 2);
  agg.add_value(gazette::Facet::kPlace, "Bern", "bern", 1);
  agg.add_day(16861, 2);  // 2016-03-01
  agg.add_day(16860, 1);  // 2016-02-29
  agg.add_day(16862, 1);
  auto r = agg.results();
  CHECK(render(r[0]) == "Zürich=5 Geneva=3 ");
  CHECK(r[0].distinct == 3);
  CHECK(render(r[1]) == "2016-02=1 2016-03=3 ");
}

TEST_CASE("facet prefixes match the start of any word, folded", "[facets]") {
  auto [display, prefix, expected] = GENERATE(table<const char*, const char*, bool>({
      {"John Kerry", "ker", true},
      {"John Kerry", "john k", true},
      {"John Kerry", "", true},
      {"John Kerry", "erry", false},
      {"Bashar al-Assad", "assad", true},
      {"Bashar al-Assad", "al-a", true},
      {"São Paulo", "sao", true},
      {"Zürich", "zur", true},
      {"Kerry", "kerryx", false},
  }));
  CAPTURE(display, prefix);
  CHECK(gazette::matches_prefix(display, prefix) == expected);
}

TEST_CASE("auto date granularity follows the span of the dated matches", "[facets]") {
  using G = gazette::DateGranularity;
  auto [days, expected] = GENERATE(table<long, G>({
      {1, G::kDay}, {7, G::kDay}, {62, G::kDay}, {63, G::kMonth}, {366, G::kMonth},
      {5 * 366, G::kMonth}, {5 * 366 + 1, G::kYear},
  }));
  CAPTURE(days);
  CHECK(gazette::auto_granularity(days) == expected);

  // A week of matches: by day; a year: by month; the result says which.
  gazette::FacetAggregator week({"date"}, 10, G::kAuto);
  week.add_day(16861, 2);  // 2016-03-01
  week.add_day(16867, 1);  // 2016-03-07
  auto w = week.results();
  CHECK(render(w[0]) == "2016-03-01=2 2016-03-07=1 ");
  CHECK(w[0].granularity == G::kDay);
  gazette::FacetAggregator year({"date"}, 10, G::kAuto);
  year.add_day(16861, 2);        // 2016-03-01
  year.add_day(16861 + 300, 1);  // 2016-12-26
  auto y = year.results();
  CHECK(render(y[0]) == "2016-03=2 2016-12=1 ");
  CHECK(y[0].granularity == G::kMonth);
}

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
  gazette::FacetCounter counter(names, top_n, g);
  counter.attach(&enquire);
  enquire.get_mset(0, 0, db.get_doccount());
  return counter.results();
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

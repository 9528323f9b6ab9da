#include "searcher/count_plan.h"

#include <catch2/catch.hpp>

#include <random>

#include "common/entities.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "searcher/query_builder.h"
#include "tests/support/test_db.h"

namespace {

// A glass shard of `n` random articles (the plan needs posting lists and a
// facet store built from the real schema), in `dir`.
Xapian::Database random_shard(const gazette::test::TempDir& dir, int n, std::mt19937* rng) {
  static const char* kWords[] = {"oil", "gas", "coal", "price", "bank", "trade", "yen", "gold"};
  static const char* kPlaces[] = {"Syria", "Iran", "Japan", "Peru"};
  Xapian::WritableDatabase db(dir.path() + "/shard", Xapian::DB_CREATE);
  gazette::DocumentBuilder builder;
  for (int i = 0; i < n; ++i) {
    std::string body;
    for (int w = 0; w < 6; ++w) body += std::string(kWords[(*rng)() % 8]) + " ";
    if ((*rng)() % 30 == 0) body += "tariff";  // a rare word, for dense facet filters
    std::vector<std::string> places;
    for (int p = 0; p < 4; ++p)
      if ((*rng)() % 3 == 0) places.push_back(kPlaces[p]);
    std::string date;
    if ((*rng)() % 5 != 0) {
      date = "2016-0" + std::to_string(1 + (*rng)() % 9) + "-1" + std::to_string((*rng)() % 10);
    }
    std::vector<std::string> persons;
    if ((*rng)() % 2 == 0) persons.push_back((*rng)() % 2 ? "Ann Lee" : "Bo Chen");
    gazette::Article a = gazette::test::make_article("a" + std::to_string(i), "t", body, date,
                                                     persons, places);
    gazette::canonicalise_entities(&a);
    db.replace_document(gazette::id_term(a.id), builder.build(a));
    if (i % 7 == 3) db.delete_document(gazette::id_term("a" + std::to_string(i - 1)));
  }
  db.commit();
  return Xapian::Database(dir.path() + "/shard");
}

// Xapian's answer: the matching docids.
std::vector<Xapian::docid> xapian_matches(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire e(db);
  e.set_query(q);
  e.set_weighting_scheme(Xapian::BoolWeight());
  e.set_docid_order(Xapian::Enquire::ASCENDING);
  std::vector<Xapian::docid> out;
  Xapian::MSet m = e.get_mset(0, db.get_doccount());
  for (auto it = m.begin(); it != m.end(); ++it) out.push_back(*it);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("count plans count exactly what Xapian matches", "[count_plan]") {
  gazette::test::TempDir dir;
  std::mt19937 rng(42);
  Xapian::Database db = random_shard(dir, 400, &rng);
  // Both ordinal widths: 16 bits (what a shard this small gets) and 32.
  const bool narrow = GENERATE(true, false);
  CAPTURE(narrow);
  std::unique_ptr<gazette::FacetStore> store =
      gazette::FacetStore::from_bytes(gazette::FacetStore::build(db, narrow));
  REQUIRE(store);
  REQUIRE(gazette::FacetStore::build(db, narrow).size() !=
          gazette::FacetStore::build(db, !narrow).size());
  gazette::QueryBuilder qb(db);
  const char* queries[] = {
      "oil", "oil gas", "oil OR gas", "oil NOT gas", "oil OR gas NOT coal", "(oil OR yen) gold",
      "place:syria", "place:syria oil", "date:2016-03", "date:2016-02..2016-04 bank",
      "date:..2016-02 OR date:2016-08..", "price -place:iran", "pric*", "", "zzz", "oil date:2017",
      "NOT oil", "oil AND NOT place:peru AND date:2016-05..2016-06",
      // A rare word with filters that match far more: checked in the store.
      "tariff place:syria", "tariff (place:syria OR place:iran)", "tariff place:syria place:japan",
      "tariff person:\"ann lee\"", "tariff place:syria -place:peru", "tariff place:atlantis",
      "tariff (place:syria OR place:atlantis)", "tariff place:syria date:2016-03..2016-07",
  };
  for (const char* text : queries) {
    CAPTURE(text);
    Xapian::Query q = qb.parse(text);
    std::unique_ptr<gazette::CountPlan> plan = gazette::CountPlan::compile(q);
    REQUIRE(plan);
    std::vector<uint32_t> values(store->value_count()), days(store->day_span() + 1);
    gazette::CountOutcome got = gazette::count_plan(*plan, db, *store, values.data(),
                                                     days.data(), {});
    std::vector<Xapian::docid> want = xapian_matches(db, q);
    CHECK(got.total == static_cast<long>(want.size()));
    CHECK_FALSE(got.truncated);
    // The counters equal the facet values and days of exactly those documents.
    std::vector<uint32_t> want_values(store->value_count()), want_days(store->day_span() + 1);
    for (Xapian::docid d : want) {
      store->for_each_value(d, [&](uint32_t ord) {
        ++want_values[ord];
        return true;
      });
      ++want_days[store->day_slot(d)];
    }
    CHECK(values == want_values);
    CHECK(days == want_days);

    // Counting only the facets before place (persons), without days:
    // the counters below the limit are the same, the rest stay zero.
    const uint32_t limit = store->facet_begin(1);
    std::vector<uint32_t> part(store->value_count()), no_days(store->day_span() + 1);
    gazette::CountOptions only_persons;
    only_persons.value_limit = limit;
    only_persons.days = false;
    gazette::CountOutcome some = gazette::count_plan(*plan, db, *store, part.data(), no_days.data(),
                                                     {}, nullptr, only_persons);
    CHECK(some.total == got.total);
    for (uint32_t ord = 0; ord < part.size(); ++ord) {
      CAPTURE(ord);
      CHECK(part[ord] == (ord < limit ? want_values[ord] : 0));
    }
    CHECK(std::all_of(no_days.begin(), no_days.end(), [](uint32_t n) { return n == 0; }));
    CHECK(limit > 0);
    CHECK(limit < store->value_count());
  }
}

TEST_CASE("queries a plan cannot do have none", "[count_plan]") {
  gazette::test::TempDir dir;
  std::mt19937 rng(7);
  Xapian::Database db = random_shard(dir, 10, &rng);
  gazette::QueryBuilder qb(db);
  CHECK_FALSE(gazette::CountPlan::compile(qb.parse("\"oil gas\"")));
  CHECK_FALSE(gazette::CountPlan::compile(qb.parse("oil NEAR gas")));
  CHECK_FALSE(gazette::CountPlan::compile(
      Xapian::Query(Xapian::Query::OP_VALUE_RANGE, gazette::slot::kSortTime, "1", "2")));
  CHECK(gazette::CountPlan::compile(qb.parse("oil OR gas")));
}

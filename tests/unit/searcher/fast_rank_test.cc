#include "searcher/fast_rank.h"

#include <catch2/catch.hpp>

#include <random>

#include "common/entities.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "searcher/query_builder.h"
#include "searcher/ranking.h"
#include "searcher/search.h"
#include "tests/support/test_db.h"

namespace {

// A glass shard at `path` of `n` random articles of very different lengths
// (BM25's length normalisation must see them), some deleted.
void random_shard(const std::string& path, int first, int n, std::mt19937* rng) {
  static const char* kWords[] = {"oil", "gas", "coal", "price", "bank", "trade", "yen",
                                 "gold", "wheat", "tariff", "export", "crude"};
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
  gazette::DocumentBuilder builder;
  for (int i = first; i < first + n; ++i) {
    std::string title, body;
    for (int w = 0; w < 2; ++w) title += std::string(kWords[(*rng)() % 12]) + " ";
    const int words = 1 + static_cast<int>((*rng)() % 200);
    for (int w = 0; w < words; ++w) {
      // A skewed draw, so some words repeat a lot in some articles (high wdf).
      const unsigned r = (*rng)() % 100;
      body += std::string(kWords[r < 40 ? r % 3 : r % 12]) + " ";
    }
    gazette::Article a = gazette::test::make_article("a" + std::to_string(i), title, body,
                                                     "2016-03-0" + std::to_string(1 + i % 9));
    gazette::canonicalise_entities(&a);
    db.replace_document(gazette::id_term(a.id), builder.build(a));
    if (i % 11 == 5) db.delete_document(gazette::id_term("a" + std::to_string(i - 2)));
  }
  db.set_metadata(gazette::meta::kSchema, std::to_string(gazette::kSchemaVersion));
  db.commit();
}

struct Ranked {
  std::vector<Xapian::docid> docids;
  std::vector<double> weights;
};

Ranked rank(const Xapian::Database& db, const Xapian::Query& q, const Xapian::Weight& weight) {
  Xapian::Enquire e(db);
  e.set_query(q);
  e.set_weighting_scheme(weight);
  Ranked out;
  Xapian::MSet m = e.get_mset(0, db.get_doccount());
  for (auto it = m.begin(); it != m.end(); ++it) {
    out.docids.push_back(*it);
    out.weights.push_back(it.get_weight());
  }
  return out;
}

}  // namespace

TEST_CASE("BM25 from the facet stores' lengths gives Xapian's weights bit for bit",
          "[fast_rank]") {
  gazette::test::TempDir dir;
  std::mt19937 rng(7);
  random_shard(dir.path() + "/s0", 0, 300, &rng);
  random_shard(dir.path() + "/s1", 300, 250, &rng);
  Xapian::Database s0(dir.path() + "/s0"), s1(dir.path() + "/s1");
  std::unique_ptr<gazette::FacetStore> st0 = gazette::FacetStore::from_bytes(gazette::FacetStore::build(s0));
  std::unique_ptr<gazette::FacetStore> st1 = gazette::FacetStore::from_bytes(gazette::FacetStore::build(s1));
  REQUIRE(st0);
  REQUIRE(st1);
  for (Xapian::PostingIterator it = s0.postlist_begin(""); it != s0.postlist_end(""); ++it)
    REQUIRE(st0->doc_length(*it) == s0.get_doclength(*it));

  Xapian::Database both;
  both.add_database(s0);
  both.add_database(s1);
  auto stores = std::make_shared<gazette::StoreSet>();
  stores->by_uuid[s0.get_uuid()] = st0.get();
  stores->by_uuid[s1.get_uuid()] = st1.get();

  gazette::QueryBuilder qb(both);
  const char* texts[] = {"oil", "oil gas", "tariff export crude", "oil OR yen", "gold -oil",
                         "title:oil price", "\"oil gas\" coal", "oil oil gas", "pric*",
                         "bank NOT coal OR wheat", "zzz", "coal date:2016-03-02..2016-03-05"};
  const std::pair<double, double> params[] = {{1.2, 0.2}, {1.2, 0.75}, {2.0, 1.0}, {0.9, 0.0}};
  int replaced = 0;
  for (const char* text : texts) {
    for (auto [k1, b] : params) {
      gazette::RankingOptions options;
      options.k1 = k1;
      options.b = b;
      // The ranked plan: any word, all-words bonus, title boosts (OP_SCALE_WEIGHT).
      gazette::RankPlan plan = gazette::plan_ranking(&qb, text, options);
      for (const Xapian::Query& q : {plan.rank, plan.strict}) {
        CAPTURE(text, k1, b, q.get_description());
        const gazette::Bm25Params p{k1, b, gazette::kBm25MinNormlen};
        Xapian::Query fast = gazette::fast_rank_query(q, both, p, stores);
        const bool changed = fast.get_description().find("Bm25Source") != std::string::npos;
        replaced += changed;
        std::unique_ptr<Xapian::Weight> weight = gazette::make_weight(options);
        Ranked want = rank(both, q, *weight);
        Ranked got = rank(both, fast, *weight);
        REQUIRE(got.docids == want.docids);
        for (size_t i = 0; i < want.weights.size(); ++i) {
          CAPTURE(i);
          REQUIRE(got.weights[i] == want.weights[i]);  // exactly
        }
      }
    }
  }
  // Most of those queries have words outside phrases: the fast path ran.
  CHECK(replaced >= 60);

  SECTION("a thread's copy ranks only its own shard's documents") {
    auto only = std::make_shared<gazette::StoreSet>(*stores);
    only->only_uuid = s1.get_uuid();
    Xapian::Query fast = gazette::fast_rank_query(qb.parse("oil"), both,
                                                  {1.2, 0.75, gazette::kBm25MinNormlen}, only);
    Ranked got = rank(both, fast, Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
    REQUIRE(!got.docids.empty());
    for (Xapian::docid d : got.docids) CHECK(d % 2 == 0);  // shard 1's docids interleave as even
  }
}

TEST_CASE("the facet store keeps every document's length and stored record", "[fast_rank]") {
  gazette::test::TempDir dir;
  std::mt19937 rng(11);
  random_shard(dir.path() + "/s", 0, 120, &rng);
  Xapian::Database db(dir.path() + "/s");
  std::unique_ptr<gazette::FacetStore> store =
      gazette::FacetStore::from_bytes(gazette::FacetStore::build(db));
  REQUIRE(store);
  REQUIRE(store->max_docid() == db.get_lastdocid());
  int present = 0;
  for (Xapian::docid d = 1; d <= db.get_lastdocid(); ++d) {
    CAPTURE(d);
    Xapian::Document doc;
    try {
      doc = db.get_document(d);
    } catch (const Xapian::DocNotFoundError&) {
      CHECK(store->record(d).empty());  // deleted
      CHECK(store->doc_length(d) == 0);
      continue;
    }
    ++present;
    CHECK(store->doc_length(d) == db.get_doclength(d));
    CHECK(store->record(d) == doc.get_value(gazette::slot::kRecord));
    CHECK(!store->record(d).empty());
  }
  CHECK(present == static_cast<int>(db.get_doccount()));
  CHECK(present < static_cast<int>(db.get_lastdocid()));  // the shard has deletions
}

TEST_CASE("searches rank identically with and without the facet stores", "[fast_rank]") {
  // Two shards with stores, searched through a stub: with stores the ranked
  // pass reads lengths from them (one-term queries rank while counting);
  // without, Xapian weighs; combined, one Enquire over both. Same hits, same
  // weights to the last bit, same totals.
  gazette::test::TempDir dir;
  std::mt19937 rng(3);
  random_shard(dir.path() + "/shard-000", 0, 260, &rng);
  random_shard(dir.path() + "/shard-001", 260, 240, &rng);
  REQUIRE(gazette::FacetStore::build_file(dir.path() + "/shard-000"));
  REQUIRE(gazette::FacetStore::build_file(dir.path() + "/shard-001"));
  dir.write("XAPIANDB", "auto shard-000\nauto shard-001\n");
  gazette::Searcher fast(dir.path(), gazette::CountMode::kAuto);
  gazette::Searcher slow(dir.path(), gazette::CountMode::kNoStores);
  gazette::Searcher combined(dir.path(), gazette::CountMode::kCombined);
  gazette::Searcher one_shot(dir.path(), gazette::CountMode::kAuto, /*one_shot=*/true);
  REQUIRE(fast.store_shards() == 2);
  REQUIRE(slow.store_shards() == 0);
  const char* texts[] = {"oil", "crude", "tariff", "gold", "zzz", "oil gas", "title:yen",
                         "export -oil", "\"oil gas\"", "pric*", "bank OR wheat"};
  for (const char* text : texts) {
    for (size_t limit : {size_t{1}, size_t{10}, size_t{200}}) {
      for (size_t offset : {size_t{0}, size_t{7}}) {
        gazette::SearchRequest req;
        req.query = text;
        req.limit = limit;
        req.offset = offset;
        req.snippet_bytes = 0;
        req.facets = {"date"};
        CAPTURE(text, limit, offset);
        const gazette::SearchResult want = slow.search(req);
        for (gazette::Searcher* s : {&fast, &combined, &one_shot}) {
          CAPTURE(s == &fast ? "fast" : s == &combined ? "combined" : "one_shot");
          const gazette::SearchResult got = s->search(req);
          REQUIRE(got.total == want.total);
          REQUIRE(got.hits.size() == want.hits.size());
          for (size_t i = 0; i < want.hits.size(); ++i) {
            CAPTURE(i);
            REQUIRE(got.hits[i].article.id == want.hits[i].article.id);
            REQUIRE(got.hits[i].score == want.hits[i].score);  // exactly
          }
        }
      }
    }
  }
}

#include "searcher/aliases.h"

#include <catch2/catch.hpp>

#include "searcher/search.h"
#include "tests/support/test_db.h"

namespace {

using gazette::Resolution;

Xapian::WritableDatabase index_with(const gazette::Synonyms& synonyms) {
  using gazette::test::make_article;
  return gazette::test::make_index(
      {
          make_article("a1", "Kerry in Geneva", "John Kerry met the envoy.", "2016-01-10",
                       {"John Kerry"}, {"Geneva"}),
          make_article("a2", "Clinton speaks", "Hillary Clinton spoke in the U.S. Senate.",
                       "2016-03-01", {"Hillary Clinton"}, {"USA"}),
          make_article("a3", "Clinton library", "Bill Clinton opened it.", "2016-04-01",
                       {"Bill Clinton", "Hillary Clinton"}, {"United States"}),
          make_article("a4", "Raqqa", "The Islamic State lost Raqqa.", "2017-10-17", {},
                       {"Syria"}, {"ISIL"}),
          make_article("a5", "Assad", "Bashar al-Assad spoke.", "2017-10-18",
                       {"Bashar al-Assad"}, {"Syria"}),
      },
      synonyms);
}

const gazette::Synonyms& synonyms() {
  static const gazette::Synonyms s = gazette::Synonyms::parse(
      "\"U.S.\" = USA = United States\nIS = ISIL = Islamic State\n", "syn");
  return s;
}

std::vector<std::string> ids(const gazette::SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.article.id);
  std::sort(out.begin(), out.end());
  return out;
}

gazette::SearchResult run(gazette::Searcher* s, const std::string& query,
                          std::vector<gazette::FieldValue> filters = {}) {
  gazette::SearchRequest r;
  r.query = query;
  r.filters = std::move(filters);
  return s->search(r);
}

}  // namespace

TEST_CASE("aliases: a unique partial name finds the full one and says so", "[aliases]") {
  Xapian::WritableDatabase db = index_with({});
  gazette::Searcher s(db, "test");
  for (const auto& res : {run(&s, "person:kerry"), run(&s, "", {{"person", "KERRY"}}),
                          run(&s, "person:assad"), run(&s, "person:\"al assad\"")}) {
    CHECK(res.total == 1);
    REQUIRE(res.resolutions.size() == 1);
    CHECK(res.resolutions[0].how == Resolution::How::kAlias);
    CHECK(res.resolutions[0].values.size() == 1);
  }
  CHECK(run(&s, "person:kerry").resolutions[0].values[0] == "John Kerry");
  // A value indexed as written is no resolution.
  CHECK(run(&s, "person:\"john kerry\"").resolutions.empty());
}

TEST_CASE("aliases: an ambiguous name matches nothing and lists candidates", "[aliases]") {
  Xapian::WritableDatabase db = index_with({});
  gazette::Searcher s(db, "test");
  const gazette::SearchResult res = run(&s, "", {{"person", "clinton"}});
  CHECK(res.total == 0);
  REQUIRE(res.resolutions.size() == 1);
  CHECK(res.resolutions[0].how == Resolution::How::kAmbiguous);
  using Candidates = std::vector<std::pair<std::string, long>>;
  CHECK(res.resolutions[0].candidates == Candidates{{"Hillary Clinton", 2}, {"Bill Clinton", 1}});
  CHECK(run(&s, "place:atlantis").resolutions.at(0).how == Resolution::How::kUnknown);
}

TEST_CASE("synonyms: facet values and text, from the query and from filters", "[aliases]") {
  Xapian::WritableDatabase db = index_with(synonyms());
  gazette::Searcher s(db, "test");
  // USA and United States were indexed as one place.
  CHECK(ids(run(&s, "place:\"united states\"")) == std::vector<std::string>{"a2", "a3"});
  const gazette::SearchResult usa = run(&s, "", {{"place", "U.S."}});
  CHECK(ids(usa) == std::vector<std::string>{"a2", "a3"});
  REQUIRE(usa.resolutions.size() == 1);
  CHECK(usa.resolutions[0].how == Resolution::How::kSynonym);
  CHECK(usa.resolutions[0].values == std::vector<std::string>{"United States"});
  CHECK(ids(run(&s, "group:IS")) == std::vector<std::string>{"a4"});
  // Text: "IS" finds "Islamic State", "U.S." finds an article saying only "U.S.".
  CHECK(ids(run(&s, "IS")) == std::vector<std::string>{"a4"});
  CHECK(ids(run(&s, "U.S. senate")) == std::vector<std::string>{"a2"});
  // Without synonyms in the index, "IS" is just a (stop)word.
  Xapian::WritableDatabase plain = index_with({});
  gazette::Searcher p(plain, "plain");
  CHECK(ids(run(&p, "ISIL")).empty());
}

TEST_CASE("synonym rewriting leaves fields, phrases and operators alone", "[aliases]") {
  Xapian::WritableDatabase db = index_with(synonyms());
  gazette::QueryBuilder qb(db);
  CHECK(qb.rewrite_synonyms("IS attacks") == "gzsyn:1 attacks");
  CHECK(qb.rewrite_synonyms("U.S. senate") == "gzsyn:0 senate");
  CHECK(qb.rewrite_synonyms("place:USA \"IS fighters\" title:usa") ==
        "place:USA \"IS fighters\" title:usa");
  CHECK(qb.rewrite_synonyms("oil OR gas") == "oil OR gas");
}

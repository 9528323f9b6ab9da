#include "searcher/result_json.h"

#include <catch2/catch.hpp>

#include "tests/support/test_db.h"

TEST_CASE("result JSON has the documented shape", "[result_json]") {
  gazette::SearchRequest r;
  r.query = "kerry";
  r.filters = {{"place", "Syria"}};
  r.facets = {"person", "date"};
  gazette::SearchResult res;
  res.total = 1;
  gazette::Hit h;
  h.article = gazette::test::make_article("k1", "Kerry \"quoted\"", "b", "2016-02-12T10:00:00Z",
                                          {"John Kerry"}, {"Syria"}, {}, {"diplomacy"}, "Wire");
  h.rank = 1;
  h.score = 1.23456;
  h.snippet.text = "Kerry said";
  h.snippet.highlights = {{0, 5}};
  res.hits.push_back(h);
  gazette::Hit undated;
  undated.article.id = "u";
  undated.rank = 2;
  undated.all_words = false;
  res.hits.push_back(undated);
  res.facets.push_back({"person", {{"John Kerry", 1}}, 1});
  res.facets.push_back({"date", {{"2016-02", 1}}, 1});
  std::string out;
  gazette::write_result_json(r, res, false, 0, &out);
  CHECK(out ==
        R"({"format_version":1,"query":"kerry","filters":[{"field":"place","value":"Syria"}],)"
        R"("excludes":[],"sort":"relevance","match":"ranked","offset":0,"limit":10,"total":1,)"
        R"("hits":[{"id":"k1","rank":1,"score":1.2346,"matched":"all","title":"Kerry \"quoted\"",)"
        R"("date":"2016-02-12",)"
        R"("source":"Wire","url":null,"persons":["John Kerry"],"places":["Syria"],"groups":[],)"
        R"("topics":["diplomacy"],"snippet":"Kerry said","highlights":[[0,5]]},)"
        R"({"id":"u","rank":2,"score":0.0000,"matched":"partial","title":"","date":null,)"
        R"("source":null,"url":null,)"
        R"("persons":[],"places":[],"groups":[],"topics":[],"snippet":"","highlights":[]}],)"
        R"("facets":{"person":[{"value":"John Kerry","count":1}],"date":[{"value":"2016-02",)"
        R"("count":1}]},"date_granularity":"month"})"
        "\n");
  std::string timed;
  gazette::write_result_json(r, res, true, 0, &timed);
  CHECK_THAT(timed, Catch::Contains("\"timing\":{\"seconds\":"));
}

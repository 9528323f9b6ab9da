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

TEST_CASE("search feature keys appear only when used, in the documented places",
          "[result_json]") {
  gazette::SearchRequest r;
  r.query = "kery";
  r.snippet_bytes = 0;
  r.date_from = "2016";
  r.like_id = "k1";
  r.facet_prefixes = {{"person", "ker"}};
  gazette::SearchResult res;
  res.total = 2;
  gazette::Resolution alias;
  alias.field = "person";
  alias.given = "kerry";
  alias.how = gazette::Resolution::How::kAlias;
  alias.values = {"John Kerry"};
  res.resolutions.push_back(alias);
  res.spelling.suggestion = "kerry";
  res.spelling.corrections = {{"kery", "kerry"}};
  res.corrected = true;
  res.like_terms = {"truce"};
  res.related.field = "person";
  res.related.value = "John Kerry";
  res.related.total = 2;
  res.related.values.push_back({"place", "Syria", 2, 3, 4.567});
  std::string out;
  gazette::write_result_json(r, res, false, 0, &out);
  CHECK(out ==
        R"({"format_version":1,"query":"kery","filters":[],"excludes":[],"date_from":"2016",)"
        R"("facet_prefixes":[{"field":"person","value":"ker"}],)"
        R"("resolved":[{"field":"person","given":"kerry","how":"alias","values":["John Kerry"]}],)"
        R"("spelling":{"suggestion":"kerry","corrected":true,)"
        R"("corrections":[{"word":"kery","suggestion":"kerry"}]},)"
        R"("like":{"id":"k1","terms":["truce"]},"sort":"relevance","match":"ranked","offset":0,)"
        R"("limit":10,"total":2,"hits":[],"facets":{},"related":{"field":"person",)"
        R"("value":"John Kerry","total":2,"values":[{"field":"place","value":"Syria","count":2,)"
        R"("index_count":3,"score":4.57}]}})"
        "\n");
  // --count and --ids shapes.
  gazette::SearchRequest count;
  count.query = "oil";
  count.shape = gazette::ResultShape::kCount;
  std::string c;
  gazette::write_result_json(count, res, false, 0, &c);
  CHECK_THAT(c, Catch::EndsWith(R"("total":2})" "\n"));
  gazette::SearchRequest ids = count;
  ids.shape = gazette::ResultShape::kIds;
  gazette::Hit h;
  h.article.id = "a1";
  res.hits.push_back(h);
  std::string i;
  gazette::write_result_json(ids, res, false, 0, &i);
  CHECK_THAT(i, Catch::EndsWith(R"("total":2,"ids":["a1"]})" "\n"));
}

#include "searcher/result_csv.h"

#include <catch2/catch.hpp>

TEST_CASE("CSV fields are quoted as RFC 4180 requires", "[csv]") {
  auto [field, expected] = GENERATE(table<std::string, std::string>({
      {"plain", "plain"},
      {"", ""},
      {"a, b", "\"a, b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\r", "\"cr\r\""},
      {"Zürich; Genève", "Zürich; Genève"},
  }));
  CAPTURE(field);
  std::string out;
  gazette::append_csv_field(field, &out);
  CHECK(out == expected);
}

TEST_CASE("hits and facets as CSV tables with CRLF rows", "[csv]") {
  gazette::SearchResult r;
  gazette::Hit h;
  h.rank = 1;
  h.score = 2.5;
  h.article.id = "a1";
  h.article.title = "Oil, gas and \"power\"";
  h.article.persons = {"John Kerry", "Sergey Lavrov"};
  h.snippet.text = "…oil…";
  r.hits.push_back(h);
  r.facets.push_back({"place", {{"Syria", 3}, {"Washington, D.C.", 1}}, 2});
  std::string hits, facets;
  gazette::write_hits_csv(gazette::SearchRequest(), r, &hits);
  gazette::write_facets_csv(r, &facets);
  CHECK(hits ==
        "rank,id,score,matched,date,title,source,url,persons,places,groups,topics,snippet\r\n"
        "1,a1,2.5000,all,,\"Oil, gas and \"\"power\"\"\",,,John Kerry; Sergey Lavrov,,,,…oil…\r\n");
  CHECK(facets ==
        "facet,value,count,score\r\nplace,Syria,3,\r\nplace,\"Washington, D.C.\",1,\r\n");
}

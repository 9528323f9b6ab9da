#include "common/ner/truecase.h"

#include <catch2/catch.hpp>

namespace ner = gazette::ner;

TEST_CASE("truecase gives headline words their body casing", "[ner][truecase]") {
  ner::Gazetteer g = ner::Gazetteer::from_tsv("COMMON\trages\nCOMMON\treach\nCOMMON\tdeal\n");
  ner::TokenizedText t;
  ner::tokenize(
      "Violence Rages in Syria as Kerry Reach Deal\n\nKerry said the violence in Syria "
      "went on. A deal was near.",
      &t);
  ner::truecase(g, &t);
  REQUIRE(t.sentences.size() >= 2);
  CHECK(t.sentences[0].headline);
  CHECK_FALSE(t.sentences[1].headline);
  std::string head;
  for (uint32_t i = t.sentences[0].begin; i < t.sentences[0].end; ++i)
    head += t.tokens[i].text + " ";
  CHECK(head == "Violence rages in Syria as Kerry reach deal ");
}

TEST_CASE("truecase title-cases unknown words of an all-caps line", "[ner][truecase]") {
  ner::Gazetteer g = ner::Gazetteer::from_tsv("COMMON\tget\nCOMMON\twin\n");
  ner::TokenizedText t;
  ner::tokenize("JAPAN GET WIN OVER SYRIA\n\nJapan won easily.", &t);
  ner::truecase(g, &t);
  std::string head;
  for (uint32_t i = t.sentences[0].begin; i < t.sentences[0].end; ++i)
    head += t.tokens[i].text + " ";
  CHECK(head == "Japan get win Over Syria ");
}

#include "common/ner/conll.h"

#include <catch2/catch.hpp>

#include "common/error.h"

namespace ner = gazette::ner;

TEST_CASE("read_conll splits documents and sentences and converts IOB1", "[ner][conll]") {
  std::vector<ner::TrainingDoc> docs =
      ner::read_conll(GAZETTE_SOURCE_DIR "/tests/unit/ner/data/tiny.conll");
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].text.sentences.size() == 2);
  CHECK(docs[0].text.tokens.size() == 14);
  CHECK(docs[0].text.tokens[8].text == "John");
  ner::Tag b_per, i_per;
  REQUIRE(ner::parse_tag("B-PER", &b_per));
  REQUIRE(ner::parse_tag("I-PER", &i_per));
  CHECK(docs[0].gold[0] == b_per);  // I-PER opening a span became B-PER
  CHECK(docs[0].gold[8] == b_per);
  CHECK(docs[0].gold[9] == i_per);
}

TEST_CASE("read_conll reports unknown tags with the line", "[ner][conll]") {
  CHECK_THROWS_WITH(ner::read_conll(GAZETTE_SOURCE_DIR "/tests/unit/ner/conll_test.cc"),
                    Catch::Contains("conll_test.cc:"));
  CHECK_THROWS_AS(ner::read_conll("/nonexistent/file.conll"), gazette::Error);
}

TEST_CASE("Score counts exact spans only", "[ner][conll]") {
  using ner::EntityType;
  const ner::Tag O = ner::kOutside;
  const ner::Tag BP = ner::begin_tag(EntityType::kPerson),
                 IP = ner::inside_tag(EntityType::kPerson);
  const ner::Tag BL = ner::begin_tag(EntityType::kPlace);
  std::vector<ner::Tag> gold = {BP, IP, O, BL, O, BP};
  std::vector<ner::Tag> pred = {BP, O, O, BL, O, BP};
  ner::Score s;
  s.add(gold.data(), pred.data(), static_cast<uint32_t>(gold.size()));
  const ner::SpanCounts& per = s.by_type[0];
  CHECK(per.tp == 1);
  CHECK(per.predicted == 2);
  CHECK(per.gold == 2);
  CHECK(s.plo().tp == 2);
  CHECK(s.plo().f1() == Approx(200.0 / 3));
  CHECK(s.table().find("PER+LOC+ORG") != std::string::npos);
}

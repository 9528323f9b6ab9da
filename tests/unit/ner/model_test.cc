#include "common/ner/model.h"

#include <catch2/catch.hpp>

#include "common/error.h"

namespace ner = gazette::ner;

TEST_CASE("model files round-trip with 16-bit weights", "[ner][model]") {
  ner::Model m;
  float a[ner::kNumTags] = {1.5f, -2.25f, 0, 0, 0, 0, 0, 0, 3.0f};
  float b[ner::kNumTags] = {0, 0, 0, 0.001f, 0, 0, 0, 0, 0};
  m.set(42, a);
  m.set(7, b);
  m.gazetteer_fingerprint = 0x1234;
  m.info = "test model";
  std::string bytes = m.serialize();
  ner::Model r = ner::Model::parse(bytes);
  CHECK(r.features() == 2);
  CHECK(r.info == "test model");
  CHECK(r.gazetteer_fingerprint == 0x1234);
  float sc[ner::kNumTags] = {};
  r.add(42, sc);
  r.add(99, sc);  // unknown: no change
  CHECK(sc[0] == Approx(1.5f).margin(1e-3));
  CHECK(sc[1] == Approx(-2.25f).margin(1e-3));
  CHECK(sc[8] == Approx(3.0f).margin(1e-3));
  CHECK(r.serialize() == bytes);
  CHECK(bytes.find("test model") != std::string::npos);
}

TEST_CASE("model parsing rejects other files", "[ner][model]") {
  CHECK_THROWS_AS(ner::Model::parse("not a model at all"), gazette::Error);
  ner::Model m;
  std::string bytes = m.serialize();
  CHECK_THROWS_AS(ner::Model::parse(bytes.substr(0, bytes.size() - 3)), gazette::Error);
  CHECK_THROWS_AS(ner::Model::load_file("/nonexistent.gzm"), gazette::Error);
}

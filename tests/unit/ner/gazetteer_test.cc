#include "common/ner/gazetteer.h"

#include <catch2/catch.hpp>

namespace ner = gazette::ner;

namespace {

std::vector<uint64_t> lower_hashes(const ner::TokenizedText& t) {
  std::vector<uint64_t> h;
  for (const ner::Token& tok : t.tokens) h.push_back(ner::hash_bytes(ner::lower(tok.text)));
  return h;
}

}  // namespace

TEST_CASE("gazetteer looks names up case-insensitively by class", "[ner][gazetteer]") {
  ner::Gazetteer g = ner::Gazetteer::from_tsv(
      "# comment\nLOC\tNew York\nLOC\tYork\nORG\tNew York Times\nPER\tJohn Kerry\nBOGUS\tx\n"
      "COMMON\tmay\n");
  CHECK(g.size() == 4);
  CHECK(g.common_words() == 1);
  ner::TokenizedText t;
  ner::tokenize("NEW YORK", &t);
  std::vector<uint64_t> h = lower_hashes(t);
  CHECK(g.lookup(h.data(), h.size()) == (1u << ner::kGazLoc));
  CHECK(g.is_common(ner::hash_bytes("may")));
  CHECK_FALSE(g.is_common(ner::hash_bytes("kerry")));
}

TEST_CASE("gazetteer match takes the longest name per class", "[ner][gazetteer]") {
  ner::Gazetteer g = ner::Gazetteer::from_tsv("LOC\tNew York\nLOC\tYork\nORG\tNew York Times\n");
  ner::TokenizedText t;
  ner::tokenize("the New York Times in York", &t);
  std::vector<uint32_t> bits(t.tokens.size());
  g.match(t.tokens, 0, static_cast<uint32_t>(t.tokens.size()), bits.data());
  CHECK(bits[0] == 0);  // "the": not capitalised
  CHECK(bits[1] == (ner::gaz_bit(ner::kGazLoc, 1) | ner::gaz_bit(ner::kGazOrg, 1)));
  CHECK(bits[2] == (ner::gaz_bit(ner::kGazLoc, 2) | ner::gaz_bit(ner::kGazOrg, 2)));
  CHECK(bits[3] == ner::gaz_bit(ner::kGazOrg, 2));
  CHECK(bits[5] == ner::gaz_bit(ner::kGazLoc, 0));
}

TEST_CASE("gazetteer fingerprint depends on contents, not order", "[ner][gazetteer]") {
  auto a = ner::Gazetteer::from_tsv("LOC\tParis\nORG\tOPEC\n");
  auto b = ner::Gazetteer::from_tsv("ORG\tOPEC\nLOC\tParis\n");
  auto c = ner::Gazetteer::from_tsv("LOC\tParis\nORG\tNATO\n");
  CHECK(a.fingerprint() == b.fingerprint());
  CHECK(a.fingerprint() != c.fingerprint());
}

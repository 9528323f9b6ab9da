#include "common/ner/text.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace ner = gazette::ner;

namespace {

std::vector<std::string> words(const ner::TokenizedText& t) {
  std::vector<std::string> out;
  for (const ner::Token& tok : t.tokens) out.push_back(tok.text);
  return out;
}

}  // namespace

TEST_CASE("tokenize keeps byte offsets into the source", "[ner][text]") {
  std::string text = "Kerry\xE2\x80\x99s aide met U.S. officials.";
  ner::TokenizedText t;
  ner::tokenize(text, &t);
  REQUIRE(words(t) ==
          std::vector<std::string>{"Kerry", "'s", "aide", "met", "U.S.", "officials", "."});
  for (const ner::Token& tok : t.tokens) {
    CAPTURE(tok.text);
    CHECK(tok.end > tok.begin);
    CHECK(tok.end <= text.size());
  }
  CHECK(text.substr(t.tokens[1].begin, t.tokens[1].end - t.tokens[1].begin) == "\xE2\x80\x99s");
  CHECK(text.substr(t.tokens[4].begin, t.tokens[4].end - t.tokens[4].begin) == "U.S.");
}

TEST_CASE("tokenize splits name suffixes and prefixes but keeps particles", "[ner][text]") {
  auto [in, want] = GENERATE(table<std::string, std::vector<std::string>>({
      {"the Britain-based group", {"the", "Britain", "-", "based", "group"}},
      {"Al-Qaeda-linked Nusra Front", {"Al-Qaeda", "-", "linked", "Nusra", "Front"}},
      {"pro-Assad forces", {"pro", "-", "Assad", "forces"}},
      {"Bashar al-Assad", {"Bashar", "al-Assad"}},
      {"the Pittsburgh Post-Gazette", {"the", "Pittsburgh", "Post-Gazette"}},
      {"the U.S.-Mexico border", {"the", "U.S.", "-", "Mexico", "border"}},
      {"Mr. Smith doesn't", {"Mr.", "Smith", "does", "n't"}},
      {"1,500 people, 3.5%", {"1,500", "people", ",", "3.5", "%"}},
  }));
  CAPTURE(in);
  ner::TokenizedText t;
  ner::tokenize(in, &t);
  CHECK(words(t) == want);
}

TEST_CASE("tokenize splits sentences and paragraphs", "[ner][text]") {
  ner::TokenizedText t;
  ner::tokenize("Title Line\n\nHe met Mr. Jones. They talked. \"Yes.\" It ended", &t);
  REQUIRE(t.sentences.size() == 5);
  CHECK(t.tokens[t.sentences[0].begin].text == "Title");
  CHECK(t.tokens[t.sentences[1].begin].text == "He");
  CHECK(t.tokens[t.sentences[2].begin].text == "They");
  CHECK(t.tokens[t.sentences[3].begin].text == "\"");
  CHECK(t.tokens[t.sentences[4].begin].text == "It");
}

TEST_CASE("case helpers and shapes", "[ner][text]") {
  CHECK(ner::lower("ZÜRICH Ärger") == "zürich ärger");
  CHECK(ner::title_case("AMMAN") == "Amman");
  CHECK(ner::title_case("AL-ASSAD") == "Al-Assad");
  CHECK(ner::is_all_caps("NATO"));
  CHECK(ner::is_all_caps("U.S."));
  CHECK_FALSE(ner::is_all_caps("Nato"));
  CHECK_FALSE(ner::is_all_caps("1995"));
  std::string s;
  ner::short_shape_into("McDonald's", &s);
  CHECK(s == "XxXx'x");
  ner::shape_into("A1b", &s);
  CHECK(s == "Xdx");
}

#include "common/ner/tagger.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "common/ner/conll.h"
#include "common/ner/resources.h"
#include "common/ner/truecase.h"

namespace ner = gazette::ner;

TEST_CASE("a model trained on a few sentences tags them back", "[ner][tagger]") {
  std::vector<ner::TrainingDoc> docs =
      ner::read_conll(GAZETTE_SOURCE_DIR "/tests/unit/ner/data/tiny.conll");
  ner::Gazetteer g = ner::Gazetteer::from_tsv("LOC\tGeneva\nLOC\tVienna\n");
  ner::TrainOptions opt;
  opt.epochs = 8;
  int epochs_seen = 0;
  opt.on_epoch = [&](int, long) { ++epochs_seen; };
  ner::Model m = ner::train(docs, &g, nullptr, opt);
  CHECK(epochs_seen == 8);
  CHECK(m.features() > 100);
  CHECK(m.gazetteer_fingerprint == g.fingerprint());
  ner::Tagger tagger(&m, &g, nullptr);
  ner::Score score;
  std::vector<ner::Tag> tags;
  for (const ner::TrainingDoc& d : docs) {
    tagger.tag(d.text, &tags);
    REQUIRE(tags.size() == d.gold.size());
    for (const ner::Sentence& s : d.text.sentences)
      score.add(&d.gold[s.begin], &tags[s.begin], s.end - s.begin);
  }
  CHECK(score.all().f1() == Approx(100.0));
  // Training is deterministic.
  ner::Model again = ner::train(docs, &g, nullptr, opt);
  CHECK(again.serialize() == m.serialize());
}

TEST_CASE("decoding never produces an I- tag without its B-", "[ner][tagger]") {
  std::vector<ner::TrainingDoc> docs =
      ner::read_conll(GAZETTE_SOURCE_DIR "/tests/unit/ner/data/tiny.conll");
  ner::TrainOptions opt;
  opt.epochs = 2;
  ner::Model m = ner::train(docs, nullptr, nullptr, opt);
  ner::Tagger tagger(&m, nullptr, nullptr);
  ner::TokenizedText t;
  ner::tokenize("Nations met Kerry John in Amman Vienna Reuters . Nations", &t);
  std::vector<ner::Tag> tags;
  tagger.tag(t, &tags);
  for (const ner::Sentence& s : t.sentences) {
    ner::Tag prev = ner::kOutside;
    for (uint32_t i = s.begin; i < s.end; ++i) {
      CHECK(ner::allowed_transition(prev, tags[i]));
      prev = tags[i];
    }
  }
}

namespace {

// The tokens of the bundled corpus's articles (title, blank line, body).
std::vector<ner::TokenizedText> corpus_texts() {
  std::vector<ner::TokenizedText> out;
  std::ifstream in(GAZETTE_SOURCE_DIR "/corpus/articles.jsonl");
  std::string line;
  auto field = [](const std::string& l, const std::string& name) {
    // Enough JSON for this file: "name": "value" with \n and \" escapes.
    std::string key = "\"" + name + "\": \"";
    size_t p = l.find(key);
    std::string v;
    if (p == std::string::npos) return v;
    for (size_t i = p + key.size(); i < l.size() && l[i] != '"'; ++i) {
      if (l[i] == '\\' && i + 1 < l.size()) {
        ++i;
        v.push_back(l[i] == 'n' ? '\n' : l[i]);
      } else {
        v.push_back(l[i]);
      }
    }
    return v;
  };
  while (std::getline(in, line)) {
    ner::TokenizedText t;
    ner::tokenize(field(line, "title") + "\n\n" + field(line, "body"), &t);
    ner::truecase(ner::builtin_gazetteer(), &t);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

TEST_CASE("pruning plain tokens skips most scoring and keeps the tags", "[ner][tagger]") {
  const ner::Model* model = ner::builtin_model();
  REQUIRE(model != nullptr);
  std::vector<ner::TokenizedText> texts = corpus_texts();
  REQUIRE(texts.size() >= 10);
  ner::Tagger pruned(model, &ner::builtin_gazetteer(), ner::builtin_clusters());
  ner::Tagger full(model, &ner::builtin_gazetteer(), ner::builtin_clusters());
  full.set_pruning(false);
  long tokens = 0, differ = 0, entity_tokens = 0;
  std::vector<ner::Tag> a, b;
  for (const ner::TokenizedText& t : texts) {
    pruned.tag(t, &a);
    full.tag(t, &b);
    REQUIRE(a.size() == b.size());
    tokens += static_cast<long>(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      differ += a[i] != b[i];
      entity_tokens += b[i] != ner::kOutside;
    }
  }
  CHECK(full.scored_tokens() == tokens);
  // News text is mostly lower-case words and punctuation.
  CHECK(pruned.scored_tokens() < tokens / 2);
  CHECK(entity_tokens > 500);
  // A plain token after O is an entity start almost never: the tags agree.
  CHECK(differ * 1000 <= tokens);
}

TEST_CASE("pruning still scores plain tokens inside an entity", "[ner][tagger]") {
  ner::TokenizedText t;
  ner::tokenize("Officials at the Bank of England said on Tuesday that rates would stay.", &t);
  ner::Tagger tagger(ner::builtin_model(), &ner::builtin_gazetteer(), ner::builtin_clusters());
  std::vector<ner::Tag> tags;
  tagger.tag(t, &tags);
  std::vector<ner::Span> spans;
  ner::spans_of(tags.data(), static_cast<uint32_t>(tags.size()), 0, &spans);
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].type == ner::EntityType::kGroup);
  CHECK(t.tokens[spans[0].begin].text == "Bank");
  CHECK(spans[0].end - spans[0].begin == 3);  // "of" was scored after B-ORG
}

#include "common/ner/tagger.h"

#include <catch2/catch.hpp>

#include "common/ner/conll.h"

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

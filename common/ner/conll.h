#pragma once
// CoNLL-2003 data: reading annotated files and conlleval-style scoring.
//
// File grammar (the CoNLL-2003 shared task format):
//   file     := ( docstart | blank | token )*
//   docstart := "-DOCSTART-" ... LF          starts a new document
//   blank    := LF                           ends a sentence
//   token    := WORD ( SP column )* SP TAG LF   the last column is the NE tag
// Tags are IOB1 or BIO ("I-PER" may open a span); they are converted to BIO.

#include <array>
#include <string>
#include <vector>

#include "common/ner/tagger.h"

namespace gazette::ner {

// Reads a CoNLL file into documents. Throws gazette::Error if the file cannot
// be read or a line has an unknown tag (message names file and line).
std::vector<TrainingDoc> read_conll(const std::string& path);

// Counts for one entity type: true positives, predicted and gold spans.
struct SpanCounts {
  long tp = 0, predicted = 0, gold = 0;
  double precision() const { return predicted ? 100.0 * tp / predicted : 0.0; }
  double recall() const { return gold ? 100.0 * tp / gold : 0.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  SpanCounts& operator+=(const SpanCounts& o) {
    tp += o.tp;
    predicted += o.predicted;
    gold += o.gold;
    return *this;
  }
};

// conlleval scoring: exact span and type matches, per sentence.
struct Score {
  std::array<SpanCounts, kNumTypes> by_type;
  long tokens = 0;
  SpanCounts plo() const;  // micro over PER+LOC+ORG
  SpanCounts all() const;  // micro over all four types
  // Adds the spans of one sentence.
  void add(const Tag* gold, const Tag* predicted, uint32_t n);
  // A table: type, P, R, F1, tp, predicted, gold; rows PER LOC ORG MISC PER+LOC+ORG ALL.
  std::string table() const;
};

}  // namespace gazette::ner

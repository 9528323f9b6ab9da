#pragma once
// The greedy averaged-perceptron BIO tagger: feature extraction, decoding and
// training.
//
// Features of token i (each hashed with feature_hash.h; template numbers are
// part of the model format, see kFeatureVersion):
//   static:  bias, word, lowercase word, short shape, long shape (8 chars),
//            lowercase prefixes and suffixes of 1-4 bytes, lowercase words at
//            -2..+2, short shapes at -1/+1 and their trigram, word bigrams
//            (-1,0) and (0,+1), first token, all-caps line (+ word), headline,
//            hyphen; for capitalised words, whether the document also has
//            the word in lower case or capitalised mid-sentence; with a gazetteer: longest-match
//            B/I/U bits per list for the token (alone and x shape) and its neighbours, "capitalised
//            common word"; with word clusters: coarse and fine cluster of the
//            word (fine x shape) and fine clusters of its neighbours
//   dynamic: previous tag, previous two tags, previous tag x word, and the
//            type most often given to this (capitalised) word earlier in the
//            document
// Decoding is greedy left to right with the BIO transition constraint; plain
// tokens after O are tagged O unscored (Tagger::set_pruning).

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/ner/clusters.h"
#include "common/ner/gazetteer.h"
#include "common/ner/model.h"
#include "common/ner/tags.h"
#include "common/ner/text.h"

namespace gazette::ner {

// Per-document memory of the types given to capitalised words, for the
// history feature. Cleared between documents.
class DocHistory {
 public:
  void clear() { counts_.clear(); }
  void add(uint64_t lower_hash, EntityType t) {
    (*counts_.get_or_insert(lower_hash, Counts{}))[static_cast<int>(t)]++;
  }
  // The most frequent type so far (ties: PER, LOC, ORG, MISC order), or -1.
  int majority(uint64_t lower_hash) const;

 private:
  using Counts = std::array<uint16_t, kNumTypes>;
  FlatMap<Counts> counts_;
};

// How each word is cased across a document: is it seen in lower case, or
// capitalised in the middle of a sentence? Tells a sentence-initial or
// headline "Will" from "Will Smith". Rebuilt for each document.
class DocCasing {
 public:
  static constexpr uint8_t kSeenLower = 1;
  static constexpr uint8_t kSeenCapitalMid = 2;
  void build(const TokenizedText& doc);
  uint8_t flags(uint64_t lower_hash) const {
    const uint8_t* f = flags_.find(lower_hash);
    return f == nullptr ? 0 : *f;
  }

 private:
  FlatMap<uint8_t> flags_;
};

// What the features of a token need to know about its word alone.
struct WordInfo {
  uint64_t hw = 0;      // hash_bytes of the word as written
  uint64_t hl = 0;      // hash_bytes of its lower case (Token::lower_hash)
  uint64_t hs = 0;      // hash_bytes of its short shape
  int32_t fine = -1;    // fine cluster | coarse cluster << 16; -1 if unknown
  bool upper = false;   // starts with a capital
  bool letter = false;  // has a letter
  bool caps = false;    // has a letter and no lowercase letter
  // No capital, digit or non-ASCII byte ("said", ",", "of"): after O such a
  // token is tagged O without scoring (see Tagger::tag).
  bool plain = false;
  // Digits and punctuation only ("1.5", "3,000", "1987").
  bool number = false;
};

// Computes static features of sentences. One per thread; reuses its buffers.
// Training calls extract(); the tagger calls the pieces it is made of, so that
// it can skip a word's own features when it has their scores already.
class FeatureExtractor {
 public:
  // `gazetteer` and `clusters` may be null (no such features); they must
  // outlive this.
  FeatureExtractor(const Gazetteer* gazetteer, const WordClusters* clusters)
      : gazetteer_(gazetteer), clusters_(clusters) {}

  // Static features of the tokens of `s`: token k's features are
  // feats[offsets[k] .. offsets[k+1]), its word features first. Also fills
  // lower_hashes (one per token). `casing` (may be null) describes the whole
  // document.
  void extract(const TokenizedText& doc, const Sentence& s, const DocCasing* casing,
               std::vector<uint64_t>* feats, std::vector<uint32_t>* offsets,
               std::vector<uint64_t>* lower_hashes);

  // The word facts of `t`; `word_hash` is hash_bytes(t.text).
  WordInfo word_info(const Token& t, uint64_t word_hash) const;
  // Appends the features of `t` that depend on its word alone.
  void word_features(const Token& t, const WordInfo& wi, std::vector<uint64_t>* feats) const;
  // Starts a sentence whose tokens have the word facts infos[0 .. s.end - s.begin);
  // `infos` must stay valid until the next call.
  void begin_sentence(const TokenizedText& doc, const Sentence& s, const WordInfo* infos);
  // Appends the features of token i of the sentence begun that depend on its
  // context (neighbours, sentence, document).
  void context_features(const Sentence& s, uint32_t i, const DocCasing* casing,
                        std::vector<uint64_t>* feats) const;

 private:
  const Gazetteer* gazetteer_;
  const WordClusters* clusters_;
  mutable std::string scratch_;  // shapes, in word_info/word_features
  std::vector<WordInfo> infos_;  // extract()'s
  const WordInfo* sentence_ = nullptr;
  bool caps_line_ = false;
  std::vector<uint32_t> gaz_;
};

// Dynamic features of a token; writes up to 4 to out and returns the count.
int dynamic_features(Tag prev, Tag prev2, uint64_t lower_hash, int history_type, uint64_t* out);

// Tags documents with a model. One per thread (holds buffers); the model,
// gazetteer and clusters are shared read-only and must outlive it. The model's
// flags say which of them it was trained with; the others are not used.
class Tagger {
 public:
  Tagger(const Model* model, const Gazetteer* gazetteer, const WordClusters* clusters);

  // Tags every token of `doc`; tags->size() == doc.tokens.size() afterwards.
  void tag(const TokenizedText& doc, std::vector<Tag>* tags);

  // On (the default), a plain token (WordInfo::plain), or a number followed
  // by a plain token ("1.5 mln"), that follows O or starts a sentence outside
  // a headline is tagged O without scoring: most tokens of news text, and
  // almost never the start of an entity. Off, every
  // token is scored (what training does).
  void set_pruning(bool on) { prune_ = on; }
  // Tokens scored (not pruned) since construction.
  long scored_tokens() const { return scored_; }

 private:
  const Model* model_;
  bool prune_ = true;
  long scored_ = 0;
  FeatureExtractor features_;
  DocHistory history_;
  DocCasing casing_;
  std::vector<uint64_t> feats_;
  std::vector<uint64_t> late_feats_;  // context features scored only on demand
  std::vector<uint32_t> offsets_;
  // Per distinct word (exact form), across documents: its word facts and the
  // summed scores of its word-only features. News repeats words; the cache
  // stays in L1/L2 while the model's rows do not.
  struct CachedWord {
    WordInfo info;
    std::array<float, kNumTags> scores;
  };
  static constexpr size_t kWordCacheMax = 1 << 16;
  FlatMap<CachedWord> word_cache_;
  std::vector<WordInfo> infos_;
  std::vector<uint64_t> keys_;  // hash_bytes of each token of the sentence
  std::vector<float> scores_;
};

// One training document: tokens in sentences (offsets unused) and gold tags.
struct TrainingDoc {
  TokenizedText text;
  std::vector<Tag> gold;
};

struct TrainOptions {
  int epochs = 10;
  uint64_t seed = 1;  // document order is shuffled each epoch with this seed
  // Models trained with seeds seed .. seed+runs-1 are averaged into one: the
  // result varies less with the document order (the same cost when tagging).
  int runs = 1;
  // Called after each epoch with the epoch number (1-based, counting on across
  // runs) and the number of mistakes made in it; may be empty.
  std::function<void(int, long)> on_epoch;
};

// Trains an averaged perceptron on `docs` (already truecased as at tagging
// time). `gazetteer` and `clusters` may be null: the model then uses no such
// features. Deterministic for given inputs and options.
Model train(const std::vector<TrainingDoc>& docs, const Gazetteer* gazetteer,
            const WordClusters* clusters, const TrainOptions& options);

}  // namespace gazette::ner

#pragma once
// Typed name lists (gazetteers) matched over token sequences, and the list of
// common lowercase English words used for truecasing and features.
//
// Source format, one entry per line (UTF-8):
//   line  := CLASS TAB NAME LF
//   CLASS := "LOC" | "ORG" | "PER" | "MISC" | "FIRST" | "LAST" | "COMMON"
// NAME is tokenized with ner::tokenize and matched case-insensitively (lower()).
// Lines starting with '#' and unknown classes are ignored. COMMON names are
// single lowercase words. The built-in gazetteer is generated at build time
// from Debian packages plus common/ner/lists/ (see tools/ner/build_gazetteer.py).

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/ner/feature_hash.h"
#include "common/ner/text.h"

namespace gazette::ner {

enum GazClass : int { kGazLoc = 0, kGazOrg, kGazPer, kGazMisc, kGazFirst, kGazLast };
inline constexpr int kNumGazClasses = 6;
inline constexpr size_t kMaxGazTokens = 6;

// Per-token match bits: for class c, bit 3c = unit-length match, 3c+1 = begins
// a longer match, 3c+2 = inside one.
inline uint32_t gaz_bit(int cls, int part) { return 1u << (3 * cls + part); }

class Gazetteer {
 public:
  Gazetteer() = default;

  // Builds from source text in the format above. Never fails: malformed lines
  // are skipped.
  static Gazetteer from_tsv(std::string_view data);

  // Number of distinct names (all classes) and of common words.
  size_t size() const { return names_; }
  size_t common_words() const { return common_.size(); }

  // An order-independent digest of the contents; stored in model files so a
  // model can tell that it runs with the gazetteer it was trained with.
  uint64_t fingerprint() const { return fingerprint_; }

  // Class bit set (1 << GazClass) of the exact token sequence whose lowercase
  // token hashes are given; 0 when absent.
  uint16_t lookup(const uint64_t* lower_hashes, size_t n) const;

  // True if the lowercase word with this hash is a common English word.
  bool is_common(uint64_t lower_hash) const { return common_.find(lower_hash) != nullptr; }

  // Longest matches per class over tokens [begin, end) of `tokens`, only for
  // spans whose first token starts with a capital letter; non-overlapping per
  // class, longer first, keyed by the tokens' lower_hash. Writes gaz_bit()
  // sets to out[0 .. end-begin).
  void match(const std::vector<Token>& tokens, uint32_t begin, uint32_t end, uint32_t* out) const;

 private:
  static constexpr uint16_t kPrefixBit = 0x8000;

  FlatMap<uint16_t> names_map_;  // key of lowercase token sequence -> class bits | kPrefixBit
  FlatMap<uint8_t> common_;
  size_t names_ = 0;
  uint64_t fingerprint_ = 0;
};

// Key of a sequence of lowercase token hashes.
inline uint64_t sequence_key(const uint64_t* lower_hashes, size_t n) {
  uint64_t k = 0x243F6A8885A308D3ULL;
  for (size_t i = 0; i < n; ++i) k = extend_key(k, lower_hashes[i]);
  return k;
}

}  // namespace gazette::ner

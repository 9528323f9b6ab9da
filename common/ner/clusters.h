#pragma once
// Word clusters learned offline from unlabeled news (fastText skip-gram
// vectors, k-means into 64 coarse and 512 fine clusters; README "Entity
// extraction" says how), used as tagger features: words used alike ("Syria",
// "Damascus"; "Kerry", "Lavrov") share clusters even when the training data
// never had them.
//
// File format (little-endian):
//   file  := "GZCLU\x01\n\0" count:u64 entry*count
//   entry := word_hash:u64 coarse:u16 fine:u16     sorted by word_hash
// word_hash is hash_bytes() of the word as written: the table holds no text.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/ner/feature_hash.h"

namespace gazette::ner {

struct ClusterIds {
  uint16_t coarse = 0;
  uint16_t fine = 0;
};

class WordClusters {
 public:
  WordClusters() = default;

  // Parses the binary format. Throws gazette::Error when malformed.
  static WordClusters parse(std::string_view bytes);
  // Builds from "word TAB coarse TAB fine" lines. Throws gazette::Error on a bad line.
  static WordClusters from_tsv(std::string_view text);
  std::string serialize() const;

  // Clusters of the word with this hash_bytes(); nullptr when unknown. Thread-safe.
  const ClusterIds* find(uint64_t word_hash) const { return map_.find(word_hash); }
  size_t size() const { return map_.size(); }

 private:
  FlatMap<ClusterIds> map_;
};

}  // namespace gazette::ner

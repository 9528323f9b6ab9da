#pragma once
// The tagger's weights: one row of kNumTags floats per hashed feature, and the
// model file format.
//
// File format (all integers little-endian):
//   file    := magic header info rows
//   magic   := "GZNER\x01\n\0"                      (8 bytes)
//   header  := feature_version:u32 tags:u32 flags:u32 scale:f32
//              gazetteer_fingerprint:u64 rows:u64 info_len:u32
//   info    := info_len bytes of UTF-8 (how the model was built; no training text)
//   rows    := rows x ( feature:u64 weight:i16[tags] )   sorted by feature
// weight = i16 * scale. Features are 64-bit hashes (feature_hash.h) of feature
// templates and their arguments: the file holds no readable training text.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/ner/feature_hash.h"
#include "common/ner/tags.h"

namespace gazette::ner {

// Bumped whenever feature templates change; a model of another version is refused.
inline constexpr uint32_t kFeatureVersion = 1;
// Model flags.
inline constexpr uint32_t kModelUsesGazetteer = 1;
inline constexpr uint32_t kModelUsesClusters = 2;

class Model {
 public:
  Model() = default;

  // Parses a model file. Throws gazette::Error when the bytes are not a model
  // of this feature version.
  static Model parse(std::string_view bytes);
  // Reads and parses a file. Throws gazette::Error.
  static Model load_file(const std::string& path);

  // The file bytes of this model (weights quantised to 16 bits).
  std::string serialize() const;

  // Adds the row of `feature` to scores[0..kNumTags). Thread-safe.
  void add(uint64_t feature, float* scores) const {
    const uint32_t* r = index_.find(feature);
    if (r == nullptr) return;
    const float* w = &weights_[static_cast<size_t>(*r) * kNumTags];
    for (int j = 0; j < kNumTags; ++j) scores[j] += w[j];
  }

  // Sets the row of `feature` (used by the trainer). Not thread-safe.
  void set(uint64_t feature, const float* row);

  size_t features() const { return index_.size(); }
  uint32_t flags = kModelUsesGazetteer;
  uint64_t gazetteer_fingerprint = 0;
  std::string info;

 private:
  FlatMap<uint32_t> index_;
  std::vector<float> weights_;
};

}  // namespace gazette::ner

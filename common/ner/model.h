#pragma once
// The tagger's weights: one row of kNumTags 16-bit weights per hashed feature,
// and the model file format.
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

  // Adds the row of `feature` to scores[0..kNumTags). Thread-safe. Sees the
  // rows of the last freeze() (parse() and train() return frozen models).
  void add(uint64_t feature, float* scores) const {
    const Slot* s = find(feature);
    if (s == nullptr) return;
    for (int j = 0; j < kNumTags; ++j) scores[j] += static_cast<float>(s->w[j]) * scale_;
  }
  // Starts loading the row of `feature` into the cache (before add()). A
  // prefetch never faults, so an empty table needs no test (GCC 12 drops a
  // prefetch under a branch).
  void prefetch(uint64_t feature) const { __builtin_prefetch(table_.data() + slot(feature)); }

  // Sets the row of `feature` (used by the trainer). Not thread-safe.
  void set(uint64_t feature, const float* row);
  // Quantises the rows set since the last freeze to 16 bits, as a model file
  // holds them, into the lookup table that add() reads.
  void freeze();

  size_t features() const { return rows_ + pending_index_.size(); }
  uint32_t flags = kModelUsesGazetteer;
  uint64_t gazetteer_fingerprint = 0;
  std::string info;

 private:
  // One row per 32-byte slot: a lookup touches one cache line. Key 0 marks
  // an empty slot; a feature hashing to 0 is kept in zero_. (A Bloom filter in
  // front, to skip absent features, was measured slower: its branch mispredicts.)
  struct alignas(32) Slot {
    uint64_t key = 0;
    int16_t w[kNumTags] = {};
  };
  size_t slot(uint64_t key) const { return static_cast<size_t>(key ^ (key >> 29)) & mask_; }
  const Slot* find(uint64_t key) const {
    if (key == 0) return has_zero_ ? &zero_ : nullptr;
    if (table_.empty()) return nullptr;
    for (size_t i = slot(key);; i = (i + 1) & mask_) {
      const Slot& s = table_[i];
      if (s.key == key) return &s;
      if (s.key == 0) return nullptr;
    }
  }
  // Inserts or replaces a row of the table (which has room).
  void put_row(uint64_t key, const int16_t* w);
  void reserve_rows(size_t n);
  template <typename F>
  void for_each_row(F f) const;

  std::vector<Slot> table_;
  size_t mask_ = 0;
  size_t rows_ = 0;  // in table_ and zero_
  bool has_zero_ = false;
  Slot zero_;
  float scale_ = 1.0f;
  // Rows set() since the last freeze(), as floats.
  FlatMap<uint32_t> pending_index_;
  std::vector<float> pending_;
};

}  // namespace gazette::ner

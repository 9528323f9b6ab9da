#pragma once
// 64-bit hashing for features and gazetteer keys, and a flat open-addressing
// map from such hashes to small values. The hash values are persisted in model
// files: changing any function here invalidates shipped models.

#include <cstdint>
#include <string_view>
#include <vector>

namespace gazette::ner {

// The murmur3 64-bit finaliser.
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// FNV-1a 64 of the bytes.
inline uint64_t hash_bytes(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// A feature id from a template number and one or two component hashes.
inline uint64_t feature(uint32_t templ, uint64_t a) {
  return mix64(a ^ (0x9E3779B97F4A7C15ULL * (templ + 1)));
}
inline uint64_t feature(uint32_t templ, uint64_t a, uint64_t b) {
  return mix64(feature(templ, a) + 0xC2B2AE3D27D4EB4FULL * b);
}

// Extends a key of a token sequence by one more token hash.
inline uint64_t extend_key(uint64_t key, uint64_t token_hash) {
  return mix64(key * 0x100000001B3ULL + token_hash);
}

// Open-addressing hash map from a uint64 key to V, insert-only,
// linear probing, power-of-two capacity. Not thread-safe for writes; reads of a
// map that is no longer written are thread-safe.
template <typename V>
class FlatMap {
 public:
  FlatMap() { rehash(16); }

  size_t size() const { return size_; }

  // Returns the value of `key`, or nullptr.
  const V* find(uint64_t key) const {
    size_t i = slot(key);
    for (;;) {
      const Entry& e = entries_[i];
      if (e.gen != gen_) return nullptr;
      if (e.key == key) return &e.value;
      i = (i + 1) & mask_;
    }
  }

  // Starts loading the slot of `key` into the cache (before find()).
  void prefetch(uint64_t key) const { __builtin_prefetch(entries_.data() + slot(key)); }

  // Returns the value of `key`, inserting `init` first if absent.
  V* get_or_insert(uint64_t key, const V& init) {
    if ((size_ + 1) * 2 > entries_.size()) rehash(entries_.size() * 2);
    size_t i = slot(key);
    for (;;) {
      Entry& e = entries_[i];
      if (e.gen != gen_) {
        e.gen = gen_;
        e.key = key;
        e.value = init;
        ++size_;
        return &e.value;
      }
      if (e.key == key) return &e.value;
      i = (i + 1) & mask_;
    }
  }

  void reserve(size_t n) {
    size_t cap = entries_.size();
    while (cap < n * 2) cap *= 2;
    if (cap != entries_.size()) rehash(cap);
  }

  template <typename F>
  void for_each(F f) const {
    for (const Entry& e : entries_)
      if (e.gen == gen_) f(e.key, e.value);
  }

  // O(1): entries of older generations count as empty. Per-document maps are
  // cleared once per article, whatever size they once grew to.
  void clear() {
    size_ = 0;
    if (++gen_ == 0) {
      for (Entry& e : entries_) e.gen = 0;
      gen_ = 1;
    }
  }

 private:
  struct Entry {
    uint64_t key = 0;
    V value{};
    uint32_t gen = 0;  // in use when equal to gen_
  };

  size_t slot(uint64_t key) const { return static_cast<size_t>(key ^ (key >> 29)) & mask_; }

  void rehash(size_t cap) {
    std::vector<Entry> old;
    old.swap(entries_);
    const uint32_t old_gen = gen_;
    entries_.assign(cap, Entry());
    gen_ = 1;
    mask_ = cap - 1;
    size_ = 0;
    for (const Entry& e : old)
      if (e.gen == old_gen) *get_or_insert(e.key, e.value) = e.value;
  }

  std::vector<Entry> entries_;
  uint32_t gen_ = 1;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace gazette::ner

#pragma once
// The facet store: a compact per-shard table of every document's facet values
// and date, read by docid, so that exact facet counting over a match set is a
// few array increments per document instead of value-stream reads and string
// work. It is derived data: built from the shard's value slots (schema.h) by the
// indexer after its last commit, tagged with the shard's UUID and revision, and
// used by the searcher only when both still match (otherwise the searcher counts
// from the value slots, which is slower but gives the same result).
//
// File: SHARD_DIR/gazette.facets (kFacetStoreFile), little-endian, mmapped:
//   header   magic "GZFACET1", u32 format, u32 facets (kFacets.size()),
//            u64 revision, char uuid[40], u32 max_docid, u32 values, u32 keys,
//            u32 day_base, u32 day_span, u64 section offsets (see FacetStore)
//   days     u32[max_docid + 1]   day index + 1 (0 = undated); day = day_base + index
//   offsets  u32[max_docid + 2]   document d's values are ords[offsets[d] .. offsets[d+1])
//   ords     u16 or u32[...]      value ordinals (into the value table); 16 bits
//                                 when the shard has at most 65,536 values
//   values   {u32 facet, u32 key, u32 text_off, u32 text_len}[values]
//                                 one per distinct (facet, display spelling); `key`
//                                 numbers the fold_key within the shard
//   keys     {u64 hash, u32 text_off, u32 text_len}[keys]   fold_key texts
//   text     UTF-8 blob
//   lengths  u32[max_docid + 1]   document lengths (Xapian's, for BM25; 0 = no document)
//   record offsets u64[max_docid + 2], records: document d's stored record
//            (slot::kRecord) is records[offsets[d] .. offsets[d+1]) (empty: none)
// Days are days since 1970-01-01 (so histograms are arrays), stored relative to
// day_base, the shard's earliest day.

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace gazette {

inline constexpr const char* kFacetStoreFile = "gazette.facets";

class FacetStore {
 public:
  struct Value {
    uint32_t facet;     // index into kFacets
    uint32_t key;       // index into the key table
    uint32_t text_off;  // display spelling
    uint32_t text_len;
  };
  struct Key {
    uint64_t hash;  // hash64 of the fold_key text
    uint32_t text_off;
    uint32_t text_len;
  };

  // Builds the store bytes for `shard` (a single glass database) from its value
  // slots. Throws Xapian::Error on read failures. `narrow` false keeps 32-bit
  // ordinals even when 16 bits would do (tests read both widths).
  static std::string build(const Xapian::Database& shard, bool narrow = true);

  // Builds the store of the shard at `shard_path` and writes it into that
  // directory atomically (temp file + rename). With `durable`, the file is
  // flushed to the disk before the rename and the directory after it, so an
  // operating-system crash leaves the old store or the new one, never a torn
  // file. Returns false (and leaves any old file) if it cannot write; the
  // searcher then falls back to the value slots.
  static bool build_file(const std::string& shard_path, bool durable = false);

  // Opens the store of `shard` (at `shard_path`) if it exists and was built from
  // exactly this revision of this database; nullptr otherwise (missing, stale,
  // corrupt). Never throws for a bad file.
  static std::unique_ptr<FacetStore> open(const std::string& shard_path,
                                          const Xapian::Database& shard);

  // A store held in memory (from build()). nullptr if `bytes` is malformed.
  static std::unique_ptr<FacetStore> from_bytes(std::string bytes);

  ~FacetStore();
  FacetStore(const FacetStore&) = delete;
  FacetStore& operator=(const FacetStore&) = delete;

  uint32_t max_docid() const { return max_docid_; }
  uint32_t value_count() const { return nvalues_; }
  uint32_t key_count() const { return nkeys_; }
  int64_t day_base() const { return day_base_; }
  uint32_t day_span() const { return day_span_; }

  // Calls f(ordinal) for each of document `did`'s value ordinals, ascending
  // (facet by facet), until f returns false. REQUIRES: did <= max_docid().
  template <typename F>
  void for_each_value(uint32_t did, F&& f) const {
    const uint32_t begin = offsets_[did], end = offsets_[did + 1];
    if (ords16_ != nullptr) {
      for (uint32_t i = begin; i < end; ++i)
        if (!f(uint32_t{ords16_[i]})) return;
    } else {
      for (uint32_t i = begin; i < end; ++i)
        if (!f(ords32_[i])) return;
    }
  }
  // 0 when undated, else day - day_base() + 1.
  uint32_t day_slot(uint32_t did) const { return days_[did]; }
  // The document's length as Xapian weights it. REQUIRES: did <= max_docid().
  uint32_t doc_length(uint32_t did) const { return lengths_[did]; }
  // The document's stored record (value slot kRecord); empty if it has none.
  // REQUIRES: did <= max_docid().
  std::string_view record(uint32_t did) const {
    return std::string_view(records_ + record_offsets_[did],
                            record_offsets_[did + 1] - record_offsets_[did]);
  }

  const Value& value(uint32_t ordinal) const { return values_[ordinal]; }
  // The ordinals of facet f (an index into kFacets; f may be kFacets.size())
  // start here: values are numbered facet by facet.
  uint32_t facet_begin(size_t f) const;
  const Key& key(uint32_t index) const { return keys_[index]; }
  std::string_view text(uint32_t off, uint32_t len) const {
    return std::string_view(text_ + off, len);
  }

 private:
  FacetStore() = default;
  bool attach(const char* data, size_t size);

  std::string owned_;           // in-memory bytes, or empty when mmapped
  void* map_ = nullptr;         // mmapped file
  size_t map_size_ = 0;
  uint64_t revision_ = 0;
  std::string uuid_;
  uint32_t max_docid_ = 0, nvalues_ = 0, nkeys_ = 0, day_span_ = 0;
  int64_t day_base_ = 0;
  const uint32_t* days_ = nullptr;
  const uint32_t* offsets_ = nullptr;
  const uint16_t* ords16_ = nullptr;  // one of the two, by the file's ordinal width
  const uint32_t* ords32_ = nullptr;
  const Value* values_ = nullptr;
  const Key* keys_ = nullptr;
  const char* text_ = nullptr;
  const uint32_t* lengths_ = nullptr;
  const uint64_t* record_offsets_ = nullptr;
  const char* records_ = nullptr;
};

}  // namespace gazette

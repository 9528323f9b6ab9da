#include "common/facet_store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "common/date.h"
#include "common/hash.h"
#include "common/normalise.h"
#include "common/schema.h"
#include "common/value_codec.h"

namespace gazette {
namespace {

constexpr char kMagic[8] = {'G', 'Z', 'F', 'A', 'C', 'E', 'T', '1'};
// 2: document lengths and records added; 3: 16-bit ordinals when they fit.
constexpr uint32_t kFormat = 3;

struct Header {
  char magic[8];
  uint32_t format;
  uint32_t facets;
  uint64_t revision;
  char uuid[40];
  uint32_t max_docid;
  uint32_t nvalues;
  uint32_t nkeys;
  uint32_t day_span;
  int64_t day_base;
  uint64_t days_off, offsets_off, ords_off, nords, values_off, keys_off, text_off, text_size;
  uint64_t lengths_off, record_offsets_off, records_off, records_size;
  uint32_t ord_width;  // bytes per ordinal: 2 (at most 65,536 values) or 4
  uint32_t reserved;
  uint64_t total_size;
};
static_assert(std::is_trivially_copyable_v<Header>);
static_assert(std::is_trivially_copyable_v<FacetStore::Value>);
static_assert(std::is_trivially_copyable_v<FacetStore::Key>);

size_t align8(size_t n) { return (n + 7) & ~size_t{7}; }

// Where a store is written: a string (build) or straight into a file
// (build_file, so that a big shard's records are never all in memory).
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void append(const char* data, size_t n) = 0;
  virtual void put_header(const Header& h) = 0;  // over the placeholder at offset 0
  uint64_t size = 0;

  // Pads to 8 bytes and returns the offset where the next section starts.
  uint64_t align() {
    static const char kZeros[8] = {};
    if (const size_t pad = align8(size) - size) append(kZeros, pad);
    return size;
  }
  template <typename T>
  void section(uint64_t* off, const T* data, size_t count) {
    *off = align();
    append(reinterpret_cast<const char*>(data), count * sizeof(T));
  }
};

class StringSink : public Sink {
 public:
  explicit StringSink(std::string* out) : out_(out) {}
  void append(const char* data, size_t n) override {
    out_->append(data, n);
    size += n;
  }
  void put_header(const Header& h) override { std::memcpy(out_->data(), &h, sizeof h); }

 private:
  std::string* out_;
};

class FileSink : public Sink {
 public:
  explicit FileSink(const std::string& path) : out_(path, std::ios::binary | std::ios::trunc) {}
  void append(const char* data, size_t n) override {
    out_.write(data, static_cast<std::streamsize>(n));
    size += n;
  }
  void put_header(const Header& h) override {
    out_.seekp(0);
    out_.write(reinterpret_cast<const char*>(&h), sizeof h);
  }
  bool finish() {
    out_.flush();
    return static_cast<bool>(out_);
  }

 private:
  std::ofstream out_;
};

// Writes the store of `shard` into `sink`.
void build_into(const Xapian::Database& shard, Sink* sink, bool narrow = true);

}  // namespace

std::string FacetStore::build(const Xapian::Database& shard, bool narrow) {
  std::string out;
  StringSink sink(&out);
  build_into(shard, &sink, narrow);
  return out;
}

namespace {

void build_into(const Xapian::Database& shard, Sink* sink, bool narrow) {
  const uint32_t max_docid = shard.get_lastdocid();
  std::vector<FacetStore::Value> values;
  std::vector<FacetStore::Key> keys;
  std::string text;
  std::unordered_map<std::string, uint32_t> value_index, key_index;
  auto add_text = [&](std::string_view s) {
    auto off = static_cast<uint32_t>(text.size());
    text.append(s);
    return off;
  };

  // (docid, ordinal) pairs, facet by facet; sorted by docid below.
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  std::string id;
  for (size_t f = 0; f < kFacets.size(); ++f) {
    const Xapian::valueno slot = kFacets[f].slot;
    for (Xapian::ValueIterator it = shard.valuestream_begin(slot); it != shard.valuestream_end(slot);
         ++it) {
      const std::string list = *it;
      const uint32_t did = it.get_docid();
      for_each_value(list, [&](std::string_view display) {
        id.assign(1, static_cast<char>(f));
        id += display;
        auto [vit, added] = value_index.try_emplace(id, static_cast<uint32_t>(values.size()));
        if (added) {
          std::string folded = fold_key(display);
          std::string kid(1, static_cast<char>(f));
          kid += folded;
          auto [kit, new_key] = key_index.try_emplace(kid, static_cast<uint32_t>(keys.size()));
          if (new_key) {
            FacetStore::Key k{hash64(folded), 0, static_cast<uint32_t>(folded.size())};
            k.text_off = add_text(folded);
            keys.push_back(k);
          }
          FacetStore::Value v{static_cast<uint32_t>(f), kit->second, 0, static_cast<uint32_t>(display.size())};
          v.text_off = add_text(display);
          values.push_back(v);
        }
        pairs.emplace_back(did, vit->second);
      });
    }
  }
  std::vector<uint32_t> offsets(size_t{max_docid} + 2, 0);
  for (const auto& [did, ord] : pairs) ++offsets[did + 1];
  for (size_t d = 1; d < offsets.size(); ++d) offsets[d] += offsets[d - 1];
  std::vector<uint32_t> ords(pairs.size());
  {
    std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
    for (const auto& [did, ord] : pairs) ords[fill[did]++] = ord;
  }

  std::vector<long> day_of(size_t{max_docid} + 1, 0);
  std::vector<bool> dated(size_t{max_docid} + 1, false);
  long min_day = 0, max_day = -1;
  for (Xapian::ValueIterator it = shard.valuestream_begin(slot::kDay);
       it != shard.valuestream_end(slot::kDay); ++it) {
    DateTime d;
    if (!parse_day_key(*it, &d)) continue;
    long n = days_since_epoch(d);
    if (max_day < min_day) {
      min_day = max_day = n;
    } else {
      min_day = std::min(min_day, n);
      max_day = std::max(max_day, n);
    }
    day_of[it.get_docid()] = n;
    dated[it.get_docid()] = true;
  }
  std::vector<uint32_t> days(size_t{max_docid} + 1, 0);
  for (size_t d = 0; d < days.size(); ++d)
    if (dated[d]) days[d] = static_cast<uint32_t>(day_of[d] - min_day + 1);

  // Document lengths, as Xapian's weighting sees them (the "" posting list).
  std::vector<uint32_t> lengths(size_t{max_docid} + 1, 0);
  for (Xapian::PostingIterator it = shard.postlist_begin(""); it != shard.postlist_end("");
       ++it) {
    if (*it <= max_docid) lengths[*it] = it.get_doclength();
  }

  // The stored records (slot::kRecord), so that a page of hits needs no
  // Xapian lookups; document d's is records[record_offsets[d] .. [d + 1]).
  // Sized in a first pass over the value stream, written in a second.
  std::vector<uint64_t> record_offsets(size_t{max_docid} + 2, 0);
  for (Xapian::ValueIterator it = shard.valuestream_begin(slot::kRecord);
       it != shard.valuestream_end(slot::kRecord); ++it) {
    if (it.get_docid() <= max_docid) record_offsets[it.get_docid() + 1] = (*it).size();
  }
  for (size_t d = 1; d < record_offsets.size(); ++d) record_offsets[d] += record_offsets[d - 1];

  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.format = kFormat;
  h.facets = static_cast<uint32_t>(kFacets.size());
  h.revision = shard.get_revision();
  std::string uuid = shard.get_uuid();
  std::memcpy(h.uuid, uuid.data(), std::min(uuid.size(), sizeof h.uuid - 1));
  h.max_docid = max_docid;
  h.nvalues = static_cast<uint32_t>(values.size());
  h.nkeys = static_cast<uint32_t>(keys.size());
  h.day_base = min_day;
  h.day_span = max_day >= min_day ? static_cast<uint32_t>(max_day - min_day + 1) : 0;
  h.nords = ords.size();
  const Header placeholder{};
  sink->append(reinterpret_cast<const char*>(&placeholder), sizeof placeholder);
  sink->section(&h.days_off, days.data(), days.size());
  sink->section(&h.offsets_off, offsets.data(), offsets.size());
  // Ordinals are most of what counting reads per match: 16 bits when they fit.
  if (narrow && values.size() <= 65536) {
    const std::vector<uint16_t> ords16(ords.begin(), ords.end());
    h.ord_width = 2;
    sink->section(&h.ords_off, ords16.data(), ords16.size());
  } else {
    h.ord_width = 4;
    sink->section(&h.ords_off, ords.data(), ords.size());
  }
  sink->section(&h.values_off, values.data(), values.size());
  sink->section(&h.keys_off, keys.data(), keys.size());
  sink->section(&h.text_off, text.data(), text.size());
  h.text_size = text.size();
  sink->section(&h.lengths_off, lengths.data(), lengths.size());
  sink->section(&h.record_offsets_off, record_offsets.data(), record_offsets.size());
  h.records_off = sink->align();
  uint64_t written = 0;
  for (Xapian::ValueIterator it = shard.valuestream_begin(slot::kRecord);
       it != shard.valuestream_end(slot::kRecord) && written < record_offsets.back(); ++it) {
    if (it.get_docid() > max_docid) continue;
    const std::string record = *it;  // the same revision: the sizes of the first pass
    sink->append(record.data(), record.size());
    written += record.size();
  }
  h.records_size = written;
  h.total_size = sink->align();
  sink->put_header(h);
}

}  // namespace

namespace {

// fsync of one file or directory; false if it cannot be opened or flushed.
bool flush_to_disk(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

bool FacetStore::build_file(const std::string& shard_path, bool durable) {
  namespace fs = std::filesystem;
  fs::path final_path = fs::path(shard_path) / kFacetStoreFile;
  fs::path tmp = fs::path(shard_path) / (std::string(kFacetStoreFile) + ".tmp");
  std::error_code ec;
  auto fail = [&] {
    fs::remove(tmp, ec);  // the old store, if any, stays
    return false;
  };
  try {
    FileSink sink(tmp.string());
    build_into(Xapian::Database(shard_path), &sink);
    if (!sink.finish()) return fail();
  } catch (const Xapian::Error&) {
    return fail();
  }
  if (durable && !flush_to_disk(tmp.string(), O_RDONLY)) return fail();
  fs::rename(tmp, final_path, ec);
  if (ec) return fail();
  return !durable || flush_to_disk(shard_path, O_RDONLY | O_DIRECTORY);
}

std::unique_ptr<FacetStore> FacetStore::open(const std::string& shard_path,
                                             const Xapian::Database& shard) {
  std::string path = shard_path + "/" + kFacetStoreFile;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(Header))) {
    ::close(fd);
    return nullptr;
  }
  auto size = static_cast<size_t>(st.st_size);
  void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return nullptr;
  std::unique_ptr<FacetStore> store(new FacetStore);
  store->map_ = map;
  store->map_size_ = size;
  if (!store->attach(static_cast<const char*>(map), size)) return nullptr;
  try {
    if (store->revision_ != shard.get_revision() || store->uuid_ != shard.get_uuid())
      return nullptr;
  } catch (const Xapian::Error&) {
    return nullptr;
  }
  return store;
}

std::unique_ptr<FacetStore> FacetStore::from_bytes(std::string bytes) {
  std::unique_ptr<FacetStore> store(new FacetStore);
  store->owned_ = std::move(bytes);
  if (!store->attach(store->owned_.data(), store->owned_.size())) return nullptr;
  return store;
}

uint32_t FacetStore::facet_begin(size_t f) const {
  const Value* p = std::partition_point(values_, values_ + nvalues_,
                                        [&](const Value& v) { return v.facet < f; });
  return static_cast<uint32_t>(p - values_);
}

FacetStore::~FacetStore() {
  if (map_ != nullptr) munmap(map_, map_size_);
}

bool FacetStore::attach(const char* data, size_t size) {
  Header h;
  if (size < sizeof h) return false;
  std::memcpy(&h, data, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.format != kFormat ||
      h.facets != kFacets.size() || h.total_size != size)
    return false;
  auto fits = [&](uint64_t off, uint64_t count, size_t elem) {
    return off % 8 == 0 && off <= size && count <= (size - off) / elem;
  };
  const uint64_t docs = uint64_t{h.max_docid} + 1;
  if (!fits(h.days_off, docs, 4) || !fits(h.offsets_off, docs + 1, 4) ||
      (h.ord_width != 2 && h.ord_width != 4) || !fits(h.ords_off, h.nords, h.ord_width) || !fits(h.values_off, h.nvalues, sizeof(Value)) ||
      !fits(h.keys_off, h.nkeys, sizeof(Key)) || !fits(h.text_off, h.text_size, 1) ||
      !fits(h.lengths_off, docs, 4) || !fits(h.record_offsets_off, docs + 1, 8) ||
      !fits(h.records_off, h.records_size, 1))
    return false;
  revision_ = h.revision;
  uuid_.assign(h.uuid, strnlen(h.uuid, sizeof h.uuid));
  max_docid_ = h.max_docid;
  nvalues_ = h.nvalues;
  nkeys_ = h.nkeys;
  day_base_ = h.day_base;
  day_span_ = h.day_span;
  days_ = reinterpret_cast<const uint32_t*>(data + h.days_off);
  offsets_ = reinterpret_cast<const uint32_t*>(data + h.offsets_off);
  ords16_ = h.ord_width == 2 ? reinterpret_cast<const uint16_t*>(data + h.ords_off) : nullptr;
  ords32_ = h.ord_width == 4 ? reinterpret_cast<const uint32_t*>(data + h.ords_off) : nullptr;
  values_ = reinterpret_cast<const Value*>(data + h.values_off);
  keys_ = reinterpret_cast<const Key*>(data + h.keys_off);
  text_ = data + h.text_off;
  lengths_ = reinterpret_cast<const uint32_t*>(data + h.lengths_off);
  record_offsets_ = reinterpret_cast<const uint64_t*>(data + h.record_offsets_off);
  records_ = data + h.records_off;
  if (record_offsets_[0] != 0 || record_offsets_[h.max_docid + 1] != h.records_size) return false;
  // Cheap consistency checks; the file is written atomically by build_file.
  return offsets_[0] == 0 && offsets_[h.max_docid + 1] == h.nords;
}

}  // namespace gazette

#include "common/ner/model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/error.h"

namespace gazette::ner {
namespace {

constexpr char kMagic[8] = {'G', 'Z', 'N', 'E', 'R', '\x01', '\n', '\0'};

template <typename T>
void put(std::string* out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));  // little-endian hosts only (x86-64, arm64)
  out->append(b, sizeof(T));
}

template <typename T>
T get(std::string_view in, size_t* pos) {
  if (*pos + sizeof(T) > in.size()) throw Error("model file is truncated");
  T v;
  std::memcpy(&v, in.data() + *pos, sizeof(T));
  *pos += sizeof(T);
  return v;
}

}  // namespace

void Model::set(uint64_t feature, const float* row) {
  uint32_t next = static_cast<uint32_t>(pending_index_.size());
  uint32_t* r = pending_index_.get_or_insert(feature, next);
  if (*r == next && pending_.size() == static_cast<size_t>(next) * kNumTags)
    pending_.resize(pending_.size() + kNumTags);
  std::copy(row, row + kNumTags, &pending_[static_cast<size_t>(*r) * kNumTags]);
}

void Model::reserve_rows(size_t n) {
  size_t cap = 16;
  while (cap < 2 * n) cap *= 2;
  if (cap <= table_.size()) return;
  std::vector<Slot> old;
  old.swap(table_);
  table_.assign(cap, Slot());
  mask_ = cap - 1;
  for (const Slot& s : old)
    if (s.key != 0) put_row(s.key, s.w);
}

void Model::put_row(uint64_t key, const int16_t* w) {
  Slot* s = &zero_;
  if (key == 0) {
    rows_ += has_zero_ ? 0 : 1;
    has_zero_ = true;
  } else {
    size_t i = slot(key);
    while (table_[i].key != 0 && table_[i].key != key) i = (i + 1) & mask_;
    s = &table_[i];
    if (s->key == 0) ++rows_;
    s->key = key;
  }
  std::copy(w, w + kNumTags, s->w);
}

template <typename F>
void Model::for_each_row(F f) const {
  if (has_zero_) f(uint64_t{0}, zero_.w);
  for (const Slot& s : table_)
    if (s.key != 0) f(s.key, s.w);
}

void Model::freeze() {
  if (pending_index_.size() == 0) return;
  // One scale for the whole model: the largest weight maps to 32767.
  float max_abs = 0;
  for (float w : pending_) max_abs = std::max(max_abs, std::fabs(w));
  for_each_row([&](uint64_t, const int16_t* w) {
    for (int j = 0; j < kNumTags; ++j)
      max_abs = std::max(max_abs, std::fabs(static_cast<float>(w[j]) * scale_));
  });
  float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  auto quantise = [&](float w) { return static_cast<int16_t>(std::lround(w / scale)); };
  // Rows already in the table are requantised to the new scale.
  std::vector<std::pair<uint64_t, std::array<int16_t, kNumTags>>> rows;
  rows.reserve(rows_ + pending_index_.size());
  for_each_row([&](uint64_t key, const int16_t* w) {
    std::array<int16_t, kNumTags> q;
    for (int j = 0; j < kNumTags; ++j) q[j] = quantise(static_cast<float>(w[j]) * scale_);
    rows.emplace_back(key, q);
  });
  pending_index_.for_each([&](uint64_t key, uint32_t r) {
    std::array<int16_t, kNumTags> q;
    for (int j = 0; j < kNumTags; ++j) q[j] = quantise(pending_[size_t{r} * kNumTags + j]);
    rows.emplace_back(key, q);
  });
  table_.clear();
  rows_ = 0;
  has_zero_ = false;
  reserve_rows(rows.size());
  for (const auto& [key, q] : rows) put_row(key, q.data());
  scale_ = scale;
  pending_index_ = FlatMap<uint32_t>();
  pending_.clear();
}

Model Model::parse(std::string_view bytes) {
  if (bytes.size() < 8 || std::memcmp(bytes.data(), kMagic, 8) != 0)
    throw Error("not a gazette NER model (bad magic)");
  size_t pos = 8;
  uint32_t version = get<uint32_t>(bytes, &pos);
  if (version != kFeatureVersion)
    throw Error("NER model has feature version " + std::to_string(version) + ", this build needs " +
                std::to_string(kFeatureVersion) + ": retrain it");
  uint32_t tags = get<uint32_t>(bytes, &pos);
  if (tags != kNumTags) throw Error("NER model has an unexpected tag count");
  Model m;
  m.flags = get<uint32_t>(bytes, &pos);
  m.scale_ = get<float>(bytes, &pos);
  m.gazetteer_fingerprint = get<uint64_t>(bytes, &pos);
  uint64_t rows = get<uint64_t>(bytes, &pos);
  uint32_t info_len = get<uint32_t>(bytes, &pos);
  if (pos + info_len > bytes.size()) throw Error("model file is truncated");
  m.info.assign(bytes.substr(pos, info_len));
  pos += info_len;
  const size_t row_bytes = 8 + 2 * kNumTags;
  if ((bytes.size() - pos) / row_bytes < rows) throw Error("model file is truncated");
  m.reserve_rows(rows);
  int16_t row[kNumTags];
  for (uint64_t r = 0; r < rows; ++r) {
    uint64_t f = get<uint64_t>(bytes, &pos);
    for (int j = 0; j < kNumTags; ++j) row[j] = get<int16_t>(bytes, &pos);
    m.put_row(f, row);
  }
  return m;
}

Model Model::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read NER model '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  try {
    return parse(ss.str());
  } catch (const Error& e) {
    throw Error("'" + path + "': " + e.what());
  }
}

std::string Model::serialize() const {
  if (pending_index_.size() != 0) {
    Model frozen = *this;
    frozen.freeze();
    return frozen.serialize();
  }
  std::vector<std::pair<uint64_t, const int16_t*>> order;
  order.reserve(rows_);
  for_each_row([&](uint64_t f, const int16_t* w) { order.emplace_back(f, w); });
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out(kMagic, 8);
  put<uint32_t>(&out, kFeatureVersion);
  put<uint32_t>(&out, kNumTags);
  put<uint32_t>(&out, flags);
  put<float>(&out, scale_);
  put<uint64_t>(&out, gazetteer_fingerprint);
  put<uint64_t>(&out, order.size());
  put<uint32_t>(&out, static_cast<uint32_t>(info.size()));
  out += info;
  for (const auto& [f, w] : order) {
    put<uint64_t>(&out, f);
    for (int j = 0; j < kNumTags; ++j) put<int16_t>(&out, w[j]);
  }
  return out;
}

}  // namespace gazette::ner

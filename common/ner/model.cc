#include "common/ner/model.h"

#include <algorithm>
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
  uint32_t next = static_cast<uint32_t>(index_.size());
  uint32_t* r = index_.get_or_insert(feature, next);
  if (*r == next && weights_.size() == static_cast<size_t>(next) * kNumTags)
    weights_.resize(weights_.size() + kNumTags);
  std::copy(row, row + kNumTags, &weights_[static_cast<size_t>(*r) * kNumTags]);
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
  float scale = get<float>(bytes, &pos);
  m.gazetteer_fingerprint = get<uint64_t>(bytes, &pos);
  uint64_t rows = get<uint64_t>(bytes, &pos);
  uint32_t info_len = get<uint32_t>(bytes, &pos);
  if (pos + info_len > bytes.size()) throw Error("model file is truncated");
  m.info.assign(bytes.substr(pos, info_len));
  pos += info_len;
  const size_t row_bytes = 8 + 2 * kNumTags;
  if ((bytes.size() - pos) / row_bytes < rows) throw Error("model file is truncated");
  m.index_.reserve(rows);
  m.weights_.reserve(rows * kNumTags);
  float row[kNumTags];
  for (uint64_t r = 0; r < rows; ++r) {
    uint64_t f = get<uint64_t>(bytes, &pos);
    for (int j = 0; j < kNumTags; ++j) row[j] = get<int16_t>(bytes, &pos) * scale;
    m.set(f, row);
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
  float max_abs = 0;
  for (float w : weights_) max_abs = std::max(max_abs, std::fabs(w));
  float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  std::vector<std::pair<uint64_t, uint32_t>> order;
  order.reserve(index_.size());
  index_.for_each([&](uint64_t f, uint32_t r) { order.emplace_back(f, r); });
  std::sort(order.begin(), order.end());
  std::string out(kMagic, 8);
  put<uint32_t>(&out, kFeatureVersion);
  put<uint32_t>(&out, kNumTags);
  put<uint32_t>(&out, flags);
  put<float>(&out, scale);
  put<uint64_t>(&out, gazetteer_fingerprint);
  put<uint64_t>(&out, order.size());
  put<uint32_t>(&out, static_cast<uint32_t>(info.size()));
  out += info;
  for (const auto& [f, r] : order) {
    put<uint64_t>(&out, f);
    for (int j = 0; j < kNumTags; ++j)
      put<int16_t>(&out,
                   static_cast<int16_t>(std::lround(weights_[r * size_t{kNumTags} + j] / scale)));
  }
  return out;
}

}  // namespace gazette::ner

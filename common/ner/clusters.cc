#include "common/ner/clusters.h"

#include <algorithm>
#include <cstring>

#include "common/error.h"

namespace gazette::ner {
namespace {
constexpr char kMagic[8] = {'G', 'Z', 'C', 'L', 'U', '\x01', '\n', '\0'};
}  // namespace

WordClusters WordClusters::parse(std::string_view bytes) {
  if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, 8) != 0)
    throw Error("not a gazette word-cluster table (bad magic)");
  uint64_t n;
  std::memcpy(&n, bytes.data() + 8, 8);
  if ((bytes.size() - 16) / 12 < n) throw Error("word-cluster table is truncated");
  WordClusters c;
  c.map_.reserve(n);
  const char* p = bytes.data() + 16;
  for (uint64_t i = 0; i < n; ++i, p += 12) {
    uint64_t h;
    ClusterIds ids;
    std::memcpy(&h, p, 8);
    std::memcpy(&ids.coarse, p + 8, 2);
    std::memcpy(&ids.fine, p + 10, 2);
    *c.map_.get_or_insert(h, ids) = ids;
  }
  return c;
}

WordClusters WordClusters::from_tsv(std::string_view text) {
  WordClusters c;
  size_t pos = 0;
  long line = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view l = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line;
    if (l.empty()) continue;
    size_t t1 = l.find('\t');
    size_t t2 = t1 == std::string_view::npos ? t1 : l.find('\t', t1 + 1);
    if (t2 == std::string_view::npos)
      throw Error("clusters line " + std::to_string(line) + ": need 3 columns");
    ClusterIds ids;
    try {
      ids.coarse = static_cast<uint16_t>(std::stoul(std::string(l.substr(t1 + 1, t2 - t1 - 1))));
      ids.fine = static_cast<uint16_t>(std::stoul(std::string(l.substr(t2 + 1))));
    } catch (const std::exception&) {
      throw Error("clusters line " + std::to_string(line) + ": bad cluster number");
    }
    *c.map_.get_or_insert(hash_bytes(l.substr(0, t1)), ids) = ids;
  }
  return c;
}

std::string WordClusters::serialize() const {
  std::vector<std::pair<uint64_t, ClusterIds>> rows;
  map_.for_each([&](uint64_t h, const ClusterIds& ids) { rows.emplace_back(h, ids); });
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out(kMagic, 8);
  uint64_t n = rows.size();
  out.append(reinterpret_cast<const char*>(&n), 8);
  for (const auto& [h, ids] : rows) {
    out.append(reinterpret_cast<const char*>(&h), 8);
    out.append(reinterpret_cast<const char*>(&ids.coarse), 2);
    out.append(reinterpret_cast<const char*>(&ids.fine), 2);
  }
  return out;
}

}  // namespace gazette::ner

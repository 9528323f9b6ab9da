#include "common/ner/gazetteer.h"

#include <algorithm>
#include <string>

namespace gazette::ner {
namespace {

int parse_class(std::string_view c) {
  if (c == "LOC") return kGazLoc;
  if (c == "ORG") return kGazOrg;
  if (c == "PER") return kGazPer;
  if (c == "MISC") return kGazMisc;
  if (c == "FIRST") return kGazFirst;
  if (c == "LAST") return kGazLast;
  if (c == "COMMON") return 100;
  return -1;
}

}  // namespace

Gazetteer Gazetteer::from_tsv(std::string_view data) {
  Gazetteer g;
  TokenizedText toks;
  std::string low;
  std::vector<uint64_t> hashes;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) eol = data.size();
    std::string_view line = data.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    int cls = parse_class(line.substr(0, tab));
    std::string_view name = line.substr(tab + 1);
    if (cls < 0 || name.empty()) continue;
    if (cls == 100) {
      lower_into(name, &low);
      g.common_.get_or_insert(hash_bytes(low), 1);
      continue;
    }
    tokenize(name, &toks);
    if (toks.tokens.empty() || toks.tokens.size() > kMaxGazTokens) continue;
    hashes.clear();
    for (const Token& t : toks.tokens) hashes.push_back(t.lower_hash);
    for (size_t len = 1; len < hashes.size(); ++len)
      *g.names_map_.get_or_insert(sequence_key(hashes.data(), len), 0) |= kPrefixBit;
    *g.names_map_.get_or_insert(sequence_key(hashes.data(), hashes.size()), 0) |=
        static_cast<uint16_t>(1u << cls);
  }
  uint64_t fp = 0;
  size_t n = 0;
  g.names_map_.for_each([&](uint64_t key, uint16_t v) {
    uint16_t classes = v & static_cast<uint16_t>(~kPrefixBit);
    if (classes != 0) ++n;
    fp += mix64(key ^ (static_cast<uint64_t>(classes) << 48));
  });
  g.common_.for_each([&](uint64_t key, uint8_t) { fp += mix64(key + 0x51ED27ULL); });
  g.names_ = n;
  g.fingerprint_ = fp;
  return g;
}

uint16_t Gazetteer::lookup(const uint64_t* lower_hashes, size_t n) const {
  const uint16_t* v = names_map_.find(sequence_key(lower_hashes, n));
  return v == nullptr ? 0 : static_cast<uint16_t>(*v & ~kPrefixBit);
}

void Gazetteer::match(const std::vector<Token>& tokens, uint32_t begin, uint32_t end,
                      uint32_t* out) const {
  const uint32_t n = end - begin;
  std::fill(out, out + n, 0u);
  if (names_ == 0) return;
  // Longest match per class starting at each token.
  struct Match {
    uint32_t start, len;
  };
  // Per-thread scratch: a sentence is matched for every feature extraction.
  thread_local std::vector<Match> best[kNumGazClasses];
  thread_local std::vector<char> covered;
  for (auto& list : best) list.clear();
  for (uint32_t i = 0; i < n; ++i) {
    if (!starts_upper(tokens[begin + i].text)) continue;
    uint64_t key = 0x243F6A8885A308D3ULL;
    uint32_t found[kNumGazClasses] = {};
    for (uint32_t len = 1; len <= kMaxGazTokens && i + len <= n; ++len) {
      key = extend_key(key, tokens[begin + i + len - 1].lower_hash);
      const uint16_t* v = names_map_.find(key);
      if (v == nullptr) break;
      for (int c = 0; c < kNumGazClasses; ++c)
        if (*v & (1u << c)) found[c] = len;
      if (!(*v & kPrefixBit)) break;
    }
    for (int c = 0; c < kNumGazClasses; ++c)
      if (found[c] != 0) best[c].push_back({i, found[c]});
  }
  for (int c = 0; c < kNumGazClasses; ++c) {
    std::vector<Match>& list = best[c];
    if (list.empty()) continue;
    std::stable_sort(list.begin(), list.end(),
                     [](const Match& a, const Match& b) { return a.len > b.len; });
    covered.assign(n, 0);
    for (const Match& m : list) {
      bool overlap = false;
      for (uint32_t k = m.start; k < m.start + m.len; ++k) overlap |= covered[k] != 0;
      if (overlap) continue;
      for (uint32_t k = m.start; k < m.start + m.len; ++k) covered[k] = 1;
      if (m.len == 1) {
        out[m.start] |= gaz_bit(c, 0);
      } else {
        out[m.start] |= gaz_bit(c, 1);
        for (uint32_t k = m.start + 1; k < m.start + m.len; ++k) out[k] |= gaz_bit(c, 2);
      }
    }
  }
}

}  // namespace gazette::ner

#include "common/ner/tags.h"

#include <array>

namespace gazette::ner {
namespace {
constexpr std::array<std::string_view, kNumTags> kTagNames = {
    "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"};
constexpr std::array<std::string_view, kNumTypes> kTypeNames = {"PER", "LOC", "ORG", "MISC"};
}  // namespace

std::string_view tag_name(Tag t) { return t < kNumTags ? kTagNames[t] : "?"; }

std::string_view type_name(EntityType t) { return kTypeNames[static_cast<int>(t)]; }

bool parse_tag(std::string_view name, Tag* out) {
  for (int i = 0; i < kNumTags; ++i) {
    if (kTagNames[i] == name) {
      *out = static_cast<Tag>(i);
      return true;
    }
  }
  return false;
}

void spans_of(const Tag* tags, uint32_t n, uint32_t offset, std::vector<Span>* out) {
  bool open = false;
  Span cur;
  for (uint32_t i = 0; i <= n; ++i) {
    Tag t = i < n ? tags[i] : kOutside;
    bool continues = open && is_inside(t) && type_of(t) == cur.type;
    if (continues) continue;
    if (open) {
      cur.end = offset + i;
      out->push_back(cur);
      open = false;
    }
    if (t != kOutside) {
      cur.begin = offset + i;
      cur.type = type_of(t);
      open = true;
    }
  }
}

}  // namespace gazette::ner

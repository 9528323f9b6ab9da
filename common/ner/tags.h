#pragma once
// The BIO tag set of the tagger and entity spans over tokens.

#include <cstdint>
#include <string_view>
#include <vector>

namespace gazette::ner {

// Entity types. MISC (nationalities, events, ...) is tagged, as in CoNLL-2003,
// but is no facet.
enum class EntityType : uint8_t { kPerson = 0, kPlace = 1, kGroup = 2, kMisc = 3 };
inline constexpr int kNumTypes = 4;

// Tags: 0 = O, then B-/I- per type: tag = 1 + 2 * type (+1 for I-).
// Do not renumber: model files store weights in this order.
inline constexpr int kNumTags = 9;
using Tag = uint8_t;
inline constexpr Tag kOutside = 0;

inline Tag begin_tag(EntityType t) { return static_cast<Tag>(1 + 2 * static_cast<int>(t)); }
inline Tag inside_tag(EntityType t) { return static_cast<Tag>(2 + 2 * static_cast<int>(t)); }
inline bool is_inside(Tag t) { return t != kOutside && (t % 2) == 0; }
inline EntityType type_of(Tag t) { return static_cast<EntityType>((t - 1) / 2); }

// "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC".
std::string_view tag_name(Tag t);
// "PER" "LOC" "ORG" "MISC".
std::string_view type_name(EntityType t);
// Parses a tag name; IOB1 "I-X" is accepted as is. Returns false if unknown.
bool parse_tag(std::string_view name, Tag* out);

// True when `next` may follow `prev` (I-X only after B-X or I-X). `prev` is
// kOutside at a sentence start.
inline bool allowed_transition(Tag prev, Tag next) {
  if (!is_inside(next)) return true;
  return prev != kOutside && type_of(prev) == type_of(next);
}

// A typed span of tokens [begin, end).
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  EntityType type = EntityType::kMisc;
  bool operator==(const Span&) const = default;
};

// Spans of a tag sequence, conlleval-style: an I-X that does not continue an
// X span starts a new one. Appends to *out.
void spans_of(const Tag* tags, uint32_t n, uint32_t offset, std::vector<Span>* out);

}  // namespace gazette::ner

#pragma once
// The document-level pass: from tagged tokens to facet values.
//
// refine_tags() corrects tags with evidence from the whole document (it is
// also applied when scoring on CoNLL data):
//   - a person span followed by an "al-Assad"-style particle token is extended;
//   - a word that is part of a multi-word person name elsewhere in the
//     document ("Kerry" after "John Kerry") is a person where it is tagged as
//     another type or, when capitalised and not sentence-initial, left untagged;
//   - a multi-word string gets the type it has most often in the document.
//
// collect_facets() turns spans into canonical facet values:
//   - titles ("President", "Secretary of State", "Mr."), nationality words and
//     possessives are stripped from person spans;
//   - "Russian" + "Foreign Ministry" and "UN" + "Security Council" become one group;
//   - each mention maps to the fullest name of the same entity in the
//     document: "Kerry" -> "John Kerry", "Assad" -> "Bashar al-Assad",
//     "Syrian Observatory" -> "Syrian Observatory for Human Rights", "ECB" ->
//     "European Central Bank" (when spelled out), "U.S." -> "United States".
//     A surname shared by several full names maps to the nearest preceding
//     one (else the next): different people are never merged;
//   - all-caps mentions take the document's mixed-case spelling, or title case;
//   - MISC spans, months and weekdays are no facet; spans inside `skip` (the outlet of a dateline)
//     are ignored.

#include <string>
#include <string_view>
#include <vector>

#include "common/ner/gazetteer.h"
#include "common/ner/tags.h"
#include "common/ner/text.h"

namespace gazette::ner {

void refine_tags(const TokenizedText& doc, const Gazetteer& gazetteer, std::vector<Tag>* tags);

// News conventions that CoNLL-2003 annotation does not follow, applied to
// article text before refine_tags() (not when scoring on CoNLL data):
//   - a span that runs through a title is split there: "US Secretary of State
//     John Kerry" -> "US" + person "John Kerry"; "Bank of England Governor Mark
//     Carney" -> group "Bank of England" + person "Mark Carney";
//   - a nationality word before capitalised words ending in "Ministry",
//     "Embassy", "Army"... is one group: "Russian Foreign Ministry";
//   - a multi-word organisation of the gazetteer is one group: "Syrian
//     Observatory for Human Rights".
void apply_news_conventions(const TokenizedText& doc, const Gazetteer& gazetteer,
                            std::vector<Tag>* tags);

// One entity mention, with the facet value it resolves to.
struct Mention {
  uint32_t begin = 0;  // byte offsets in the source text
  uint32_t end = 0;
  EntityType type = EntityType::kMisc;
  std::string value;  // canonical facet value
};

// Facet values of one document, each list in order of first mention.
struct Facets {
  std::vector<std::string> persons, places, groups;
  std::vector<Mention> mentions;
  void clear() {
    persons.clear();
    places.clear();
    groups.clear();
    mentions.clear();
  }
};

// Byte range of the source text whose spans are not facets.
struct ByteRange {
  uint32_t begin = 0, end = 0;
};

// Builds *out (cleared first) from `doc` (tokenized from `text`) and its tags.
// Bytes before `title_end` are the title: like headlines, a surname there
// does not count as used before the full name.
void collect_facets(std::string_view text, const TokenizedText& doc, const std::vector<Tag>& tags,
                    const Gazetteer& gazetteer, ByteRange skip, uint32_t title_end, Facets* out);

}  // namespace gazette::ner

#pragma once
// The rules-only tagger: needs no trained model (and no CoNLL data), only the
// gazetteer. Capitalised runs (joined by "of", "for", "al", ...) are typed by
// cue words (titles -> person, "Ministry"/"Party"/"Inc" -> group, "in"/"at" ->
// place), gazetteer classes and shape, with a document memory so that "Kerry"
// after "John Kerry" is a person and "SOHR" after "Syrian Observatory for Human
// Rights" a group. Much weaker than the model (see README), but free of any
// training-data licence.

#include <string>
#include <unordered_map>
#include <vector>

#include "common/ner/gazetteer.h"
#include "common/ner/tags.h"
#include "common/ner/text.h"

namespace gazette::ner {

class RuleTagger {
 public:
  // `gazetteer` must outlive the tagger.
  explicit RuleTagger(const Gazetteer* gazetteer) : gazetteer_(gazetteer) {}

  // Tags every token of `doc` (two passes over the document: the first fills
  // the memory). Not thread-safe: one per thread.
  void tag(const TokenizedText& doc, std::vector<Tag>* tags);

 private:
  void tag_sentence(const TokenizedText& doc, const Sentence& s, Tag* out);
  EntityType type_run(const TokenizedText& doc, const Sentence& s, uint32_t b, uint32_t e,
                      bool person_cue, bool caps_line);
  uint16_t classes(const TokenizedText& doc, uint32_t b, uint32_t e);

  const Gazetteer* gazetteer_;
  std::unordered_map<std::string, EntityType> memory_;
  std::vector<uint64_t> hashes_;
};

}  // namespace gazette::ner

#pragma once
// gazette's entity extractor: persons, places and groups (and a publication
// date) found in article text. This is the public interface; the stages are
//   tokenize (text.h) -> truecase headlines (truecase.h) -> tag with the model
//   (tagger.h) or the rules (rules.h) -> document-level pass and canonical
//   facet values (facets.h); dates: dateline.h.
//
// Thread-safety: an Extractor holds per-document buffers and is used by one
// thread at a time; the Model and Gazetteer it reads are immutable and shared.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/date.h"
#include "common/ner/facets.h"
#include "common/ner/gazetteer.h"
#include "common/ner/model.h"
#include "common/ner/rules.h"
#include "common/ner/tagger.h"
#include "common/ner/text.h"

namespace gazette::ner {

// Where an article's entities come from (gazette-index --entities).
enum class EntityMode {
  kAuto,      // metadata when the article has entity fields, extraction otherwise
  kMetadata,  // metadata only (the behaviour before extraction existed)
  kExtract,   // extraction only; metadata entity fields are ignored
  kBoth,      // metadata values, then extracted ones (duplicates removed later)
};

// Parses "auto" "metadata" "extract" "both". Returns false otherwise.
bool parse_entity_mode(std::string_view s, EntityMode* out);

// What the extractor found in one article.
struct ExtractedEntities {
  std::vector<std::string> persons, places, groups;  // canonical values, first mention first
  DateTime date;                                     // invalid when none was found
  std::vector<Mention> mentions;                     // every mention, offsets into the text
  void clear() {
    persons.clear();
    places.clear();
    groups.clear();
    date = DateTime();
    mentions.clear();
  }
};

class Extractor {
 public:
  // `model` null: rules only; `clusters` may be null when the model uses none.
  // The pointers must outlive the extractor.
  Extractor(const Model* model, const Gazetteer* gazetteer, const WordClusters* clusters);
  // The built-in model (rules only if the build has none), gazetteer and clusters.
  static std::unique_ptr<Extractor> builtin(bool rules_only = false);

  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Entities of an article. The text analysed is title, dateline and body,
  // joined by blank lines; Mention offsets refer to that joined text (see
  // last_text()). An outlet in parentheses at the start of the body or
  // dateline ("(Reuters) -", "(CNN)") is not an entity of the article.
  // out->date is looked for in the text only when `find_date` (an article
  // that has a date does not need it). Never fails.
  void extract(std::string_view title, std::string_view dateline, std::string_view body,
               ExtractedEntities* out, bool find_date = true);

  // A plain-text article: the first non-empty line is the title.
  void extract_text(std::string_view text, ExtractedEntities* out);

  // The text the last extract() analysed, its tokens and their final tags.
  const std::string& last_text() const { return text_; }
  const TokenizedText& last_tokens() const { return doc_; }
  const std::vector<Tag>& last_tags() const { return tags_; }
  // Tokens analysed since construction (for throughput figures).
  long tokens() const { return tokens_; }
  bool rules_only() const { return tagger_ == nullptr; }

 private:
  const Gazetteer* gazetteer_;
  std::unique_ptr<Tagger> tagger_;
  RuleTagger rules_;
  std::string text_;
  TokenizedText doc_;
  std::vector<Tag> tags_;
  Facets facets_;
  long tokens_ = 0;
};

// Applies `mode` to *a: sets persons/places/groups from metadata, extraction
// or both; when the article has no date and mode is not kMetadata, takes one
// from its text (dateline.h). `extractor` may be null only for kMetadata.
// Topics and the other fields are left as they are.
void apply_entities(EntityMode mode, Extractor* extractor, Article* a);

}  // namespace gazette::ner

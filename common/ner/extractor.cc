#include "common/ner/extractor.h"

#include "common/ner/dateline.h"
#include "common/ner/resources.h"
#include "common/ner/truecase.h"

namespace gazette::ner {
namespace {

// The "(Reuters)" of "WASHINGTON, Feb 26 (Reuters) - ..." or a leading "(CNN)":
// byte range within `s`, relative to its start; empty if none.
ByteRange outlet_range(std::string_view s) {
  size_t limit = std::min<size_t>(s.size(), 160);
  size_t open = s.find('(');
  if (open == std::string_view::npos || open >= limit) return {};
  size_t close = s.find(')', open);
  if (close == std::string_view::npos || close > limit || close - open > 60) return {};
  if (s.substr(0, open).find('\n') != std::string_view::npos) return {};
  size_t k = close + 1;
  while (k < s.size() && s[k] == ' ') ++k;
  bool dash = k < s.size() &&
              (s[k] == '-' || s.substr(k, 3) == "\xE2\x80\x93" || s.substr(k, 3) == "\xE2\x80\x94");
  if (!dash && open != 0) return {};
  return ByteRange{static_cast<uint32_t>(open), static_cast<uint32_t>(close + 1)};
}

}  // namespace

bool parse_entity_mode(std::string_view s, EntityMode* out) {
  if (s == "auto")
    *out = EntityMode::kAuto;
  else if (s == "metadata")
    *out = EntityMode::kMetadata;
  else if (s == "extract")
    *out = EntityMode::kExtract;
  else if (s == "both")
    *out = EntityMode::kBoth;
  else
    return false;
  return true;
}

Extractor::Extractor(const Model* model, const Gazetteer* gazetteer, const WordClusters* clusters)
    : gazetteer_(gazetteer), rules_(gazetteer) {
  if (model != nullptr) tagger_ = std::make_unique<Tagger>(model, gazetteer, clusters);
}

std::unique_ptr<Extractor> Extractor::builtin(bool rules_only) {
  return std::make_unique<Extractor>(rules_only ? nullptr : builtin_model(), &builtin_gazetteer(),
                                     builtin_clusters());
}

void Extractor::extract(std::string_view title, std::string_view dateline, std::string_view body,
                        ExtractedEntities* out, bool find_date) {
  out->clear();
  text_.clear();
  text_.append(title);
  text_ += "\n\n";
  ByteRange skip;
  if (!dateline.empty()) {
    ByteRange r = outlet_range(dateline);
    if (r.end > r.begin)
      skip = {static_cast<uint32_t>(r.begin + text_.size()),
              static_cast<uint32_t>(r.end + text_.size())};
    text_.append(dateline);
    text_ += "\n\n";
  }
  if (skip.end == skip.begin) {
    ByteRange r = outlet_range(body);
    if (r.end > r.begin)
      skip = {static_cast<uint32_t>(r.begin + text_.size()),
              static_cast<uint32_t>(r.end + text_.size())};
  }
  text_.append(body);
  tokenize(text_, &doc_);
  tokens_ += static_cast<long>(doc_.tokens.size());
  truecase(*gazetteer_, &doc_);
  if (tagger_)
    tagger_->tag(doc_, &tags_);
  else
    rules_.tag(doc_, &tags_);
  apply_news_conventions(doc_, *gazetteer_, &tags_);
  refine_tags(doc_, *gazetteer_, &tags_);
  collect_facets(text_, doc_, tags_, *gazetteer_, skip, static_cast<uint32_t>(title.size()),
                 &facets_);
  out->persons = std::move(facets_.persons);
  out->places = std::move(facets_.places);
  out->groups = std::move(facets_.groups);
  out->mentions = std::move(facets_.mentions);
  if (find_date) find_text_date(dateline, title, body, &out->date);
}

void Extractor::extract_text(std::string_view text, ExtractedEntities* out) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) {
    extract("", "", "", out);
    return;
  }
  size_t eol = text.find('\n', start);
  if (eol == std::string_view::npos) eol = text.size();
  std::string_view title = text.substr(start, eol - start);
  std::string_view body = eol < text.size() ? text.substr(eol + 1) : std::string_view();
  size_t b = body.find_first_not_of(" \t\r\n");
  body = b == std::string_view::npos ? std::string_view() : body.substr(b);
  extract(title, "", body, out);
}

void apply_entities(EntityMode mode, Extractor* extractor, Article* a) {
  bool use_metadata = mode == EntityMode::kMetadata || mode == EntityMode::kBoth ||
                      (mode == EntityMode::kAuto && a->has_entity_metadata);
  bool use_extractor = mode == EntityMode::kExtract || mode == EntityMode::kBoth ||
                       (mode == EntityMode::kAuto && !a->has_entity_metadata);
  if (mode != EntityMode::kMetadata && extractor == nullptr) return;
  if (!use_metadata) {
    a->persons.clear();
    a->places.clear();
    a->groups.clear();
  }
  if (!use_extractor) {
    // Entities from the metadata; only a missing date is looked for in the
    // text (datelines, written dates), which needs no tagging.
    if (!a->date.valid() && mode != EntityMode::kMetadata) {
      DateTime found;
      if (find_text_date(a->dateline, a->title, a->body, &found)) a->date = found;
    }
    return;
  }
  ExtractedEntities e;
  extractor->extract(a->title, a->dateline, a->body, &e, /*find_date=*/!a->date.valid());
  if (use_extractor) {
    auto append = [](std::vector<std::string>* to, std::vector<std::string>* from) {
      for (std::string& v : *from) to->push_back(std::move(v));
    };
    append(&a->persons, &e.persons);
    append(&a->places, &e.places);
    append(&a->groups, &e.groups);
  }
  if (!a->date.valid() && e.date.valid()) a->date = e.date;
}

}  // namespace gazette::ner

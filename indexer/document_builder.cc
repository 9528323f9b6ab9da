#include "indexer/document_builder.h"

#include "common/normalise.h"
#include "common/schema.h"
#include "common/value_codec.h"

namespace gazette {
namespace {

void add_facet(Xapian::Document* doc, Facet facet, const std::vector<std::string>& values) {
  if (values.empty()) return;
  const FacetSpec& spec = facet_spec(facet);
  for (const std::string& v : values) {
    std::string term = facet_term(spec, v);
    if (!term.empty()) doc->add_boolean_term(term);
  }
  doc->add_value(spec.slot, encode_value_list(values));
}

}  // namespace

DocumentBuilder::DocumentBuilder() {
  termgen_.set_stemmer(Xapian::Stem("english"));
  termgen_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

Xapian::Document DocumentBuilder::build(const Article& a) {
  Xapian::Document doc;
  termgen_.set_document(doc);

  // Title twice: weighted into the free-text field, and alone under "S" so that
  // title: queries match only titles. The S copy reuses the title's positions;
  // the body starts kFieldGap later, so phrases never span title and body.
  std::string_view title = normalise_text(a.title, &text_buf_);
  termgen_.index_text(Xapian::Utf8Iterator(title.data(), title.size()), kTitleWdf);
  const Xapian::termpos after_title = termgen_.get_termpos();
  termgen_.set_termpos(0);
  termgen_.index_text(Xapian::Utf8Iterator(title.data(), title.size()), 1,
                      std::string(prefix::kTitle));
  termgen_.set_termpos(after_title + kFieldGap);
  if (!a.dateline.empty()) {
    // The dateline ("SALVADOR, Feb 26") is article text: a search for the city
    // finds the story even when the body never names it again.
    std::string_view dateline = normalise_text(a.dateline, &text_buf_);
    termgen_.index_text(Xapian::Utf8Iterator(dateline.data(), dateline.size()));
  }
  std::string_view body = normalise_text(a.body, &text_buf_);
  termgen_.index_text(Xapian::Utf8Iterator(body.data(), body.size()));

  doc.add_boolean_term(id_term(a.id));
  add_facet(&doc, Facet::kPerson, a.persons);
  add_facet(&doc, Facet::kPlace, a.places);
  add_facet(&doc, Facet::kGroup, a.groups);
  add_facet(&doc, Facet::kTopic, a.topics);
  if (!a.source.empty()) add_facet(&doc, Facet::kSource, {a.source});
  if (a.date.valid()) {
    doc.add_value(slot::kDay, day_key(a.date));
    doc.add_value(slot::kSortTime, sort_key(a.date));
    doc.add_value(slot::kOldest, sort_key(a.date));
  } else {
    doc.add_value(slot::kOldest, "~");
  }
  doc.add_value(slot::kRecord, encode_record(a));
  doc.set_data(a.body);
  return doc;
}

}  // namespace gazette

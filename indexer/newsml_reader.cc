// NewsML: the XML in which news agencies deliver stories.
//
// Reuters Corpus Volume 1 (RCV1; 806,791 stories of 1996-97, one <newsitem>
// per file):
//   newsitem  @itemid @date  = title headline [byline] [dateline] text
//                              [copyright] metadata
//   metadata  = codes* (class "bip:topics:1.0", "bip:countries:1.0",
//               "bip:industries:1.0"; code @code) dc* (@element @value)
// Taken: itemid -> id; date -> date; headline (else title) -> title; dateline;
// text -> body; dc.source (else dc.publisher) -> source; the topic codes ->
// topics. Region and industry codes are codes, not names: persons, places
// and groups come from the text (--entities auto extracts them).
//
// IPTC NewsML-G2 (2.x, as agencies deliver it today; a <newsMessage> may hold
// several items):
//   newsItem @guid = itemMeta contentMeta contentSet
//   itemMeta    = [firstCreated] [versionCreated] [provider (@literal | name)]
//   contentMeta = [contentCreated] [located/name] subject* (@type, name)
//                 headline* [dateline]
//   contentSet  = inlineXML (XHTML) | inlineData (text)
// Taken: guid -> id; contentCreated, else firstCreated, else versionCreated ->
// date; the first headline -> title; dateline; inlineXML / inlineData ->
// body; provider -> source; subjects by type: cpnat:person -> persons,
// cpnat:geoArea / cpnat:poi -> places (and located), cpnat:organisation ->
// groups, other named subjects -> topics. Package and concept items are not
// articles and are skipped.

#include "common/normalise.h"
#include "indexer/article_reader.h"
#include "indexer/html_dom.h"
#include "indexer/web_dates.h"
#include "indexer/xml_stream.h"
#include "indexer/xml_tree.h"

namespace gazette {
namespace {

void read_rcv1(const xmlNode* item, const Origin& origin, ArticleSink* sink) {
  Article a;
  a.origin = origin;
  a.id = clean_value(get_attr(item, "itemid"));
  if (!a.id.empty()) a.origin.where = "itemid " + a.id;
  if (const xmlNode* h = child(item, "headline")) a.title = clean_value(markup_text(h));
  if (const xmlNode* t = child(item, "title"); a.title.empty() && t != nullptr)
    a.title = clean_value(markup_text(t));
  if (const xmlNode* d = child(item, "dateline")) a.dateline = clean_value(markup_text(d));
  if (const xmlNode* text = child(item, "text")) clean_text(markup_text(text), &a.body);
  std::vector<std::pair<std::string, std::string>> dates{{"date", get_attr(item, "date")}};
  std::string source, publisher;
  find_all(child(item, "metadata"), [&](const xmlNode* e) {
    if (is_element(e, "dc")) {
      const std::string element = get_attr(e, "element");
      if (element == "dc.source") source = clean_value(get_attr(e, "value"));
      if (element == "dc.publisher") publisher = clean_value(get_attr(e, "value"));
      if (element == "dc.date.published") dates.emplace_back(element, get_attr(e, "value"));
    } else if (is_element(e, "code") && e->parent != nullptr &&
               get_attr(e->parent, "class").rfind("bip:topics", 0) == 0) {
      add_unique(&a.topics, clean_value(get_attr(e, "code")));
    }
  });
  a.source = !source.empty() ? source : publisher;
  take_first_date(dates, &a);
  deliver_record(std::move(a), sink, "<newsitem> without headline or text",
                 "no headline and no text");
}

// The first <name> of a G2 concept (subject, located, provider), else its
// @literal.
std::string concept_name(const xmlNode* n) {
  if (const xmlNode* name = child(n, "name")) return clean_value(markup_text(name));
  return clean_value(get_attr(n, "literal"));
}

void read_g2(const xmlNode* item, const Origin& origin, ArticleSink* sink) {
  const xmlNode* meta = child(item, "itemMeta");
  const std::string item_class = get_attr(child(meta, "itemClass"), "qcode");
  if (item_class.find("composite") != std::string::npos) return;  // a package, not a story
  Article a;
  a.origin = origin;
  a.id = clean_value(get_attr(item, "guid"));
  if (!a.id.empty()) a.origin.where = "guid " + a.id;
  const xmlNode* content_meta = child(item, "contentMeta");
  if (const xmlNode* h = child(content_meta, "headline")) a.title = clean_value(markup_text(h));
  if (const xmlNode* d = child(content_meta, "dateline")) a.dateline = clean_value(markup_text(d));
  if (const xmlNode* provider = child(meta, "provider")) a.source = concept_name(provider);
  const xmlNode* content_set = child(item, "contentSet");
  const xmlNode* inline_xml = child(content_set, "inlineXML");
  const xmlNode* inline_data = child(content_set, "inlineData");
  if (inline_xml != nullptr) {
    const xmlNode* body = find(inline_xml, "body");
    clean_text(markup_text(body != nullptr ? body : inline_xml), &a.body);
  } else if (inline_data != nullptr) {
    clean_text(markup_text(inline_data), &a.body);
  }
  take_first_date({{"contentCreated", markup_text(child(content_meta, "contentCreated"))},
                   {"firstCreated", markup_text(child(meta, "firstCreated"))},
                   {"versionCreated", markup_text(child(meta, "versionCreated"))}},
                  &a);
  for (const xmlNode* c = content_meta == nullptr ? nullptr : content_meta->children; c != nullptr;
       c = c->next) {
    const bool subject = is_element(c, "subject");
    if (!subject && !is_element(c, "located")) continue;
    const std::string type = get_attr(c, "type");
    const std::string name = concept_name(c);
    if (name.empty()) continue;
    if (!subject || type == "cpnat:geoArea" || type == "cpnat:poi") {
      add_unique(&a.places, name);
      a.has_entity_metadata = a.has_entity_metadata || subject;
    } else if (type == "cpnat:person") {
      add_unique(&a.persons, name);
      a.has_entity_metadata = true;
    } else if (type == "cpnat:organisation") {
      add_unique(&a.groups, name);
      a.has_entity_metadata = true;
    } else {
      add_unique(&a.topics, name);
    }
  }
  deliver_record(std::move(a), sink, "<newsItem> without headline or text",
                 "no headline and no text");
}

}  // namespace

void read_newsml(ByteSource* source, const ReaderOptions& limits, ArticleSink* sink) {
  (void)limits;
  read_xml_records(
      source, false, [](std::string_view name) { return name == "newsitem" || name == "newsItem"; },
      [&](const xmlNode* item, const Origin& origin) {
        if (element_name(item) == "newsitem")
          read_rcv1(item, origin, sink);
        else
          read_g2(item, origin, sink);
      },
      "no <newsitem> or <newsItem> element in the file", sink);
}

}  // namespace gazette

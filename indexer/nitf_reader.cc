// NITF (News Industry Text Format, IPTC; versions 2.5-3.6 as used by agencies
// and the New York Times Annotated Corpus). Each <nitf> element is an article;
// a file usually holds one, and the stream reader takes them one at a time:
//
//   nitf      = head body
//   head      = [title] [docdata] [pubdata] ...
//   docdata   = [doc-id @id-string] [date.issue @norm] [date.release @norm]
//               [doc.copyright @holder] [identified-content] [key-list]
//   pubdata   = @date.publication @name @ex-ref
//   body      = body.head body.content [body.end]
//   body.head = [hedline (hl1 [hl2])] [byline] [dateline]
//
// Taken: doc-id -> id; hl1 (else head/title) -> title; body.content -> body
// (only its <block class="full_text"> when there is one, as in the NYT corpus,
// whose other blocks repeat the lead); pubdata@date.publication, else
// date.release, date.issue, story.date -> date; pubdata@name, else the
// copyright holder -> source; pubdata@ex-ref -> url; dateline -> dateline;
// every <person>, <location>, <org> (in identified-content or tagged inline
// in the text) -> persons/places/groups; classifier and keyword -> topics.

#include <algorithm>
#include <functional>

#include "common/normalise.h"
#include "indexer/article_reader.h"
#include "indexer/html_dom.h"
#include "indexer/web_dates.h"
#include "indexer/xml_stream.h"
#include "indexer/xml_tree.h"

namespace gazette {
namespace {

// Indexing services write persons "Family, Given": turned to "Given Family"
// when there is exactly one comma between two short name parts.
std::string person_display(std::string v) {
  size_t comma = v.find(',');
  if (comma == std::string::npos || v.find(',', comma + 1) != std::string::npos) return v;
  std::string family = clean_value(v.substr(0, comma));
  std::string given = clean_value(v.substr(comma + 1));
  if (family.empty() || given.empty()) return v;
  for (char c : v)
    if (c >= '0' && c <= '9') return v;
  auto words = [](const std::string& s) { return 1 + std::count(s.begin(), s.end(), ' '); };
  if (words(family) > 3 || words(given) > 4) return v;
  return given + " " + family;
}

void read_one(const xmlNode* nitf, const Origin& origin, ArticleSink* sink) {
  Article a;
  a.origin = origin;
  const xmlNode* head = child(nitf, "head");
  const xmlNode* body = child(nitf, "body");
  const xmlNode* docdata = child(head, "docdata");
  const xmlNode* pubdata = child(head, "pubdata");
  const xmlNode* body_head = child(body, "body.head");

  if (const xmlNode* id = child(docdata, "doc-id")) a.id = clean_value(get_attr(id, "id-string"));
  if (!a.id.empty()) a.origin.where = "doc-id " + a.id;

  if (const xmlNode* hl1 = find(child(body_head, "hedline"), "hl1"))
    a.title = clean_value(markup_text(hl1));
  if (const xmlNode* t = child(head, "title"); a.title.empty() && t != nullptr)
    a.title = clean_value(markup_text(t));

  const xmlNode* content = child(body, "body.content");
  if (content != nullptr) {
    const xmlNode* full = nullptr;
    for (const xmlNode* c = content->children; c != nullptr; c = c->next)
      if (is_element(c, "block") && get_attr(c, "class") == "full_text") full = c;
    std::string text = markup_text(full != nullptr ? full : content);
    clean_text(text, &a.body);
  }
  if (const xmlNode* dl = child(body_head, "dateline")) a.dateline = clean_value(markup_text(dl));

  // Dates, most specific first.
  std::vector<std::pair<std::string, std::string>> dates;  // (field, value)
  if (pubdata != nullptr) dates.emplace_back("pubdata", get_attr(pubdata, "date.publication"));
  if (const xmlNode* d = child(docdata, "date.release")) dates.emplace_back("date.release", get_attr(d, "norm"));
  if (const xmlNode* d = child(docdata, "date.issue")) dates.emplace_back("date.issue", get_attr(d, "norm"));
  if (const xmlNode* d = find(body_head, "story.date")) {
    std::string v = get_attr(d, "norm");
    dates.emplace_back("story.date", v.empty() ? clean_value(markup_text(d)) : v);
  }
  take_first_date(dates, &a);

  if (pubdata != nullptr) {
    a.source = clean_value(get_attr(pubdata, "name"));
    std::string url = clean_value(get_attr(pubdata, "ex-ref"));
    if (url.rfind("http", 0) == 0) a.url = url;
  }
  if (a.source.empty()) {
    if (const xmlNode* c = child(docdata, "doc.copyright")) a.source = clean_value(get_attr(c, "holder"));
  }

  // Entities wherever they are tagged, and topics from the indexing data.
  find_all(nitf, [&](const xmlNode* e) {
    std::string_view name = element_name(e);
    if (name == "person") {
      a.has_entity_metadata = true;
      add_unique(&a.persons, person_display(entity_text(e)));
    } else if (name == "location") {
      a.has_entity_metadata = true;
      add_unique(&a.places, entity_text(e));
    } else if (name == "org") {
      a.has_entity_metadata = true;
      add_unique(&a.groups, entity_text(e));
    } else if (name == "classifier") {
      add_unique(&a.topics, entity_text(e));
    } else if (name == "keyword") {
      add_unique(&a.topics, clean_value(get_attr(e, "key")));
    } else if (name == "tobject.subject") {
      std::string v = get_attr(e, "tobject.subject.matter");
      if (v.empty()) v = get_attr(e, "tobject.subject.type");
      add_unique(&a.topics, clean_value(v));
    }
  });

  deliver_record(std::move(a), sink, "<nitf> without headline or text", "no headline and no text");
}

}  // namespace

void read_nitf(ByteSource* source, const ReaderOptions& limits, ArticleSink* sink) {
  (void)limits;
  read_xml_records(
      source, false, [](std::string_view name) { return name == "nitf"; },
      [&](const xmlNode* nitf, const Origin& origin) { read_one(nitf, origin, sink); },
      "no <nitf> element in the file", sink);
}

}  // namespace gazette

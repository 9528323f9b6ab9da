// RSS 2.0 (also 0.9x and RSS 1.0/RDF) and Atom 1.0 feeds: one article per
// <item> / <entry>, read one at a time from the stream:
//
//   rss   = <rss> <channel> title link ... *item </channel> </rss>
//   item  = title link description [content:encoded] pubDate [dc:date] guid
//           *category [dc:subject]
//   atom  = <feed> title [link] ... *entry </feed>
//   entry = title *link(@rel @href) id published updated [summary] [content]
//           *category(@term @label)
//
// Taken: title -> title; content:encoded, else Atom content, else
// description / summary -> body (HTML inside, escaped or as XHTML, is turned
// into text with the HTML machinery of html_extract); pubDate (RFC 822),
// dc:date, published, else updated -> date; link (rel="alternate" or none) ->
// url; guid / id -> id (a guid that is not a URI is qualified by the channel's
// link, so numeric guids of two feeds do not collide); category and dc:subject
// -> topics; the channel's / feed's title -> source.

#include "common/normalise.h"
#include "indexer/article_reader.h"
#include "indexer/html_dom.h"
#include "indexer/html_extract.h"
#include "indexer/web_dates.h"
#include "indexer/xml_stream.h"
#include "indexer/xml_tree.h"

namespace gazette {
namespace {

constexpr const char* kContentNs = "http://purl.org/rss/1.0/modules/content/";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

std::string ns_of(const xmlNode* n) {
  return n->ns != nullptr && n->ns->href != nullptr
             ? std::string(reinterpret_cast<const char*>(n->ns->href))
             : std::string();
}

// The raw character data of an element (text, CDATA, entities resolved).
std::string raw_text(const xmlNode* n) {
  std::string out;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ENTITY_REF_NODE) {
      TextBuilder b;
      render_text(c, &b);
      out += b.str().empty() ? " " : b.str();
    } else if (c->type == XML_ELEMENT_NODE) {
      out += raw_text(c);
    }
  }
  return out;
}

// A text construct: Atom @type "text" (plain), "html" (escaped HTML) or
// "xhtml" (a <div> of XHTML in the tree); RSS text is HTML-escaped in practice.
std::string construct_text(const xmlNode* n, bool atom) {
  std::string type = lower(get_attr(n, "type"));
  if (type == "xhtml") {
    TextBuilder b;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) render_text(c, &b);
    return b.str();
  }
  std::string text = raw_text(n);
  if (atom && (type.empty() || type == "text" || type == "text/plain")) {
    std::string cleaned;
    clean_text(text, &cleaned);
    TextBuilder b;
    b.raw_text(cleaned);
    return b.str();
  }
  return html_fragment_to_text(text);
}

constexpr size_t kMaxCategories = 50;  // topics kept from one item's categories

struct FeedInfo {
  std::string title;  // channel / feed title: the articles' source
  std::string link;   // channel link, qualifies non-URI guids
};

void read_item(const xmlNode* item, bool atom, const FeedInfo& feed, const Origin& origin,
               ArticleSink* sink) {
  Article a;
  a.origin = origin;
  a.source = feed.title;
  std::string content, description, guid, pub, dc_date, published, updated, link;
  bool guid_is_link = false;
  for (const xmlNode* c = item->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view name = element_name(c);
    std::string ns = ns_of(c);
    if (name == "title" && a.title.empty()) {
      a.title = clean_value(construct_text(c, atom));
    } else if (name == "encoded" && ns == kContentNs) {
      content = html_fragment_to_text(raw_text(c));
    } else if (name == "content" && atom) {
      if (!has_attr(c, "src")) content = construct_text(c, true);
    } else if (name == "description" || name == "summary") {
      if (description.empty()) description = construct_text(c, atom);
    } else if (name == "link") {
      std::string rel = lower(get_attr(c, "rel"));
      std::string href = get_attr(c, "href");
      if (href.empty()) href = raw_text(c);
      if ((rel.empty() || rel == "alternate") && link.empty()) link = clean_value(href);
    } else if (name == "guid" || (name == "id" && atom)) {
      guid = clean_value(raw_text(c));
      guid_is_link = name == "guid" && lower(get_attr(c, "isPermaLink")) != "false";
    } else if (name == "pubDate") {
      pub = clean_value(raw_text(c));
    } else if (name == "date") {  // dc:date
      dc_date = clean_value(raw_text(c));
    } else if (name == "published" || name == "issued") {
      published = clean_value(raw_text(c));
    } else if (name == "updated" || name == "modified") {
      updated = clean_value(raw_text(c));
    } else if (name == "category") {
      std::string v = get_attr(c, "label");
      if (v.empty()) v = get_attr(c, "term");
      if (v.empty()) v = raw_text(c);
      add_unique(&a.topics, clean_value(v), kMaxCategories);
    } else if (name == "subject") {  // dc:subject
      add_unique(&a.topics, clean_value(raw_text(c)), kMaxCategories);
    }
  }
  std::string body = content.empty() ? description : content;
  clean_text(body, &a.body);
  a.url = link;
  if (a.url.empty() && guid_is_link && guid.rfind("http", 0) == 0) a.url = guid;
  if (!guid.empty()) {
    bool uri = guid.find(':') != std::string::npos;
    a.id = uri || feed.link.empty() ? guid : feed.link + "#" + guid;
  }
  std::string bad_value, why;
  for (const std::string& d : {pub, dc_date, published, updated}) {
    if (d.empty()) continue;
    std::string err = parse_web_date(d, &a.date);
    if (err.empty()) {
      bad_value.clear();
      break;
    }
    if (bad_value.empty()) bad_value = d, why = err;
  }
  if (!a.date.valid() && !bad_value.empty()) {
    a.warnings.push_back(bad_date_problem(atom ? "published" : "pubDate", bad_value, why, origin));
  }
  if (a.title.empty() && a.body.empty()) {
    sink->reject(make_problem("empty-article", "",
                              std::string(atom ? "<entry>" : "<item>") + " without title or text",
                              origin));
    return;
  }
  sink->accept(std::move(a));
}

}  // namespace

void read_feed(ByteSource* source, const ReaderOptions& limits, ArticleSink* sink) {
  (void)limits;
  // Feeds in the wild are often not well-formed (a bare '&', an HTML entity
  // without a DTD): the stream mends those references as it reads.
  XmlStream xml(source, true);
  FeedInfo feed;
  long items = 0;
  int feed_depth = -1;  // depth of <channel> / <feed>
  bool more = xml.next_element();
  while (more && !sink->stopped()) {
    std::string_view name = xml.local_name();
    int depth = xml.depth();
    if (name == "channel" || name == "feed") {
      feed_depth = depth;
      more = xml.next_element();
      continue;
    }
    if (name == "item" || name == "entry") {
      bool atom = name == "entry";
      const xmlNode* item = xml.expand();
      if (item == nullptr) break;
      Origin origin{source->path(), xmlGetLineNo(item), {}};
      read_item(item, atom, feed, origin, sink);
      ++items;
      more = xml.skip_to_next_element();
      continue;
    }
    if (depth == feed_depth + 1 && (name == "title" || name == "link")) {
      const xmlNode* n = xml.expand();
      if (n == nullptr) break;
      if (name == "title" && feed.title.empty()) {
        feed.title = clean_value(construct_text(n, xml.namespace_uri().find("Atom") !=
                                                        std::string::npos));
      } else if (name == "link" && feed.link.empty()) {
        std::string rel = lower(get_attr(n, "rel"));
        std::string href = get_attr(n, "href");
        if (href.empty()) href = raw_text(n);
        if (rel.empty() || rel == "alternate") feed.link = clean_value(href);
      }
      more = xml.skip_to_next_element();
      continue;
    }
    // Channel metadata we do not use (image, textinput, author) is skipped
    // whole; the root and the channel are entered.
    if (depth > feed_depth && feed_depth >= 0) {
      more = xml.skip_to_next_element();
    } else {
      more = xml.next_element();
    }
  }
  report_xml_end(xml, *source, items, "items", "no <item> or <entry> in the feed", sink);
}

}  // namespace gazette

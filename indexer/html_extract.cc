// HTML page extraction: metadata first (from the whole tree), then the main
// text with a readability-style scorer (after Arc90 Readability / Mozilla
// readability.js: paragraph scores flow to ancestors, link density scales them,
// siblings of the winner join it, boxes inside it are cleaned conditionally).
// The scorer works on libxml2's tree and removes boilerplate subtrees from it
// destructively, so each attempt parses the page afresh.

#include "indexer/html_extract.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "common/normalise.h"
#include "indexer/html_charset.h"
#include "indexer/html_dom.h"
#include "indexer/web_dates.h"

namespace gazette {
namespace {

// ---------------------------------------------------------------- helpers --

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

const xmlNode* first_element_child(const xmlNode* n, const char* name) {
  for (const xmlNode* c = n == nullptr ? nullptr : n->children; c != nullptr; c = c->next)
    if (is_element(c, name)) return c;
  return nullptr;
}

const xmlNode* body_of(xmlDoc* doc) {
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) return nullptr;
  if (const xmlNode* body = first_element_child(root, "body")) return body;
  return root;
}

void add_unique(std::vector<std::string>* list, std::string value, size_t cap) {
  value = clean_value(value);
  if (value.empty() || value.size() > 200 || list->size() >= cap) return;
  std::string key = fold_key(value);
  for (const std::string& v : *list)
    if (fold_key(v) == key) return;
  list->push_back(std::move(value));
}

// "a, b; c" -> a b c
void add_split(std::vector<std::string>* list, std::string_view s, size_t cap) {
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find_first_of(",;", pos);
    if (end == std::string_view::npos) end = s.size();
    add_unique(list, std::string(s.substr(pos, end - pos)), cap);
    pos = end + 1;
  }
}

bool looks_like_url(std::string_view s) {
  return starts_with(s, "http://") || starts_with(s, "https://") || starts_with(s, "//");
}

// ------------------------------------------------------- charset detection --

// The charset a page declares in its first bytes (<meta charset> or
// <meta http-equiv="Content-Type" content="...; charset=...">), read with the
// HTML parser from the first 4 KiB taken as UTF-8/CP1252 (ASCII is all that
// matters there).
std::string meta_charset(std::string_view bytes) {
  std::string head;
  clean_text(bytes.substr(0, 4096), &head);
  XmlDocPtr doc = parse_html_utf8(head);
  std::string found;
  std::function<void(const xmlNode*)> walk = [&](const xmlNode* n) {
    for (; n != nullptr && found.empty(); n = n->next) {
      if (is_element(n, "meta")) {
        std::string cs = get_attr(n, "charset");
        if (cs.empty() && lower(get_attr(n, "http-equiv")) == "content-type")
          cs = charset_from_content_type(get_attr(n, "content"));
        if (!cs.empty()) found = lower(cs);
      }
      if (n->type == XML_ELEMENT_NODE) walk(n->children);
    }
  };
  walk(xmlDocGetRootElement(doc.get()));
  return found;
}

// --------------------------------------------------------------- metadata --

struct Metadata {
  std::string ld_headline, ld_date, ld_body, ld_publisher, ld_url;
  std::vector<std::string> ld_authors, ld_keywords;
  bool have_ld = false;
  // <meta> values by lower-cased property/name/itemprop, in document order.
  std::vector<std::pair<std::string, std::string>> metas;
  std::string title_tag, canonical;
  std::vector<std::string> h1s;
  std::vector<std::string> prominent;  // h2, b, strong, font texts: headlines of old pages
  std::vector<std::string> time_values;   // <time datetime>, document order
  std::vector<std::string> itemprop_dates;
  std::vector<std::string> rel_authors;

  std::string meta(std::string_view key) const {
    for (const auto& [k, v] : metas)
      if (k == key && !clean_value(v).empty()) return v;
    return "";
  }
};

std::string json_string(simdjson::dom::element v) {
  std::string_view s;
  if (!v.get_string().get(s)) return std::string(s);
  return "";
}

// A name from a string, an object with "name", or an array of those.
void json_names(simdjson::dom::element v, std::vector<std::string>* out, int depth = 0) {
  if (depth > 3) return;
  std::string_view s;
  if (!v.get_string().get(s)) {
    add_unique(out, std::string(s), 20);
    return;
  }
  simdjson::dom::array arr;
  if (!v.get_array().get(arr)) {
    for (simdjson::dom::element e : arr) json_names(e, out, depth + 1);
    return;
  }
  simdjson::dom::object obj;
  if (!v.get_object().get(obj)) {
    simdjson::dom::element name;
    if (!obj["name"].get(name)) json_names(name, out, depth + 1);
  }
}

bool is_article_type(simdjson::dom::element type) {
  static constexpr std::string_view kTypes[] = {
      "NewsArticle",     "Article",           "ReportageNewsArticle", "AnalysisNewsArticle",
      "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting",
      "LiveBlogPosting", "Report",            "ScholarlyArticle",     "TechArticle"};
  auto one = [&](std::string_view t) {
    if (size_t colon = t.rfind('/'); colon != std::string_view::npos) t.remove_prefix(colon + 1);
    for (std::string_view k : kTypes)
      if (t == k) return true;
    return false;
  };
  std::string_view s;
  if (!type.get_string().get(s)) return one(s);
  simdjson::dom::array arr;
  if (!type.get_array().get(arr)) {
    for (simdjson::dom::element e : arr)
      if (!e.get_string().get(s) && one(s)) return true;
  }
  return false;
}

// Finds the first article object (top level, in an array, or in @graph).
bool find_ld_article(simdjson::dom::element v, simdjson::dom::object* out, int depth = 0) {
  if (depth > 4) return false;
  simdjson::dom::array arr;
  if (!v.get_array().get(arr)) {
    for (simdjson::dom::element e : arr)
      if (find_ld_article(e, out, depth + 1)) return true;
    return false;
  }
  simdjson::dom::object obj;
  if (v.get_object().get(obj)) return false;
  simdjson::dom::element type;
  if (!obj["@type"].get(type) && is_article_type(type)) {
    *out = obj;
    return true;
  }
  simdjson::dom::element graph;
  if (!obj["@graph"].get(graph)) return find_ld_article(graph, out, depth + 1);
  return false;
}

void read_json_ld(std::string_view json, simdjson::dom::parser* parser, Metadata* m) {
  if (m->have_ld) return;
  simdjson::padded_string padded(json);
  simdjson::dom::element doc;
  if (parser->parse(padded).get(doc)) return;  // invalid JSON-LD is common; ignore it
  simdjson::dom::object art;
  if (!find_ld_article(doc, &art)) return;
  m->have_ld = true;
  simdjson::dom::element v;
  if (!art["headline"].get(v)) m->ld_headline = json_string(v);
  if (m->ld_headline.empty() && !art["name"].get(v)) m->ld_headline = json_string(v);
  if (!art["datePublished"].get(v)) m->ld_date = json_string(v);
  if (m->ld_date.empty() && !art["dateCreated"].get(v)) m->ld_date = json_string(v);
  if (!art["articleBody"].get(v)) m->ld_body = json_string(v);
  if (!art["author"].get(v)) json_names(v, &m->ld_authors);
  if (!art["publisher"].get(v)) {
    std::vector<std::string> names;
    json_names(v, &names);
    if (!names.empty()) m->ld_publisher = names[0];
  }
  if (!art["articleSection"].get(v)) json_names(v, &m->ld_keywords);
  if (!art["keywords"].get(v)) {
    std::string_view s;
    if (!v.get_string().get(s)) {
      add_split(&m->ld_keywords, s, 25);
    } else {
      json_names(v, &m->ld_keywords);
    }
  }
  if (!art["url"].get(v)) m->ld_url = json_string(v);
  if (m->ld_url.empty() && !art["mainEntityOfPage"].get(v)) {
    m->ld_url = json_string(v);
    simdjson::dom::object o;
    simdjson::dom::element id;
    if (m->ld_url.empty() && !v.get_object().get(o) && !o["@id"].get(id)) m->ld_url = json_string(id);
  }
}

std::string script_text(const xmlNode* n) {
  std::string out;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next)
    if (c->content != nullptr) out += reinterpret_cast<const char*>(c->content);
  return out;
}

void collect_metadata(const xmlNode* n, Metadata* m, simdjson::dom::parser* parser) {
  for (; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    std::string_view name = element_name(n);
    if (name == "meta") {
      std::string key = get_attr(n, "property");
      if (key.empty()) key = get_attr(n, "name");
      if (key.empty()) key = get_attr(n, "itemprop");
      if (!key.empty()) m->metas.emplace_back(lower(key), get_attr(n, "content"));
      if (lower(get_attr(n, "itemprop")) == "datepublished")
        m->itemprop_dates.push_back(get_attr(n, "content"));
      continue;
    }
    if (name == "title" && m->title_tag.empty()) {
      m->title_tag = clean_value(node_text(n));
      continue;
    }
    if (name == "link") {
      std::string rel = lower(get_attr(n, "rel"));
      if (rel == "canonical" && m->canonical.empty()) m->canonical = get_attr(n, "href");
      continue;
    }
    if (name == "script") {
      if (lower(get_attr(n, "type")) == "application/ld+json")
        read_json_ld(script_text(n), parser, m);
      continue;
    }
    if (name == "h1") m->h1s.push_back(clean_value(node_text(n)));
    if (name == "h2" || name == "b" || name == "strong" || name == "font") {
      if (m->prominent.size() < 200) m->prominent.push_back(clean_value(node_text(n)));
    }
    if (name == "time" && has_attr(n, "datetime")) m->time_values.push_back(get_attr(n, "datetime"));
    if (lower(get_attr(n, "itemprop")) == "datepublished" && name != "meta") {
      std::string v = get_attr(n, "datetime");
      if (v.empty()) v = get_attr(n, "content");
      if (v.empty()) v = node_text(n);
      m->itemprop_dates.push_back(v);
    }
    if (name == "a" && lower(get_attr(n, "rel")) == "author")
      m->rel_authors.push_back(node_text(n));
    collect_metadata(n->children, m, parser);
  }
}

// <title> often reads "Headline | Site" or "Headline - Site": the part before
// the last separator, if it is long enough to be a headline.
std::string trim_title_suffix(const std::string& title) {
  for (std::string_view sep : {" | ", " - ", " — ", " – ", " :: ", " · "}) {
    size_t pos = title.rfind(sep);
    if (pos == std::string::npos || pos == 0) continue;
    std::string head = title.substr(0, pos);
    size_t words = 1 + static_cast<size_t>(std::count(head.begin(), head.end(), ' '));
    if (words >= 3) return head;
  }
  return title;
}

// ------------------------------------------------------- boilerplate rules --

struct Flags {
  bool strip_unlikely = true;   // drop subtrees whose class/id says boilerplate
  bool weight_classes = true;   // class/id hints add to or subtract from scores
  bool clean_conditionally = true;  // drop low-density boxes inside the content
};

// Tags whose subtrees never hold article text.
bool is_dropped_tag(std::string_view name) {
  static constexpr std::string_view kTags[] = {
      "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
      "canvas", "button", "select",  "input",    "textarea", "option", "nav", "aside",
      "footer", "header", "menu",    "dialog",   "figure", "figcaption", "link", "meta",
      "form",   "label",  "video",   "audio",    "map",    "head",   "title"};
  for (std::string_view t : kTags)
    if (t == name) return true;
  return false;
}

// Lower-cased "class id" of an element.
std::string class_and_id(const xmlNode* n) {
  return lower(get_attr(n, "class") + " " + get_attr(n, "id"));
}

// Advertising markers among class/id tokens: "ad", "ad-slot", "top-ad",
// "advert...", "adsbygoogle", "dfp-...". A substring test for "ad" would hit
// "header", "load", "shadow".
bool has_ad_token(std::string_view ci) {
  size_t pos = 0;
  while (pos < ci.size()) {
    size_t end = ci.find_first_of(" \t\n", pos);
    if (end == std::string_view::npos) end = ci.size();
    std::string_view tok = ci.substr(pos, end - pos);
    pos = end + 1;
    if (tok.empty()) continue;
    if (tok == "ad" || tok == "ads" || starts_with(tok, "ad-") || starts_with(tok, "ad_") ||
        starts_with(tok, "ads-") || starts_with(tok, "ads_") || ends_with(tok, "-ad") ||
        ends_with(tok, "_ad") || ends_with(tok, "-ads") || contains(tok, "advert") ||
        contains(tok, "adsbygoogle") || contains(tok, "adslot") || contains(tok, "ad-slot") ||
        starts_with(tok, "dfp") || contains(tok, "sponsor") || contains(tok, "gpt-ad"))
      return true;
  }
  return false;
}

bool matches_any(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (contains(s, w)) return true;
  return false;
}

// Readability's "unlikely candidates", with the cookie/consent, newsletter and
// recommendation widgets of current news sites added.
bool is_unlikely(std::string_view ci) {
  return matches_any(ci, {"banner", "breadcrumb", "combx", "comment", "community", "cover-wrap",
                          "disqus", "extra", "footer", "gdpr", "cookie", "consent", "header",
                          "legends", "menu", "related", "remark", "replies", "rss", "shoutbox",
                          "sidebar", "skyscraper", "social", "supplemental", "ad-break",
                          "agegate", "pagination", "pager", "popup", "modal", "newsletter",
                          "subscribe", "signup", "sign-up", "share", "sharing", "promo",
                          "recommend", "trending", "most-popular", "mostpopular", "outbrain",
                          "taboola", "widget", "navbar", "masthead", "byline", "author-bio",
                          "toolbar", "paywall", "read-more", "readmore", "more-stories",
                          "tags", "topics-list", "breaking-bar", "ticker", "alert-bar", "pullquote",
                          "pull-quote", "author-info", "author-box", "about-author", "bio-box", "twitter-tweet", "instagram-media", "social-embed"}) ||
         has_ad_token(ci);
}

bool is_maybe_candidate(std::string_view ci) {
  return matches_any(ci, {"article", "body", "column", "content", "main", "story", "entry"});
}

int class_weight(const xmlNode* n) {
  int weight = 0;
  auto judge = [&](const std::string& v) {
    if (v.empty()) return;
    std::string s = lower(v);
    if (matches_any(s, {"comment", "com-", "contact", "foot", "footnote", "gdpr", "masthead",
                        "media", "meta", "outbrain", "promo", "related", "scroll", "share",
                        "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags",
                        "tool", "widget", "newsletter", "cookie", "byline", "caption"}) ||
        has_ad_token(s))
      weight -= 25;
    if (matches_any(s, {"article", "body", "content", "entry", "hentry", "h-entry", "main",
                        "page", "post", "text", "blog", "story"}))
      weight += 25;
  };
  judge(get_attr(n, "class"));
  judge(get_attr(n, "id"));
  if (lower(get_attr(n, "itemprop")) == "articlebody") weight += 50;
  return weight;
}

bool is_hidden(const xmlNode* n) {
  if (has_attr(n, "hidden")) return true;
  if (lower(get_attr(n, "aria-hidden")) == "true") return true;
  std::string style = lower(get_attr(n, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  if (contains(style, "display:none") || contains(style, "visibility:hidden")) return true;
  std::string role = lower(get_attr(n, "role"));
  return role == "navigation" || role == "banner" || role == "contentinfo" ||
         role == "complementary" || role == "dialog" || role == "alertdialog" ||
         role == "search" || role == "menu" || role == "menubar" || role == "toolbar" ||
         role == "alert";
}

// Headings that introduce a box of links, teasers or reader comments rather
// than article text.
bool is_boilerplate_heading(const std::string& text) {
  std::string t = fold_key(text);
  while (!t.empty() && (t.back() == ':' || t.back() == '.')) t.pop_back();
  if (t.empty() || t.size() > 60) return false;
  static constexpr std::string_view kHeads[] = {
      "comments", "comment", "discussion", "conversation", "join the conversation",
      "join the discussion", "leave a reply", "leave a comment", "reader comments",
      "responses", "related", "related stories", "related articles", "related content",
      "more stories", "more from", "recommended", "recommended for you", "you may also like",
      "you might also like", "trending", "trending now", "most read", "most popular",
      "popular", "popular posts", "read next", "what to read next", "latest news",
      "sponsored", "sponsored content", "from our partners", "around the web", "share this",
      "newsletter", "sign up"};
  for (std::string_view h : kHeads) {
    if (t == h) return true;
    // "4 comments", "more from politics", "comments (12)"
    if (t.size() > h.size() && (t.compare(0, h.size(), h) == 0 || t.compare(t.size() - h.size(), h.size(), h) == 0) &&
        (h == "more from" || h == "comments" || h == "responses" || h == "related")) return true;
  }
  return false;
}

// A box whose first element is a boilerplate heading ("Comments", "Most
// read", "Related").
bool introduced_by_boilerplate_heading(const xmlNode* n) {
  std::string_view name = element_name(n);
  if (name != "div" && name != "section" && name != "aside" && name != "nav") return false;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE) {
      if (!clean_value(reinterpret_cast<const char*>(c->content)).empty()) return false;
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view cn = element_name(c);
    bool heading = cn.size() == 2 && cn[0] == 'h' && cn[1] >= '2' && cn[1] <= '6';
    return heading && is_boilerplate_heading(node_text(c));
  }
  return false;
}

// Removes boilerplate subtrees from the tree (destructively).
void prune(xmlNode* n, const Flags& flags, int depth) {
  xmlNode* c = n->children;
  while (c != nullptr) {
    xmlNode* next = c->next;
    bool drop = false;
    if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
      drop = true;
    } else if (c->type == XML_ELEMENT_NODE) {
      std::string_view name = element_name(c);
      if (is_dropped_tag(name) || is_hidden(c) || introduced_by_boilerplate_heading(c)) {
        drop = true;
      } else if (flags.strip_unlikely && name != "body" && name != "article" && name != "main" &&
                 name != "a" && name != "p") {
        std::string ci = class_and_id(c);
        drop = is_unlikely(ci) && !is_maybe_candidate(ci);
        // An explicit advertisement marker wins over "content" in the name.
        if (!drop && has_ad_token(ci) && !contains(ci, "article") && !contains(ci, "story"))
          drop = true;
      }
    }
    if (drop) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
    } else if (c->type == XML_ELEMENT_NODE && depth < 512) {
      prune(c, flags, depth + 1);
    }
    c = next;
  }
}

// ---------------------------------------------------------------- scoring --

struct Stats {
  size_t chars = 0;       // visible characters (whitespace runs count as one)
  size_t link_chars = 0;  // of which inside <a>
  size_t commas = 0;
  size_t own_chars = 0;   // characters not inside a block-level child
  size_t own_commas = 0;
  int p = 0, li = 0, img = 0, input = 0, embed = 0, headings = 0;
};

size_t count_chars(std::string_view s, size_t* commas) {
  size_t n = 0;
  bool space = true;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!space) ++n;
      space = true;
      continue;
    }
    space = false;
    if ((c & 0xC0) != 0x80) ++n;  // count code points, not bytes
    if (c == ',') ++*commas;
    // U+FF0C fullwidth comma and U+3001 ideographic comma
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        static_cast<unsigned char>(s[i + 2]) == 0x8C)
      ++*commas;
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x81)
      ++*commas;
  }
  return n;
}

class Scorer {
 public:
  explicit Scorer(const Flags& flags) : flags_(flags) {}

  const Stats& stats(const xmlNode* n) { return stats_[n]; }

  // Fills stats_ for every element under n (post-order).
  Stats compute(const xmlNode* n, bool in_link, int depth) {
    Stats s;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        size_t commas = 0;
        size_t k = count_chars(reinterpret_cast<const char*>(c->content), &commas);
        s.chars += k;
        s.own_chars += k;
        s.commas += commas;
        s.own_commas += commas;
        if (in_link) s.link_chars += k;
        continue;
      }
      if (c->type != XML_ELEMENT_NODE || depth > 512) continue;
      std::string_view name = element_name(c);
      Stats cs = compute(c, in_link || name == "a", depth + 1);
      s.chars += cs.chars;
      s.link_chars += cs.link_chars;
      s.commas += cs.commas;
      s.p += cs.p + (name == "p");
      s.li += cs.li + (name == "li");
      s.img += cs.img + (name == "img");
      s.input += cs.input + (name == "input");
      s.embed += cs.embed + (name == "embed" || name == "object" || name == "iframe");
      s.headings += cs.headings + (name.size() == 2 && name[0] == 'h' && name[1] >= '1' &&
                                   name[1] <= '6');
      if (!is_block_element(name)) {
        s.own_chars += cs.own_chars;
        s.own_commas += cs.own_commas;
      }
    }
    stats_[n] = s;
    return s;
  }

  double link_density(const xmlNode* n) {
    const Stats& s = stats_[n];
    return s.chars == 0 ? 0.0 : static_cast<double>(s.link_chars) / static_cast<double>(s.chars);
  }

  // Scores paragraphs under `root` and returns the best container.
  const xmlNode* best_candidate(const xmlNode* root) {
    std::vector<const xmlNode*> seeds;
    collect_seeds(root, &seeds, 0);
    for (const xmlNode* p : seeds) {
      const Stats& s = stats_[p];
      double score = 1.0 + static_cast<double>(s.own_commas) +
                     std::min(std::floor(static_cast<double>(s.own_chars) / 100.0), 3.0);
      const xmlNode* a = scores_itself(element_name(p)) ? p : p->parent;
      for (int level = 0; a != nullptr && a->type == XML_ELEMENT_NODE && level < 5;
           ++level, a = a->parent) {
        init_score(a);
        double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        scores_[a] += score / divider;
        if (a == root) break;
      }
    }
    const xmlNode* top = nullptr;
    double top_score = 0;
    for (auto& [node, score] : scores_) {
      score *= 1.0 - link_density(node);
      if (top == nullptr || score > top_score ||
          (score == top_score && order(node) < order(top))) {
        top = node;
        top_score = score;
      }
    }
    if (top == nullptr) return root;
    // A parent that scores well (or better) holds more of the article.
    const xmlNode* parent = top->parent;
    double last = top_score;
    double threshold = last / 3.0;
    while (parent != nullptr && parent != root && parent->type == XML_ELEMENT_NODE) {
      auto it = scores_.find(parent);
      if (it == scores_.end()) {
        parent = parent->parent;
        continue;
      }
      if (it->second < threshold) break;
      if (it->second > last) {
        top = parent;
        break;
      }
      last = it->second;
      parent = parent->parent;
    }
    // A lone child says nothing its parent does not.
    while (top != root && top->parent != nullptr && top->parent->type == XML_ELEMENT_NODE &&
           element_count(top->parent) == 1)
      top = top->parent;
    return top;
  }

  double score_of(const xmlNode* n) const {
    auto it = scores_.find(n);
    return it == scores_.end() ? -1e9 : it->second;
  }
  bool scored(const xmlNode* n) const { return scores_.count(n) > 0; }

 private:
  // Paragraphs: block elements with at least 25 characters of their own
  // (text not inside a nested block). Inline elements (span, font, a) never
  // score alone, so no text is counted twice.
  void collect_seeds(const xmlNode* n, std::vector<const xmlNode*>* seeds, int depth) {
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || depth > 512) continue;
      std::string_view name = element_name(c);
      if (is_block_element(name) && name != "li" && name != "dt" && name != "dd" &&
          stats_[c].own_chars >= 25)
        seeds->push_back(c);
      collect_seeds(c, seeds, depth + 1);
    }
  }

  // A paragraph scores for its parent; a container with loose text (a <td>
  // or <div> holding text and <br>s, as old table layouts do) is itself the
  // first candidate.
  static bool scores_itself(std::string_view name) {
    return name == "div" || name == "td" || name == "section" || name == "article" ||
           name == "main" || name == "center" || name == "body";
  }

  void init_score(const xmlNode* n) {
    if (scores_.count(n) > 0) return;
    std::string_view name = element_name(n);
    double base = 0;
    if (name == "div" || name == "article" || name == "main" || name == "section") base = 5;
    else if (name == "pre" || name == "td" || name == "blockquote") base = 3;
    else if (name == "address" || name == "ol" || name == "ul" || name == "dl" || name == "dd" ||
             name == "dt" || name == "li" || name == "form")
      base = -3;
    else if (name == "th" || (name.size() == 2 && name[0] == 'h')) base = -5;
    if (flags_.weight_classes) base += class_weight(n);
    scores_[n] = base;
    order_[n] = order_.size();
  }

  size_t order(const xmlNode* n) const {
    auto it = order_.find(n);
    return it == order_.end() ? 0 : it->second;
  }

  static int element_count(const xmlNode* n) {
    int k = 0;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) ++k;
      // Loose text beside the element is content of the parent too.
      if (c->type == XML_TEXT_NODE && !clean_value(reinterpret_cast<const char*>(c->content)).empty())
        return 2;
    }
    return k;
  }

  const Flags& flags_;
  std::unordered_map<const xmlNode*, Stats> stats_;
  std::unordered_map<const xmlNode*, double> scores_;
  std::unordered_map<const xmlNode*, size_t> order_;
};

// Short blocks that label ads or invite clicks, seen inside article bodies.
bool is_boilerplate_line(const std::string& text) {
  if (text.size() > 60) return false;
  std::string t = lower(text);
  while (!t.empty() && (t.back() == '.' || t.back() == ':' || t.back() == ' ')) t.pop_back();
  static constexpr std::string_view kLines[] = {
      "advertisement", "advertising", "ad", "sponsored", "sponsored content",
      "story continues below", "story continues below advertisement",
      "article continues below advertisement", "continue reading below",
      "continue reading", "scroll to continue", "skip advertisement",
      "share this article", "share this", "share", "read more", "related",
      "related stories", "related articles", "recommended", "you may also like",
      "more on this story", "comments", "leave a comment", "print", "email"};
  for (std::string_view l : kLines)
    if (t == l) return true;
  return false;
}

// Renders the content (the winner and the siblings that join it).
class ContentRenderer {
 public:
  ContentRenderer(Scorer* scorer, const Flags& flags, const std::string& title)
      : scorer_(scorer), flags_(flags), title_key_(fold_key(title)) {}

  void render(const std::vector<const xmlNode*>& nodes, TextBuilder* out) {
    auto skip = [this](const xmlNode* n) { return should_skip(n); };
    for (const xmlNode* n : nodes) {
      out->paragraph_break();
      render_text(n, out, skip);
      out->paragraph_break();
    }
  }

 private:
  bool should_skip(const xmlNode* n) {
    std::string_view name = element_name(n);
    const Stats& s = scorer_->stats(n);
    double ld = scorer_->link_density(n);
    if (name == "h1") return true;  // the headline, read separately
    bool heading = name.size() == 2 && name[0] == 'h' && name[1] >= '2' && name[1] <= '6';
    if (heading) {
      if (fold_key(node_text(n)) == title_key_) return true;
      if (flags_.weight_classes && class_weight(n) < 0) return true;
      return ld > 0.33;
    }
    if (s.chars > 0 && s.chars <= 60 && is_boilerplate_line(clean_value(node_text(n)))) return true;
    if (name == "p" || name == "li") {
      // "Read more: <a>...</a>" and link-only lines inside the text.
      return s.chars > 0 && ld > 0.5;
    }
    if (!flags_.clean_conditionally) return false;
    if (name != "div" && name != "section" && name != "ul" && name != "ol" && name != "table" &&
        name != "dl" && name != "span" && name != "fieldset" && name != "blockquote")
      return false;
    int weight = flags_.weight_classes ? class_weight(n) : 0;
    double score = scorer_->scored(n) ? scorer_->score_of(n) : 0.0;
    if (weight + score < 0) return true;
    if (s.commas >= 10) return false;
    bool list = name == "ul" || name == "ol" || name == "dl";
    int p = s.p;
    if (s.img > 1 && p * 2 < s.img) return true;
    if (!list && s.li - 100 > p) return true;
    if (s.input > p / 3) return true;
    if (!list && s.chars < 25 && (s.img == 0 || s.img > 2) && s.own_chars == 0) return true;
    if (list && ld > 0.2) return true;
    if (weight < 25 && ld > 0.2 && s.chars < 1000) return true;
    if (weight >= 25 && ld > 0.5) return true;
    if ((s.embed == 1 && s.chars < 75) || s.embed > 1) return true;
    return false;
  }

  Scorer* scorer_;
  const Flags& flags_;
  std::string title_key_;
};

std::string extract_body(std::string_view utf8, const Flags& flags, const std::string& title) {
  XmlDocPtr doc = parse_html_utf8(utf8);
  xmlNode* body = const_cast<xmlNode*>(body_of(doc.get()));
  if (body == nullptr) return "";
  prune(body, flags, 0);
  Scorer scorer(flags);
  scorer.compute(body, false, 0);
  const xmlNode* top = scorer.best_candidate(body);
  std::vector<const xmlNode*> parts;
  if (top == body || top->parent == nullptr || top->parent->type != XML_ELEMENT_NODE) {
    parts.push_back(top);
  } else {
    double top_score = scorer.score_of(top);
    double threshold = std::max(10.0, top_score * 0.2);
    std::string top_class = get_attr(top, "class");
    // Cells of a layout table are columns (navigation, text, ads), not
    // continuations of one another.
    bool columns = is_element(top, "td") || is_element(top, "th");
    for (const xmlNode* sib = top->parent->children; sib != nullptr; sib = sib->next) {
      if (sib == top) {
        parts.push_back(sib);
        continue;
      }
      if (sib->type != XML_ELEMENT_NODE || columns) continue;
      // Text that goes on beside the winner has few links; teaser boxes do not.
      if (scorer.link_density(sib) > 0.3) continue;
      double bonus = 0;
      if (!top_class.empty() && get_attr(sib, "class") == top_class) bonus += top_score * 0.2;
      if (scorer.scored(sib) && scorer.score_of(sib) + bonus >= threshold) {
        parts.push_back(sib);
        continue;
      }
      if (is_element(sib, "p")) {
        const Stats& s = scorer.stats(sib);
        double ld = scorer.link_density(sib);
        std::string text = clean_value(node_text(sib));
        if (s.chars > 80 && ld < 0.25) {
          parts.push_back(sib);
        } else if (s.chars > 0 && s.chars <= 80 && ld == 0 &&
                   (ends_with(text, ".") || contains(text, ". "))) {
          parts.push_back(sib);
        }
      }
    }
  }
  ContentRenderer renderer(&scorer, flags, title);
  TextBuilder out;
  renderer.render(parts, &out);
  return out.str();
}

bool is_blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t') return false;
  return true;
}

}  // namespace

HtmlPage extract_html_page(std::string_view bytes, std::string_view charset_hint) {
  HtmlPage page;
  // [1] Charset: BOM, then the transport's, then the page's own declaration.
  std::string charset = charset_from_bom(bytes);
  if (charset.empty()) charset = lower(charset_hint);
  if (charset.empty()) charset = meta_charset(bytes);
  std::string utf8;
  if (!convert_to_utf8(bytes, charset, &utf8)) page.unknown_charset = true;
  page.charset = charset.empty() ? "utf-8" : charset;

  // [2] Metadata from the whole tree.
  Metadata m;
  {
    XmlDocPtr doc = parse_html_utf8(utf8);
    simdjson::dom::parser parser;
    collect_metadata(xmlDocGetRootElement(doc.get()), &m, &parser);
  }
  // An <h1> that the <title> contains is the headline without the site name,
  // wherever the site name stands ("Site - Headline", "Headline | Site").
  std::string h1_in_title;
  std::string title_key = fold_key(m.title_tag);
  for (const auto* list : {&m.h1s, &m.prominent}) {
    for (const std::string& h : *list) {
      std::string k = fold_key(h);
      if (k.find(' ') != std::string::npos && k.size() * 5 >= title_key.size() * 2 &&
          title_key.find(k) != std::string::npos) {
        h1_in_title = h;
        break;
      }
    }
    if (!h1_in_title.empty()) break;
  }
  std::string h1 = m.h1s.empty() ? "" : m.h1s.front();
  for (const std::string& t : {m.ld_headline, m.meta("og:title"), m.meta("twitter:title"),
                               h1_in_title, trim_title_suffix(m.title_tag), h1}) {
    page.title = clean_value(t);
    if (!page.title.empty()) break;
  }
  std::vector<std::string> dates = {m.ld_date,
                                    m.meta("article:published_time"),
                                    m.meta("og:published_time"),
                                    m.meta("published_time"),
                                    m.meta("datepublished")};
  dates.insert(dates.end(), m.itemprop_dates.begin(), m.itemprop_dates.end());
  for (const char* key : {"pubdate", "publishdate", "publish-date", "publish_date", "date",
                          "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
                          "sailthru.date", "parsely-pub-date", "article.published",
                          "publication_date", "original-publish-date", "dc.date.created"})
    dates.push_back(m.meta(key));
  dates.insert(dates.end(), m.time_values.begin(), m.time_values.end());
  for (const std::string& d : dates) {
    std::string v = clean_value(d);
    if (v.empty()) continue;
    if (parse_web_date(v, &page.date).empty()) {
      page.bad_date.clear();
      break;
    }
    if (page.bad_date.empty()) page.bad_date = v;
  }
  page.authors = m.ld_authors;
  for (const char* key : {"author", "article:author", "dc.creator", "parsely-author",
                          "sailthru.author", "byl"}) {
    std::string v = clean_value(m.meta(key));
    if (starts_with(lower(v), "by ")) v = v.substr(3);
    if (!v.empty() && !looks_like_url(v)) add_unique(&page.authors, v, 20);
  }
  for (const std::string& a : m.rel_authors) add_unique(&page.authors, a, 20);
  page.keywords = m.ld_keywords;
  for (const auto& [k, v] : m.metas)
    if (k == "article:tag" || k == "article:section") add_unique(&page.keywords, v, 25);
  if (page.keywords.empty()) add_split(&page.keywords, m.meta("news_keywords"), 25);
  if (page.keywords.empty()) add_split(&page.keywords, m.meta("keywords"), 25);
  for (const std::string& s : {m.ld_publisher, m.meta("og:site_name"), m.meta("application-name"),
                               m.meta("publisher")}) {
    page.source = clean_value(s);
    if (!page.source.empty()) break;
  }
  for (const std::string& u : {m.canonical, m.meta("og:url"), m.ld_url}) {
    page.url = clean_value(u);
    if (looks_like_url(page.url)) break;
    page.url.clear();
  }
  page.description = clean_value(m.meta("description"));
  if (page.description.empty()) page.description = clean_value(m.meta("og:description"));

  // [3] Main text. A page whose content hides under boilerplate-looking names
  // (a "comments-enabled" wrapper) gives little text with every rule on; the
  // attempts relax them in turn (as readability.js does) and the longest wins.
  Flags flags;
  page.body = extract_body(utf8, flags, page.title);
  if (page.body.size() < 250) {
    flags.strip_unlikely = false;
    std::string second = extract_body(utf8, flags, page.title);
    if (second.size() > page.body.size() * 2) page.body = std::move(second);
  }
  if (page.body.size() < 250) {
    flags.weight_classes = false;
    flags.clean_conditionally = false;
    std::string third = extract_body(utf8, flags, page.title);
    if (third.size() > page.body.size() * 2) page.body = std::move(third);
  }
  // JSON-LD articleBody, when the page has one, is the publisher's own text.
  if (page.body.size() < 200 && m.ld_body.size() > page.body.size()) {
    std::string cleaned;
    clean_text(m.ld_body, &cleaned);
    page.body = cleaned;
  }
  // Old layouts keep the headline in the text cell: a first line that repeats
  // the title is not body text.
  if (!page.title.empty()) {
    size_t nl = page.body.find('\n');
    std::string first = page.body.substr(0, nl);
    if (fold_key(first) == fold_key(page.title)) {
      page.body.erase(0, nl == std::string::npos ? page.body.size() : nl);
      size_t b = page.body.find_first_not_of(" \n");
      page.body.erase(0, b == std::string::npos ? page.body.size() : b);
    }
  }
  if (is_blank(page.body)) page.body.clear();
  return page;
}

std::string html_fragment_to_text(std::string_view html) {
  bool markup = html.find('<') != std::string_view::npos || html.find('&') != std::string_view::npos;
  std::string utf8;
  clean_text(html, &utf8);
  if (!markup) {
    TextBuilder b;
    b.raw_text(utf8);
    return b.str();
  }
  XmlDocPtr doc = parse_html_utf8(utf8);
  TextBuilder b;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  // A fragment is wrapped in <html><body> (or <head> for a leading <title>
  // or <meta>); render every child of <html>.
  if (root != nullptr) {
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (is_element(c, "head")) continue;
      render_text(c, &b, [](const xmlNode* n) {
        std::string_view name = element_name(n);
        if (is_dropped_tag(name) || is_hidden(n)) return true;
        std::string ci = class_and_id(n);
        return name != "p" && is_unlikely(ci) && !is_maybe_candidate(ci);
      });
    }
  }
  return b.str();
}

Article html_article(std::string_view bytes, std::string_view charset_hint, const Origin& origin,
                     std::string_view url, bool url_wins, const DateTime& fallback_date) {
  HtmlPage page = extract_html_page(bytes, charset_hint);
  Article a;
  a.origin = origin;
  a.title = std::move(page.title);
  a.body = std::move(page.body);
  a.source = std::move(page.source);
  a.url = url_wins || page.url.empty() ? clean_value(url) : page.url;
  if (a.url.empty()) a.url = page.url;
  a.date = page.date;
  if (!a.date.valid()) {
    if (!page.bad_date.empty()) {
      a.warnings.push_back(make_problem(
          "bad-date", "date",
          "invalid date '" + page.bad_date + "'" +
              (fallback_date.valid() ? "; the capture date is used" : "; indexed without a date"),
          origin));
    }
    a.date = fallback_date;
  }
  for (std::string& k : page.keywords) a.topics.push_back(std::move(k));
  if (page.unknown_charset) {
    a.warnings.push_back(make_problem("unknown-charset", "charset",
                                      "unknown charset '" + page.charset + "'; read as UTF-8",
                                      origin));
  }
  if (a.body.empty() && !page.description.empty()) a.body = page.description;
  return a;
}

}  // namespace gazette

#include "indexer/html_dom.h"

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace gazette {
namespace {

// libxml2 prints parse errors to stderr unless told otherwise; gazette reports
// per-article problems itself, so its messages are dropped.
void ignore_error(void*, const char*, ...) {}
void ignore_structured(void*, xmlErrorPtr) {}

bool ascii_ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

std::string_view as_view(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetGenericErrorFunc(nullptr, ignore_error);
    xmlSetStructuredErrorFunc(nullptr, ignore_structured);
  });
}

XmlDocPtr parse_html_utf8(std::string_view utf8) {
  init_libxml();
  // Setting the error handlers is per thread in libxml2; the reader thread is
  // the caller, so set them here too.
  xmlSetGenericErrorFunc(nullptr, ignore_error);
  xmlSetStructuredErrorFunc(nullptr, ignore_structured);
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
  // libxml2 takes an int length; pages over 2 GiB are cut (the readers' size
  // limits are far below that).
  int len = static_cast<int>(std::min<size_t>(utf8.size(), 0x7fffffff));
  // An empty buffer makes htmlReadMemory fail; parse a lone space instead.
  const char* data = len > 0 ? utf8.data() : " ";
  xmlDoc* doc = htmlReadMemory(data, len > 0 ? len : 1, nullptr, "UTF-8", options);
  if (doc == nullptr) doc = htmlNewDocNoDtD(nullptr, nullptr);
  return XmlDocPtr(doc);
}

std::string_view element_name(const xmlNode* n) {
  if (n == nullptr || n->type != XML_ELEMENT_NODE) return {};
  return as_view(n->name);
}

bool is_element(const xmlNode* n, const char* name) {
  return n != nullptr && n->type == XML_ELEMENT_NODE && n->name != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

std::string get_attr(const xmlNode* n, const char* name) {
  if (n == nullptr || n->type != XML_ELEMENT_NODE) return "";
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (!ascii_ieq(as_view(a->name), name)) continue;
    std::string out;
    for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
      if (c->content != nullptr) out += as_view(c->content);
    }
    return out;
  }
  return "";
}

bool has_attr(const xmlNode* n, const char* name) {
  if (n == nullptr || n->type != XML_ELEMENT_NODE) return false;
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next)
    if (ascii_ieq(as_view(a->name), name)) return true;
  return false;
}

bool is_block_element(std::string_view name) {
  static constexpr std::string_view kBlocks[] = {
      "address", "article", "aside",  "blockquote", "body",     "center",   "dd",
      "details", "dialog",  "div",    "dl",         "dt",       "fieldset", "figcaption",
      "figure",  "footer",  "form",   "h1",         "h2",       "h3",       "h4",
      "h5",      "h6",      "header", "hgroup",     "hr",       "html",     "li",
      "main",    "menu",    "nav",    "ol",         "p",        "pre",      "section",
      "summary", "table",   "tbody",  "td",         "tfoot",    "th",       "thead",
      "tr",      "ul",      "caption", "title",     "noscript", "option",   "select"};
  for (std::string_view b : kBlocks)
    if (b == name) return true;
  return false;
}

void TextBuilder::flush_pending() {
  if (out_.empty()) {
    pending_break_ = 0;
    pending_space_ = false;
    return;
  }
  if (pending_break_ == 2) {
    out_ += "\n\n";
  } else if (pending_break_ == 1) {
    out_ += '\n';
  } else if (pending_space_) {
    out_ += ' ';
  }
  pending_break_ = 0;
  pending_space_ = false;
}

void TextBuilder::text(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      pending_space_ = true;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && !is_space(s[j])) ++j;
    // U+00A0 (no-break space) separates words too; it is kept as written
    // and folded later by normalise_text.
    flush_pending();
    out_.append(s.substr(i, j - i));
    i = j;
  }
}

void TextBuilder::raw_text(std::string_view s) {
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    std::string_view line = s.substr(start, nl == std::string_view::npos ? nl : nl - start);
    text(line);
    if (nl == std::string_view::npos) break;
    line_break();
    start = nl + 1;
  }
}

void TextBuilder::line_break() {
  if (pending_break_ < 1) pending_break_ = 1;
}

void TextBuilder::paragraph_break() { pending_break_ = 2; }

const std::string& TextBuilder::str() { return out_; }

void TextBuilder::clear() {
  out_.clear();
  pending_break_ = 0;
  pending_space_ = false;
}

namespace {

// An XML entity reference left in the tree (entities are not substituted, so
// nested definitions cannot blow up): a declared internal entity gives its
// replacement text, one level deep; an undeclared one, as in NITF or feeds
// whose DTD is not loaded, is looked up among HTML's (&nbsp; &mdash; ...).
void render_entity(const xmlNode* c, TextBuilder* out) {
  if (c->children != nullptr && c->children->type == XML_ENTITY_DECL) {
    const auto* e = reinterpret_cast<const xmlEntity*>(c->children);
    if (e->content != nullptr) out->text(as_view(e->content));
    return;
  }
  if (const htmlEntityDesc* d = htmlEntityLookup(c->name)) {
    std::string utf8;
    if (d->value == 0xA0) {
      out->text(" ");
      return;
    }
    // Encode the code point as UTF-8 (all HTML 4 entities are in the BMP).
    unsigned v = d->value;
    if (v < 0x80) {
      utf8.push_back(static_cast<char>(v));
    } else if (v < 0x800) {
      utf8.push_back(static_cast<char>(0xC0 | (v >> 6)));
      utf8.push_back(static_cast<char>(0x80 | (v & 0x3F)));
    } else {
      utf8.push_back(static_cast<char>(0xE0 | (v >> 12)));
      utf8.push_back(static_cast<char>(0x80 | ((v >> 6) & 0x3F)));
      utf8.push_back(static_cast<char>(0x80 | (v & 0x3F)));
    }
    out->text(utf8);
  }
}

void render(const xmlNode* n, TextBuilder* out, const std::function<bool(const xmlNode*)>& skip,
            bool pre, int depth) {
  for (const xmlNode* c = n; c != nullptr; c = nullptr) {
    switch (c->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (pre) {
          out->raw_text(as_view(c->content));
        } else {
          out->text(as_view(c->content));
        }
        return;
      case XML_ENTITY_REF_NODE:
        render_entity(c, out);
        return;
      case XML_ELEMENT_NODE:
        break;
      case XML_DOCUMENT_NODE:
      case XML_HTML_DOCUMENT_NODE:
        break;
      default:
        return;
    }
    std::string_view name = element_name(c);
    if (name == "script" || name == "style" || name == "template" || name == "noscript" ||
        name == "head") {
      return;
    }
    if (skip && c->type == XML_ELEMENT_NODE && skip(c)) return;
    // Deeply nested garbage cannot exhaust the stack: libxml2 caps nesting at
    // 256 levels for HTML unless told otherwise, and this guard covers XML.
    if (depth > 1000) return;
    if (name == "br") {
      out->line_break();
      return;
    }
    bool block = is_block_element(name);
    bool line = name == "li" || name == "tr" || name == "dt" || name == "dd" || name == "option";
    if (line) {
      out->line_break();
    } else if (block) {
      out->paragraph_break();
    } else if (name == "td" || name == "th") {
      out->text(" ");
    }
    bool in_pre = pre || name == "pre";
    for (const xmlNode* k = c->children; k != nullptr; k = k->next) render(k, out, skip, in_pre, depth + 1);
    if (line) {
      out->line_break();
    } else if (block) {
      out->paragraph_break();
    }
  }
}

}  // namespace

void render_text(const xmlNode* n, TextBuilder* out,
                 const std::function<bool(const xmlNode*)>& skip) {
  render(n, out, skip, false, 0);
}

std::string node_text(const xmlNode* n) {
  TextBuilder b;
  std::function<void(const xmlNode*)> walk = [&](const xmlNode* c) {
    for (; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        b.text(as_view(c->content));
      } else if (c->type == XML_ELEMENT_NODE) {
        std::string_view name = element_name(c);
        if (name == "script" || name == "style") continue;
        bool block = is_block_element(name) || name == "br";
        if (block) b.text(" ");
        walk(c->children);
        if (block) b.text(" ");
      }
    }
  };
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    b.text(as_view(n->content));
  } else {
    walk(n->children);
  }
  return b.str();
}

}  // namespace gazette

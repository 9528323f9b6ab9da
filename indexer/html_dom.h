#pragma once
// libxml2 helpers shared by the HTML, NITF and feed readers: parsing HTML into a
// tree, reading attributes, and rendering a subtree as plain text. Internal to
// the indexer (libxml2 types appear here but in no public reader interface).

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace gazette {

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
// Owns a parsed document.
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// Initialises libxml2 once per process and silences its default error
// printing (the readers report problems themselves). Thread-safe.
void init_libxml();

// Parses UTF-8 HTML with libxml2's error-recovering HTML parser (no network,
// no error output, any <meta charset> ignored: the bytes are UTF-8 already).
// Never returns null for input of any content (an empty document gets an empty
// <html>), except when out of memory.
XmlDocPtr parse_html_utf8(std::string_view utf8);

// True if `n` is an element named `name` (lower case; libxml2's HTML parser
// lower-cases names; XML names are compared as written, without prefix).
bool is_element(const xmlNode* n, const char* name);

// The element's local name ("" for non-elements).
std::string_view element_name(const xmlNode* n);

// The value of attribute `name` (case-insensitive, namespace prefix ignored)
// or "" if absent.
std::string get_attr(const xmlNode* n, const char* name);
bool has_attr(const xmlNode* n, const char* name);

// True for elements that start a new line or paragraph when rendered (p, div,
// li, h1..h6, table rows, ...). Inline elements (a, span, em, ...) are not.
bool is_block_element(std::string_view name);

// Accumulates rendered text: runs of whitespace become one space, and breaks
// between blocks become "\n" (line) or "\n\n" (paragraph), never doubled and
// never at the start or end.
class TextBuilder {
 public:
  void text(std::string_view s);   // collapses whitespace
  void raw_text(std::string_view s);  // keeps newlines (for <pre>)
  void line_break();
  void paragraph_break();
  // The text so far, trimmed. The builder can be reused after clear().
  const std::string& str();
  void clear();
  size_t size() const { return out_.size(); }

 private:
  void flush_pending();
  std::string out_;
  int pending_break_ = 0;   // 0 none, 1 line, 2 paragraph
  bool pending_space_ = false;
};

// Renders the subtree at `n` (text, entity references, CDATA) into *out, with
// block elements separated by paragraph breaks and <br>/<li> by line breaks.
// Subtrees for which skip(node) is true are left out; script, style, template
// and noscript are always left out. `skip` may be empty.
void render_text(const xmlNode* n, TextBuilder* out,
                 const std::function<bool(const xmlNode*)>& skip = {});

// The whitespace-collapsed text content of `n` (no block breaks).
std::string node_text(const xmlNode* n);

}  // namespace gazette

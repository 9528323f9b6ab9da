#pragma once
// Web pages -> article fields. A page is decoded to UTF-8 (its charset from the
// caller's hint, a byte-order mark or <meta charset>; ICU converts), parsed with
// libxml2's HTML parser, and read twice:
//   metadata  JSON-LD NewsArticle/Article (headline, datePublished, author,
//             publisher, keywords, articleSection), <meta> tags (og:title,
//             article:published_time, author, og:site_name, keywords, ...),
//             <link rel=canonical>, <time datetime>, <title>, <h1>;
//   body      the main text, found with a readability-style text-density
//             scorer: boilerplate subtrees (navigation, headers, footers, asides,
//             forms, hidden elements, elements whose class/id says menu, comment,
//             related, share, ad, cookie, newsletter, ...) are dropped; each
//             paragraph scores by its length and commas for its ancestors; the
//             best-scoring container (scaled by 1 - link density) and its
//             similar siblings are rendered as text, without link lists, short
//             boxes and other low-density blocks inside them.
// Everything here is thread-safe and never throws on any input bytes.

#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/date.h"

namespace gazette {

struct HtmlPage {
  std::string title;        // headline (clean_value), "" if none
  std::string body;         // main text; paragraphs separated by "\n\n"
  DateTime date;            // publication date; invalid when none was found
  std::string bad_date;     // a date found but unparsable ("" if none or one parsed)
  std::string source;       // publisher / site name
  std::string url;          // canonical URL of the page, "" if none given
  std::string description;  // meta description
  std::vector<std::string> authors;
  std::vector<std::string> keywords;  // keywords, tags and sections
  std::string charset;      // the charset the bytes were decoded from
  bool unknown_charset = false;  // a declared charset ICU does not know (read as UTF-8)
};

// Decodes and reads one HTML page. `charset_hint` is the charset of an HTTP
// Content-Type header ("" if none); it wins over <meta>, a byte-order mark wins
// over both. Without any, valid UTF-8 is UTF-8 and anything else windows-1252.
HtmlPage extract_html_page(std::string_view bytes, std::string_view charset_hint);

// The visible text of an HTML fragment (a feed item's description), already
// UTF-8: tags removed, entities decoded, block elements as paragraph breaks,
// scripts and styles dropped. Text without markup comes back with its
// whitespace collapsed.
std::string html_fragment_to_text(std::string_view html);

// An Article from a page: title, body, date, source, url and keywords (as
// topics). `url` and `fallback_date` (from a WARC record) are used when the page
// names no canonical URL / date of its own; for a WARC capture the url given
// wins (`url_wins`). Notes an unparsable date ("bad-date") or unknown charset
// ("unknown-charset") as warnings, and no text as "no-text".
Article html_article(std::string_view bytes, std::string_view charset_hint, const Origin& origin,
                     std::string_view url, bool url_wins, const DateTime& fallback_date);

}  // namespace gazette

#pragma once
// Character sets of web pages and feeds: finding out which one a document is
// in, and converting it to UTF-8. ICU (ucnv) is confined to html_charset.cc.

#include <string>
#include <string_view>

namespace gazette {

// The charset parameter of a MIME type, lower-cased and unquoted:
// "text/html; charset=\"ISO-8859-1\"" -> "iso-8859-1"; "" when there is none.
std::string charset_from_content_type(std::string_view content_type);

// The charset named by a byte-order mark at the start of `bytes` ("utf-8",
// "utf-16le", "utf-16be"), or "" if there is none.
std::string charset_from_bom(std::string_view bytes);

// Converts `bytes` in `charset` (an IANA/WHATWG label such as "iso-8859-1",
// "windows-1251", "shift_jis", "utf-16le") to UTF-8 in *out (cleared first),
// then repairs the result with clean_text (controls, CRLF, a BOM). Labels are
// resolved as browsers do: "iso-8859-1", "latin1" and "us-ascii" mean
// windows-1252. An empty label or "utf-8" means UTF-8, whose invalid bytes are
// read as windows-1252 (clean_text). Returns false, and converts as UTF-8, if
// the label is unknown; bytes that cannot be converted become U+FFFD.
// Thread-safe; never throws.
bool convert_to_utf8(std::string_view bytes, std::string_view charset, std::string* out);

}  // namespace gazette

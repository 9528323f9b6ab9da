#pragma once
// Text normalisation shared by the indexer and the searcher (the query must be
// folded exactly as the documents were). ICU is confined to normalise.cc.
//
// Three foldings, each idempotent:
//   clean_text    input repair: valid UTF-8, no control characters, LF line ends
//   normalise_text  free text before tokenising: NFKC, Latin/Greek/Cyrillic
//                   diacritics removed, typographic apostrophes made ASCII; case kept
//   fold_key      facet values: normalise_text + full case folding + whitespace
//                 collapsed, so "JOSÉ  Manuel" and "jose manuel" are one key
// All functions are thread-safe and never throw on any input bytes.

#include <string>
#include <string_view>

namespace gazette {

// Appends the UTF-8 encoding of code point `cp` to *out. REQUIRES: cp <= 0x10FFFF.
void append_utf8(char32_t cp, std::string* out);

// True if `s` is well-formed UTF-8 (no overlongs, surrogates or values > U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Writes a repaired copy of `in` to *out (cleared first): invalid UTF-8 bytes are
// decoded as Windows-1252 (legacy news files are mostly Latin-1/CP1252), CRLF and
// lone CR become LF, NUL and other C0/C1 controls except TAB and LF become a space,
// a leading byte-order mark is dropped. Returns the number of invalid bytes that
// were re-decoded (0 for valid input).
size_t clean_text(std::string_view in, std::string* out);

// A display value for a facet or a title line: clean_text, then every run of
// whitespace (including newlines and Unicode spaces) becomes one space, then
// trimmed, then NFC. Returns the cleaned value.
std::string clean_value(std::string_view in);

// `s` without its leading and trailing spaces, tabs and line feeds (the
// whitespace left in text after clean_text).
std::string_view trim_text(std::string_view s);

// Free text as it is indexed and queried. Returns a view of `in` itself when
// nothing changes (pure ASCII, the common case, costs one scan), otherwise of
// *buffer, which it overwrites. REQUIRES: `in` is valid UTF-8 (see clean_text);
// invalid bytes are passed through unchanged.
std::string_view normalise_text(std::string_view in, std::string* buffer);

// The matching key of a facet value: case- and accent-insensitive, whitespace
// collapsed and trimmed. fold_key("  François HOLLANDE ") == "francois hollande".
std::string fold_key(std::string_view value);

}  // namespace gazette

#pragma once
// Text front end of the entity extractor: UTF-8 helpers, the tokenizer (CoNLL-
// style tokens with byte offsets into the source text), sentence splitting, word
// shapes and the cheap case mapping used for features and gazetteer keys.
//
// Token grammar (bytes of valid UTF-8; invalid bytes count as letters):
//   word     := alnum+ ( joiner alnum+ )* [ "." if an abbreviation ]
//   joiner   := "." | "'" | U+2019 | "-" | "&"
//   number   := digit+ ( ("," | ".") digit+ )*
//   other    := any single non-space code point (punctuation, symbols)
// A trailing possessive "'s" and "n't" are split off as their own tokens, as
// in CoNLL-2003. "Britain-based", "Al-Qaeda-linked" split before the suffix
// ("-based", "-linked", ...) so the name stands alone. Typographic quotes,
// apostrophes and dashes are given their ASCII form in Token::text.
//
// Sentences end after . ? ! when the next token starts with a capital, a quote
// or a bracket; at a blank line; at a line break after a short line (titles,
// subheadings); and after kMaxSentenceTokens tokens.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::ner {

struct Token {
  uint32_t begin = 0;  // byte offset of the first byte in the source text
  uint32_t end = 0;    // byte offset one past the last byte
  std::string text;    // normalised form: ASCII quotes/dashes; may be truecased later
  // lower_into(text) and its hash_bytes, computed once by the tokenizer (or
  // set_text) for the many later lookups. Truecasing changes only case, so it
  // leaves both valid.
  std::string lower;
  uint64_t lower_hash = 0;

  // Sets text and the lower-case fields.
  void set_text(std::string_view t);
  void set_lower();  // recomputes lower and lower_hash from text
};

// Tokens [begin, end) of one sentence.
struct Sentence {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool headline = false;  // set by truecase(): a title-case or all-caps line
};

// A tokenized document. Reused between documents (clear() keeps capacity).
struct TokenizedText {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  void clear() {
    tokens.clear();
    sentences.clear();
  }
};

inline constexpr size_t kMaxSentenceTokens = 200;

// Tokenizes `text` into *out (cleared first). Offsets refer to `text`.
// REQUIRES: text.size() < 4 GiB. Never fails; any bytes are accepted.
void tokenize(std::string_view text, TokenizedText* out);

// Decodes the code point at s[*i] and advances *i past it. Invalid or truncated
// sequences yield the single byte's value (as if Latin-1) and advance by one.
char32_t next_code_point(std::string_view s, size_t* i);

// Lower case for features and keys: ASCII and the Latin-1 Supplement / Latin
// Extended-A capitals (À..Þ, Ā..ž); other bytes unchanged. Writes into *out
// (cleared first). Fast: no allocation when *out has capacity.
void lower_into(std::string_view in, std::string* out);
std::string lower(std::string_view in);

// Word shape: A-Z -> X, a-z -> x, 0-9 -> d, non-ASCII letters -> X or x by
// case where known, other bytes kept; `short_shape` collapses repeats
// ("McDonald's" -> "XxXx'x"). Written into *out (cleared first).
void shape_into(std::string_view w, std::string* out);
void short_shape_into(std::string_view w, std::string* out);

// Character classes of the first code point of `w`. Asked about most tokens
// by every pass: ASCII is answered inline, the rest by the *_slow functions.
bool starts_upper_slow(std::string_view w);
bool starts_lower_slow(std::string_view w);
inline bool starts_upper(std::string_view w) {
  if (w.empty()) return false;
  const auto c = static_cast<unsigned char>(w[0]);
  return c < 0x80 ? c >= 'A' && c <= 'Z' : starts_upper_slow(w);
}
inline bool starts_lower(std::string_view w) {
  if (w.empty()) return false;
  const auto c = static_cast<unsigned char>(w[0]);
  return c < 0x80 ? c >= 'a' && c <= 'z' : starts_lower_slow(w);
}
bool starts_alnum(std::string_view w);
// True when `w` has at least one letter and no lowercase letter ("NATO", "U.S.").
bool is_all_caps(std::string_view w);
// True when `w` has at least one letter.
bool has_letter(std::string_view w);

// Title case of an all-caps word: first letter kept, the rest lowered
// ("AMMAN" -> "Amman", "AL-ASSAD" -> "Al-Assad": letters after '-' are kept).
std::string title_case(std::string_view w);

}  // namespace gazette::ner

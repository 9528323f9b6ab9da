#pragma once
// Snippets: the best passage of an article for the query, with the matched
// words located, as plain text plus highlight offsets (never marked-up text, so
// no output format has to escape or unescape anything).
//
// A word matches when its lowercase, accent-folded form is one of the query's
// words, or its English stem is one of the query's stems (the Z terms of
// STEM_SOME), so "oils" is marked for the query "oil" exactly as it matched.
// The passage is the window of about `bytes` bytes with the most distinct
// matched words, then the most matches, then the earliest; it starts and ends at
// word boundaries, and "…" marks where text was cut.

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace gazette {

struct Snippet {
  std::string text;  // plain UTF-8, whitespace collapsed, "…" where text was cut
  // Matched spans as [start, end) offsets in Unicode code points of `text`.
  std::vector<std::pair<size_t, size_t>> highlights;
};

// The snippet's text with each highlight wrapped in `start` and `end` (e.g.
// "<b>" and "</b>", or terminal colour codes). Nothing is escaped: the markers
// and the text are copied as they are, so the result is valid UTF-8 if the
// markers are.
std::string mark_snippet(const Snippet& snippet, std::string_view start, std::string_view end);

class SnippetMaker {
 public:
  // Takes the words and stems to mark from `query` (unprefixed terms and
  // Z-prefixed stems; field and filter terms are ignored).
  SnippetMaker(const Xapian::Query& query, const Xapian::Stem& stemmer);

  // The snippet of `text`. Thread-compatible (const, but uses the stemmer).
  Snippet make(std::string_view text, size_t bytes) const;

 private:
  bool matches(const std::string& lower_word) const;

  Xapian::Stem stemmer_;
  std::unordered_set<std::string> words_;
  std::unordered_set<std::string> stems_;
  std::unordered_set<std::string> stem_prefixes_;  // first 2 bytes of each stem
};

}  // namespace gazette

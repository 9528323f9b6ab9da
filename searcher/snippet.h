#pragma once
// Snippets: the best passage of an article for the query, with the matched
// terms located. Selection is Xapian's (MSet::snippet: it scores passages by the
// query terms and their rarity); this module turns its marked-up HTML output
// into plain text plus highlight spans, so no output format has to unescape.

#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette {

struct Snippet {
  std::string text;  // plain UTF-8, whitespace collapsed, "…" where text was cut
  // Matched spans as [start, end) offsets in Unicode code points of `text`.
  std::vector<std::pair<size_t, size_t>> highlights;
};

// Builds the snippet of `text` for the query of `mset`, aiming at `bytes` bytes.
Snippet make_snippet(const Xapian::MSet& mset, std::string_view text, size_t bytes,
                     const Xapian::Stem& stemmer);

// Converts Xapian's snippet output (XML-escaped, matches between the bytes
// \x01 and \x02) into a Snippet. Exposed for tests.
Snippet parse_marked_snippet(std::string_view marked);

}  // namespace gazette

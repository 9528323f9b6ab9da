#pragma once
// "Did you mean": corrections for query words the index does not hold, taken
// from the index's own vocabulary at search time.
//
// A free word of the query (searcher/query_builder.h free_words: not a field
// value, phrase, operator or wildcard) is suspect when no article has it (as
// written or through its stem), or, when the query matched nothing, when at
// most kRareWord articles have it (archives hold their own typos: "intrest").
// It is compared with the index's unprefixed terms of similar length: the
// candidate at the smallest Damerau-Levenshtein distance (at most 1 for words
// of up to 4 letters, else 2) wins, the most frequent among equals; a rare word
// is replaced only by one kCommonerBy times as frequent. A query whose words
// are all known costs one or two term-frequency lookups per word; the searcher
// asks only when a query found nothing (or with --match any).
//
// Why at search time rather than Xapian's spelling table (add_spelling at index
// time, get_spelling_suggestion at search time): the table costs every indexing
// run, for every word of every article, and exists only in indexes built with
// it; scanning the vocabulary costs only a query with an unknown word (README
// "Search features" gives both figures).

#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette {

struct SpellingSuggestion {
  // The query with each corrected word replaced (the rest as written); empty
  // when nothing was corrected.
  std::string suggestion;
  // The corrections, in query order: {word as written, replacement}.
  std::vector<std::pair<std::string, std::string>> corrections;
};

// Damerau-Levenshtein (optimal string alignment) distance between two UTF-8
// strings, by code point; returns max + 1 as soon as it must exceed `max`.
size_t edit_distance(std::string_view a, std::string_view b, size_t max);

inline constexpr Xapian::doccount kRareWord = 3;
inline constexpr Xapian::doccount kCommonerBy = 20;

// The suggestion for `query` (see above); `nothing_matched`: the query found no
// article, so rare words are suspect too. Never throws for odd text; may throw
// Xapian::Error from the database.
// `stemmer` is the query parser's (English); not thread-safe, like it.
SpellingSuggestion suggest_spelling(const Xapian::Database& db, const Xapian::Stem& stemmer,
                                    std::string_view query, bool nothing_matched);

}  // namespace gazette

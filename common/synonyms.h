#pragma once
// User synonyms: groups of names that mean the same thing ("U.S." = "United
// States", "IS" = "Islamic State"), given to gazette-index --synonyms FILE and
// kept in the index (metadata meta::kSynonyms), so every later indexing run and
// every search applies the same groups.
//
// File grammar (UTF-8):
//   file    = { line LF }
//   line    = [ entry { "=" entry } ] [ "#" comment ]
//   entry   = text without "=" or "#", trimmed | '"' text without '"' '"'
// A line with two or more entries is a group. The group's canonical name is its
// longest entry in code points (the first of equally long ones): "United States"
// for "U.S." = "USA" = "United States". No entry may be in two groups.
//
// What a group does:
//   facet values  a value equal to an entry (fold_key: case and accents ignored)
//                 is indexed as the canonical name, in every facet field, so
//                 "U.S." and "United States" count as one place;
//   text          an article whose title, dateline or body contains an entry
//                 gets the group's term (prefix::kSynonym + fold_key(canonical),
//                 wdf = occurrences), and a query naming any entry searches that
//                 term, so "IS" finds articles that say "Islamic State".
// Text matching: an entry's words (runs of word characters) match the same words
// in order, whatever lies between them ("U.S." matches "U.S." and "U. S.").
// Entries without lower-case letters (U.S., IS, NATO) are acronyms: they match
// only text written the same way in capitals, and never in a field written
// wholly in capitals (wire headlines: "OPEC IS SAID TO..."). Other entries match
// case- and accent-insensitively.
//
// Thread-safety: const methods may be called from many threads.

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/article.h"

namespace gazette {

class Synonyms {
 public:
  Synonyms() = default;

  // Parses a synonyms file's text. `origin` names it in messages. Throws
  // UsageError ("FILE:LINE: ...") for a line with one entry, an unclosed quote,
  // an empty entry or an entry already in another group.
  static Synonyms parse(std::string_view text, const std::string& origin);
  // Reads and parses a file. Throws UsageError when it cannot be read.
  static Synonyms load_file(const std::string& path);

  // The groups as stored in the index metadata (one group per line, canonical
  // first, entries separated by U+001F), and back. from_stored never throws:
  // malformed lines are ignored.
  std::string stored() const;
  static Synonyms from_stored(std::string_view stored);

  bool empty() const { return groups_.empty(); }
  size_t size() const { return groups_.size(); }
  // Entries of group g, canonical first.
  const std::vector<std::string>& entries(size_t g) const { return groups_[g].entries; }
  const std::string& canonical(size_t g) const { return groups_[g].entries.front(); }

  // The group whose entry has fold_key(value), or -1.
  int group_of_value(std::string_view value) const;

  // Replaces every facet value of *a that is a group entry by the group's
  // canonical name, then drops values whose fold_key repeats an earlier one.
  void apply_to_facets(Article* a) const;

  // The term of group g: prefix::kSynonym + fold_key(canonical(g)) (cut and
  // hashed like facet terms when long).
  std::string group_term(size_t g) const;

  // Calls found(group, begin, end) for each occurrence of an entry in `text`
  // (byte offsets of its first and last word), left to right, longest entry
  // first where several start at one word, never overlapping. `capitals_rule`
  // false lets acronyms match even when `text` has no lower-case letter (a
  // query such as "IS").
  void find(std::string_view text,
            const std::function<void(size_t group, size_t begin, size_t end)>& found,
            bool capitals_rule = true) const;

  // Adds the group terms of the entries found in a's title, dateline and body
  // to *doc (wdf: occurrences; title occurrences count kTitleWdf).
  void add_terms(const Article& a, Xapian::Document* doc) const;

 private:
  struct Word {
    std::string folded;  // lower-cased, accents removed
    std::string raw;     // as written (compared for acronyms)
  };
  struct Entry {
    size_t group;
    bool acronym;
    std::vector<Word> words;
  };
  struct Group {
    std::vector<std::string> entries;  // canonical first
  };
  void add_group(std::vector<std::string> entries, const std::string& where);

  std::vector<Group> groups_;
  std::vector<Entry> text_entries_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_word_;  // -> text_entries_
  std::unordered_map<std::string, size_t> by_key_;                      // fold_key -> group
};

}  // namespace gazette

#pragma once
// [1] Query construction, driven by common/schema.h: Xapian's QueryParser for
// the user's text (field prefixes, date ranges, boolean operators, phrases,
// wildcards) and boolean filter queries for --filter/--exclude.

#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/synonyms.h"
#include "searcher/aliases.h"

namespace gazette {

// Query fields usable in --filter/--exclude and as query prefixes.
//   person place group topic source   facet values (case/accent-insensitive, exact)
//   date                              2016 | 2016-02 | 2016-02-01 | A..B (open ends allowed)
//   id                                article id (query prefix only)
//   title                             free text in the title (query prefix only)

// The value-range query for a date expression ("2016", "2016-02",
// "2016-02-01", "A..B", "A..", "..B"). Throws UsageError on a malformed one.
Xapian::Query date_query(std::string_view expr);

// A free word of a query: not inside quotes, not a field name or value, not an
// operator (AND OR NOT XOR NEAR ADJ) and not a wildcard; [begin, end) in bytes.
struct QueryWord {
  size_t begin, end;
};
// The free words of `text` (runs of word characters, as Xapian reads them).
std::vector<QueryWord> free_words(std::string_view text);

class QueryBuilder {
 public:
  // REQUIRES: db outlives the builder (wildcards expand against it). Reads the
  // index's synonym groups (meta::kSynonyms) once.
  explicit QueryBuilder(const Xapian::Database& db);
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  // Parses the user's query text; words not joined by an operator are joined
  // by `default_op` (OP_AND or OP_OR). An empty (or all-space) text matches
  // every article. Throws UsageError with Xapian's message for a malformed query.
  Xapian::Query parse(std::string_view text,
                      Xapian::Query::op default_op = Xapian::Query::OP_AND);

  // The words of `text`, normalised and lowercased, if it is a plain list of
  // words (no operators, quotes, field prefixes, +/-, wildcards or
  // parentheses); empty otherwise. Ranking boosts apply to such queries.
  std::vector<std::string> plain_words(std::string_view text);

  // The filter for one field: OR of its values, taken exactly as written.
  // Throws UsageError for an unknown field or a malformed date.
  static Xapian::Query field_filter(std::string_view field, const std::vector<std::string>& values);
  // The same, with facet values resolved (synonyms, unambiguous aliases: see
  // searcher/aliases.h) and the resolutions recorded in resolver().
  Xapian::Query filter(std::string_view field, const std::vector<std::string>& values);

  // `text` with every free occurrence of a synonym entry replaced by a search
  // for its group's term ("IS attacks" -> "gzsyn:3 attacks"); `text` itself
  // when the index has no synonyms or none occurs.
  std::string rewrite_synonyms(std::string_view text) const;

  FacetResolver& resolver() { return resolver_; }
  const Synonyms& synonyms() const { return synonyms_; }

  const Xapian::Stem& stemmer() const { return stemmer_; }

  // Replaces every wildcard in `query` by an explicit OP_SYNONYM of its
  // expansion over the whole index (the kMaxWildcardTerms most frequent terms).
  // Xapian expands OP_WILDCARD lazily in each shard, so a remote shard would
  // expand only its own terms and weigh differently from local shards.
  Xapian::Query expand_wildcards(const Xapian::Query& query) const;

 private:
  Xapian::Database db_;
  Synonyms synonyms_;
  FacetResolver resolver_;
  std::string field_error_;  // set by field processors during a parse
  Xapian::QueryParser parser_;
  Xapian::Stem stemmer_;
  std::string buffer_;
};

}  // namespace gazette

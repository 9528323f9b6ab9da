#pragma once
// Related entities (--related person="John Kerry"): the persons, places and
// groups that co-occur with one facet value in the match set.
//
// The search counts the facets of the articles that match the query *and* have
// the value (one more counting pass, only when asked for). Each co-occurring
// value gets
//   count        articles of that subset that have it too;
//   index_count  articles of the whole index that have it;
//   score        Dunning's log-likelihood ratio G^2 of the 2x2 table
//                  subset:        count                 subset - count
//                  rest of index: index_count - count   (docs - subset) - (index_count - count)
//                signed: negative when the value is rarer in the subset than
//                elsewhere. Unlike raw counts it ranks a name that appears a few
//                times, always beside the value, above one that is everywhere
//                ("United States").
// Values are listed by score (then count, then value), positive scores only.

#include <xapian.h>

#include <string>
#include <vector>

#include "searcher/facets.h"

namespace gazette {

// A value co-occurring with the --related value.
struct RelatedValue {
  std::string field;     // person, place or group
  std::string value;     // display form
  long count = 0;        // articles of the match set with both values
  long index_count = 0;  // articles of the whole index with this value
  double score = 0;      // signed G^2 (see above): higher = more associated
};

struct RelatedResult {
  std::string field;                 // the --related field, e.g. "person"
  std::string value;                 // its value as searched (display form)
  long total = 0;                    // articles of the match set with that value
  std::vector<RelatedValue> values;  // by score, then count, then value
};

// The facets a --related request counts in its subset.
inline const std::vector<std::string>& related_facets() {
  static const std::vector<std::string> names = {"person", "place", "group"};
  return names;
}

// Signed G^2 for `count` of `subset` articles having a value that `index_count`
// of `docs` articles have. REQUIRES: 0 <= count <= min(subset, index_count),
// subset <= docs, index_count - count <= docs - subset.
double log_likelihood(long count, long subset, long index_count, long docs);

// Ranks the subset's facet values (`counted`: all values, from the extra pass)
// against whole-index frequencies from `db`; drops the value itself (key
// `skip_key` in facet `result->field`) and non-positive scores; keeps `top_n`
// (0 = all). Fills result->values; result->field, value and total are the
// caller's.
void rank_related(const Xapian::Database& db, const std::vector<FacetResult>& counted,
                  const std::string& skip_key, size_t top_n, RelatedResult* result);

}  // namespace gazette

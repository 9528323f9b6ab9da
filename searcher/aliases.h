#pragma once
// Facet values as people type them: `person:kerry`, `--filter place=U.S.`.
//
// A value is looked up as written first (its facet term, case- and
// accent-insensitive). When the index does not have it:
//   synonym  the value is an entry of a user synonym group (common/synonyms.h):
//            every entry of the group is searched (the index holds the
//            canonical name; older articles may hold the others);
//   alias    otherwise, the facet's values whose words include the value's
//            words in order ("kerry" -> "John Kerry", "al assad" -> "Bashar
//            al-Assad") are candidates; if exactly one exists, it is used;
//   ambiguous  with several candidates nothing matches, and the candidates
//            (most frequent first) are reported so that the user can choose.
// Every value that was not used as written is reported (Resolution), so the
// output says which values a search chose.

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/schema.h"
#include "common/synonyms.h"

namespace gazette {

struct Resolution {
  enum class How { kSynonym, kAlias, kAmbiguous, kUnknown };
  std::string field;                // facet name, "person"
  std::string given;                // the value as typed
  How how = How::kUnknown;
  std::vector<std::string> values;  // display values searched (kSynonym, kAlias)
  // kAmbiguous: the candidates and their article counts, most frequent first
  // (at most kMaxCandidates).
  std::vector<std::pair<std::string, long>> candidates;
};

std::string_view resolution_name(Resolution::How how);

class FacetResolver {
 public:
  static constexpr size_t kMaxCandidates = 10;

  // REQUIRES: db outlives the resolver. `synonyms` is copied.
  FacetResolver(const Xapian::Database& db, const Synonyms& synonyms);

  // The query for `value` of facet `spec` (see above), recording any resolution
  // (once per field and value until clear()). Never throws for odd values.
  Xapian::Query resolve(const FacetSpec& spec, std::string_view value);

  // The display spelling of facet term `term` as indexed (its first article's
  // value), or `fallback` if none is found.
  std::string display_of(const FacetSpec& spec, const std::string& term,
                         std::string_view fallback) const;

  const std::vector<Resolution>& resolutions() const { return resolutions_; }
  void clear() { resolutions_.clear(); }

 private:
  void record(Resolution r);

  Xapian::Database db_;
  Synonyms synonyms_;
  std::vector<Resolution> resolutions_;
};

}  // namespace gazette

#pragma once
// The article model: what every reader produces and every later stage consumes.
// Plain data; no invariants beyond those documented per field.

#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace gazette {

struct Article {
  std::string id;        // external id; empty until the pipeline derives one (derive_id)
  std::string title;     // UTF-8, may be empty
  std::string body;      // UTF-8, may be empty (not both: such an article is skipped)
  DateTime date;         // invalid when unknown
  std::string source;    // publisher / feed name; may be empty
  std::string url;       // may be empty
  std::string dateline;  // "SALVADOR, Feb 26" (Reuters); may be empty

  // Facet values in display form ("John Kerry"). After canonicalise_entities()
  // each list holds no two values with the same fold_key().
  std::vector<std::string> persons;
  std::vector<std::string> places;
  std::vector<std::string> groups;
  std::vector<std::string> topics;

  // True when the input carried entity fields (persons/places/groups), even
  // empty ones: the extractor stage uses metadata then (--entities auto).
  bool has_entity_metadata = false;

  Origin origin;                  // where the article was read
  std::vector<Problem> warnings;  // problems noted or repaired while reading; indexed anyway
};

}  // namespace gazette

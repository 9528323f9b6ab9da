#pragma once
// Entity stage of the pipeline: [3] in the data flow
//   read -> clean -> ENTITIES -> build document -> write.
// Today the entities come from the article's metadata (persons, places, groups,
// topics); canonicalise_entities() makes those values indexable. The extractor
// that finds entities in the text plugs in here, before canonicalisation.

#include "common/article.h"

namespace gazette {

// Cleans every facet value of *a (clean_value: whitespace, controls, NFC), drops
// empty ones, cuts values longer than kMaxFacetValueBytes at a UTF-8 boundary
// (noting a repair on the article), and removes values whose fold_key equals an
// earlier one in the same list (so "John Kerry" and "JOHN KERRY" count once),
// keeping at most kMaxFacetValues per list (warning "too-many-values").
// Also cleans `source`, and warns ("implausible-date") about a date before
// 1600 or more than a year ahead, which it keeps. Thread-safe (no shared state).
void canonicalise_entities(Article* a);

}  // namespace gazette

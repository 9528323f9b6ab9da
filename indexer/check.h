#pragma once
// gazette-index --check DIR: verifies an index without changing it.

#include <string>

namespace gazette {

// Checks the index at `dir`: the stub file and shard layout, each shard with
// Xapian's own checker (Xapian::Database::check), its schema version and shard
// metadata, one id term per article (no duplicates), a decodable stored record
// per article, and whether the facet store is current. Prints one line per
// shard and a verdict on stderr. Returns the number of problems found (0: ok).
// Throws gazette::Error when `dir` is not an index at all.
long check_index(const std::string& dir);

}  // namespace gazette

#pragma once
// How an index lives on disk. An index is a directory:
//   INDEX/XAPIANDB      Xapian stub database file: one line "auto shard-NNN" per shard
//   INDEX/shard-000/    a Xapian glass database
//   INDEX/shard-001/    ...
// Xapian resolves stub paths against the stub's directory, so
// Xapian::Database("INDEX") opens every shard as one database. An article lives in
// shard shard_of(id, N); N is fixed when the index is created.
// Remote shards (xapian-tcpsrv) can be listed in a stub as "remote ..." lines; the
// searcher opens whatever the stub lists.

#include <xapian.h>

#include <string>
#include <string_view>

namespace gazette {

inline constexpr const char* kStubFile = "XAPIANDB";
inline constexpr unsigned kMaxShards = 256;

// "shard-007". REQUIRES: index < kMaxShards.
std::string shard_dir_name(unsigned index);

// The stub file text for N local shards.
std::string stub_text(unsigned shards);

// The shard an article id belongs to: hash64(id) % shards. REQUIRES: shards > 0.
unsigned shard_of(std::string_view id, unsigned shards);

// Opens an index (or any Xapian database path or stub file) for searching and
// checks that it was written with this schema version.
// Throws gazette::Error with a message naming `path` when it does not exist, is
// not a Xapian database, is not a gazette index, or has another schema version;
// lets Xapian::DatabaseModifiedError through (a writer committed twice while the
// shards were opened: retrying succeeds).
Xapian::Database open_index(const std::string& path);

// Checks the schema version recorded in `db` (its first shard). Throws
// gazette::Error naming `path` on mismatch or when the key is missing.
void check_schema(const Xapian::Database& db, const std::string& path);

}  // namespace gazette

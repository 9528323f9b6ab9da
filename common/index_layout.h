#pragma once
// How an index lives on disk. An index is a directory:
//   INDEX/XAPIANDB      Xapian stub database file: one line "auto shard-NNN" per shard
//   INDEX/shard-000/    a Xapian glass database
//   INDEX/shard-001/    ...
// Xapian resolves stub paths against the stub's directory, so
// Xapian::Database("INDEX") opens every shard as one database.
// Articles are partitioned by id: an article lives in partition shard_of(id, P),
// P being fixed when the index is created (--jobs). A partition is one or more
// shards (segments): gazette-index writes new articles into the partition's
// newest segment and starts another once that one is full, so no shard grows
// past a bounded size while indexing. Each shard records its partition as
// "p/P" (shard_key). Shards are numbered from 0 in the order the stub lists
// them; their directory numbers need not be consecutive, since merging
// segments (IndexWriter) replaces several shards by one with a new number.
// Remote shards (xapian-tcpsrv) can be listed in a stub as "remote ..." lines; the
// searcher opens whatever the stub lists.

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace gazette {

inline constexpr const char* kStubFile = "XAPIANDB";
inline constexpr unsigned kMaxShards = 1000;     // shards (segments) of one index
inline constexpr unsigned kMaxPartitions = 256;  // and partitions (--jobs)
inline constexpr unsigned kMaxShardNumber = 999999;

// "shard-007". REQUIRES: number <= kMaxShardNumber.
std::string shard_dir_name(unsigned number);
// The number of a shard_dir_name(); false for any other name.
bool parse_shard_dir_name(std::string_view name, unsigned* number);

// The stub file text listing these shard directories.
std::string stub_text(const std::vector<std::string>& shards);

// The partition an article id belongs to: hash64(id) % partitions.
// REQUIRES: partitions > 0.
unsigned shard_of(std::string_view id, unsigned partitions);

// A shard's partition, as stored in its metadata (meta::kShard): "p/P".
std::string shard_key(unsigned partition, unsigned partitions);
// Parses shard_key(); false unless it is "p/P" with p < P <= kMaxPartitions.
bool parse_shard_key(const std::string& key, unsigned* partition, unsigned* partitions);

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

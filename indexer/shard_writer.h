#pragma once
// [5] Writing shards. An index directory holds N glass databases and a stub
// (common/index_layout.h). IndexDirectory creates or opens the layout;
// ShardWriter owns one WritableDatabase and is used by one thread at a time.

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <string>

namespace gazette {

// Prepares `dir` for writing and returns its shard count. A missing or empty
// directory becomes a new index of `shards_if_new` shards (the stub is written
// by finish_layout once the shards exist). An existing index keeps its count.
// Throws gazette::Error if `dir` holds something else, lists remote shards,
// or has another schema version.
unsigned prepare_index_dir(const std::string& dir, unsigned shards_if_new, bool* created);

// Writes the stub file listing `shards` shards (atomically: temp file + rename)
// if it is missing. Throws gazette::Error on I/O failure.
void finish_layout(const std::string& dir, unsigned shards);

// How long to wait for another writer's lock (--wait): until `deadline`, or
// until `interrupt` is set. The default does not wait.
struct LockWait {
  std::chrono::steady_clock::time_point deadline{};
  const std::atomic<bool>* interrupt = nullptr;

  // Waits up to `seconds` from now (--wait), or until `*interrupt`.
  static LockWait for_seconds(double seconds, const std::atomic<bool>* interrupt) {
    LockWait w;
    w.deadline = std::chrono::steady_clock::now() +
                 std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                     std::chrono::duration<double>(seconds));
    w.interrupt = interrupt;
    return w;
  }
};

class ShardWriter {
 public:
  // Opens shard `index` of `count` in `dir`, creating it (with schema metadata)
  // if it is missing and `may_create`; while another writer holds it, retries
  // until `wait` says stop. Throws gazette::Error naming the shard if it is
  // (still) locked by another writer, is missing (and may not be created), or
  // has another schema version. (An index whose stub exists never gets new
  // shards: a writer that waited out a --compact must not recreate the shards
  // that compaction merged away.)
  ShardWriter(const std::string& dir, unsigned index, unsigned count, const LockWait& wait = {},
              bool may_create = true);
  ShardWriter(const ShardWriter&) = delete;
  ShardWriter& operator=(const ShardWriter&) = delete;

  // Adds `doc` under `id`, replacing any document with the same id (in this run
  // or before). Returns true if it replaced one. Throws Xapian::Error.
  // `text_bytes` (the article's title and body size) is added to pending_bytes().
  bool write(const std::string& id, const Xapian::Document& doc, size_t text_bytes = 0);

  // Removes the document with this id. Returns false if there is none.
  // Throws Xapian::Error.
  bool remove(const std::string& id);

  // Commits pending changes (never left to the destructor, which would swallow
  // errors). Throws Xapian::Error.
  void commit();

  // Index metadata of this shard (Xapian user metadata; committed by commit()).
  std::string get_metadata(const std::string& key) const { return db_.get_metadata(key); }
  void set_metadata(const std::string& key, const std::string& value) {
    db_.set_metadata(key, value);
  }

  // Documents written since the last commit.
  size_t pending() const { return pending_; }
  // Text bytes of the documents written since the last commit.
  size_t pending_bytes() const { return pending_bytes_; }

  // How much new text to gather before committing, when batches go by text
  // volume: `base` for a small shard, growing with the shard (16 bytes per
  // article it holds, at most 32 MiB). Each commit rewrites the last posting
  // chunk of every term its batch touches; in a big shard those chunks lie in
  // more distinct blocks, so bigger batches pay for fewer commits.
  size_t batch_bytes(size_t base) const;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  Xapian::WritableDatabase db_;
  size_t pending_ = 0;
  size_t pending_bytes_ = 0;
};

}  // namespace gazette

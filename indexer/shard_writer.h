#pragma once
// [5] Writing shards. An index directory holds N glass databases and a stub
// (common/index_layout.h). ShardWriter owns one WritableDatabase and is used by
// one thread at a time; IndexWriter opens or creates every shard of an index
// and writes articles into their partitions' segments.

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gazette {

// Prepares `dir` for writing and returns the names of its shard directories.
// A missing or empty directory becomes a new index of `shards_if_new` shards
// (the stub is written by finish_layout once the shards exist). An existing
// index: the shards its stub lists. Throws gazette::Error if `dir` holds
// something else or its stub lists shards that are not local.
std::vector<std::string> prepare_index_dir(const std::string& dir, unsigned shards_if_new);

// Writes the stub file listing these shards (atomically: temp file + rename)
// if it is missing. Throws gazette::Error on I/O failure.
void finish_layout(const std::string& dir, const std::vector<std::string>& shards);
// Writes the stub file listing these shards whether or not one exists
// (atomically). Throws gazette::Error on I/O failure.
void write_stub(const std::string& dir, const std::vector<std::string>& shards);

// fsync of one file or directory (`flags` for open(2): O_RDONLY, plus
// O_DIRECTORY for a directory); throws gazette::Error naming it.
void sync_path(const std::string& path, int flags);
// fsync of every regular file in `dir`, then of `dir` itself; throws
// gazette::Error naming what failed.
void sync_directory(const std::string& dir);

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
  // Opens shard directory `name` in `dir`, creating it (with schema metadata, and
  // `key`, its shard_key(), as its partition) if it is missing and
  // `may_create`; while another writer holds it, retries until `wait` says
  // stop. Throws gazette::Error naming the shard if it is (still) locked by
  // another writer, is missing (and may not be created), or has another schema
  // version. (A writer that waited out a --compact must not recreate the
  // shards that compaction merged away.)
  // With `sync` false, commits do not wait for the disk (Xapian::DB_NO_SYNC):
  // see sync_to_disk().
  ShardWriter(const std::string& dir, const std::string& name, const std::string& key,
              const LockWait& wait = {}, bool may_create = true, bool sync = true);
  ShardWriter(const ShardWriter&) = delete;
  ShardWriter& operator=(const ShardWriter&) = delete;

  // Replaces the document with this id by `doc` if this shard holds one;
  // returns false (and writes nothing) if it does not. Throws Xapian::Error.
  // `text_bytes` (the article's title and body size) is added to pending_bytes().
  bool replace_if_present(const std::string& id, const Xapian::Document& doc,
                          size_t text_bytes = 0);
  // Adds `doc` (which carries its id term) as a new document; the caller knows
  // no shard of the index holds its id. Throws Xapian::Error.
  void add(const Xapian::Document& doc, size_t text_bytes = 0);

  // Removes the document with this id. Returns false if there is none.
  // Throws Xapian::Error.
  bool remove(const std::string& id);

  // Commits pending changes (never left to the destructor, which would swallow
  // errors). Throws Xapian::Error.
  void commit();

  // Rebuilds this shard's facet store (common/facet_store.h) from its last
  // commit; with `sync`, flushed to the disk like the commits. Returns false if
  // the store could not be written.
  bool build_store();
  // Whether the facet store needs building: documents changed since it was
  // last built here, or it was missing or stale when the shard was opened.
  bool store_stale() const { return store_stale_; }

  // Index metadata of this shard (Xapian user metadata; committed by commit(),
  // and counted as a pending change until then).
  std::string get_metadata(const std::string& key) const { return db_.get_metadata(key); }
  void set_metadata(const std::string& key, const std::string& value) {
    db_.set_metadata(key, value);
    ++pending_;
  }

  // On a shard made by merging segments: how many full segments' worth it
  // holds (meta::kSegments, read when the shard is opened); 0 otherwise.
  double merged_segments() const { return merged_segments_; }

  // Articles in this shard, pending changes included.
  Xapian::doccount doccount() const { return db_.get_doccount(); }
  // Term occurrences in its articles (Xapian's total document length), pending
  // changes included: its volume, which compaction and merging keep.
  Xapian::totallength total_length() const { return db_.get_total_length(); }
  // Changes (documents and metadata) made since the last commit.
  size_t pending() const { return pending_; }
  // Text bytes of the documents written since the last commit.
  size_t pending_bytes() const { return pending_bytes_; }

  // How much new text to gather before committing, when batches go by text
  // volume: `base` for a small shard, growing with the shard (16 bytes per
  // article it holds, at most 32 MiB). Each commit rewrites the last posting
  // chunk of every term its batch touches; in a big shard those chunks lie in
  // more distinct blocks, so bigger batches pay for fewer commits.
  size_t batch_bytes(size_t base) const;

  // Flushes every file of the shard, and its directory entry, to the disk
  // (fsync). What a shard opened without `sync` needs once it is done with:
  // until then an operating-system crash can leave it damaged (a killed
  // process cannot: its writes are in the kernel's cache).
  void sync_to_disk() const;

  const std::string& name() const { return name_; }  // "shard-007"
  const std::string& path() const { return path_; }

 private:
  std::string name_;
  std::string path_;
  Xapian::WritableDatabase db_;
  size_t pending_ = 0;
  size_t pending_bytes_ = 0;
  bool store_stale_ = false;
  bool sync_ = true;
  double merged_segments_ = 0;
};

// Every shard of an index, write-locked, grouped into partitions
// (common/index_layout.h). Opening it creates a new index or takes the write
// lock of every shard of an existing one, so no other writer can interleave.
//
// Partitions are independent: each may be written by its own thread (write,
// commit, finish with the same `partition`), while the shard list grows under
// a lock when a partition starts a new segment. remove(), shards() and
// shard() are for when no partition is being written.
class IndexWriter {
 public:
  // Opens the index at `dir`, creating it with `partitions_if_new` partitions
  // of one shard each if the directory is missing or empty (0: the index must
  // exist). Throws gazette::Error if `dir` holds something else, any shard is
  // locked past `wait`, is damaged or has another schema version.
  // With `sync` false, the shards' commits do not wait for the disk (the
  // segments are flushed as they fill up and merge, the rest by sync_to_disk()).
  IndexWriter(const std::string& dir, unsigned partitions_if_new, const LockWait& wait,
              bool sync = true);

  unsigned partitions() const { return static_cast<unsigned>(parts_.size()); }
  size_t shards() const { return shards_.size(); }
  ShardWriter& shard(size_t i) { return *shards_[i]; }

  // Metadata every shard carries (such as the synonyms): share_metadata gives
  // the segments this run adds the first shard's value, and returns it;
  // set_shared_metadata sets a new value on every shard and on the segments
  // this run adds.
  const std::string& share_metadata(const std::string& key);
  void set_shared_metadata(const std::string& key, const std::string& value);

  // New articles go into a partition's newest segment until it holds this many
  // articles, or this many term occurrences in all (total_length()), whichever
  // comes first; then a new segment starts. 0 turns a limit off; both 0: one
  // growing segment per partition.
  void set_segment_size(size_t articles) { segment_size_ = articles; }
  void set_segment_terms(uint64_t terms) { segment_terms_ = terms; }
  // Segments merge by tiers (merge()): `factor` of a tier become one of the
  // next; below 2, segments never merge.
  void set_merge_factor(size_t factor) { merge_factor_ = factor; }
  // Merges made so far, and the articles in the segments they made.
  long merges() const { return merges_; }
  long merged_articles() const { return merged_articles_; }
  double merge_seconds() const { return merge_ms_ / 1000.0; }  // wall, summed over threads
  // Articles in the segments being merged right now (for the progress line).
  long merging() const { return merging_; }

  // Writes `doc` under `id` into `partition` (shard_of(id, partitions())):
  // replaces the document in whichever of its segments holds the id, else
  // adds it to the newest segment. Returns true if it replaced one.
  // Throws Xapian::Error, or gazette::Error if a new segment cannot be made.
  bool write(unsigned partition, const std::string& id, const Xapian::Document& doc,
             size_t text_bytes);
  // Changes and text bytes written into `partition` since its last commit.
  size_t pending(unsigned partition) const { return parts_[partition].pending; }
  size_t pending_bytes(unsigned partition) const { return parts_[partition].pending_bytes; }
  // ShardWriter::batch_bytes of the partition's newest segment.
  size_t batch_bytes(unsigned partition, size_t base) const {
    return parts_[partition].segments.back()->batch_bytes(base);
  }
  // Commits every segment of `partition` with pending changes.
  void commit(unsigned partition);
  // Commits `partition`, rebuilds the facet store of each of its segments
  // that changed, and merges segments as merge() says.
  void finish(unsigned partition);

  // Tiered merging (after Lucene's merge policies): a partition's segments
  // fall into tiers by size, measured in full segments (units(): tier 0 below
  // `factor` full segments' worth, tier 1 below factor^2, ...); whenever a tier holds `factor`
  // finished segments, they are merged into one (Xapian::Database::compact,
  // so the result is also compact) of the next tier. A partition so keeps
  // fewer than `factor` segments a tier, and searches a bounded number of
  // shards, while each article is rewritten about once per tier. Runs when a
  // segment fills up and in finish(). The merged segment is built unlisted,
  // then one stub rewrite swaps it in and the old ones are removed, so a
  // search sees either the old segments or the merged one, and a run stopped
  // midway leaves only an unlisted directory (removed by the next writer).
  void merge(unsigned partition);

  // Removes the article with this id from every shard that holds it (one,
  // unless the index is damaged). Returns false if none does.
  bool remove(const std::string& id);
  // finish() for every partition.
  void finish_all();
  // Flushes every shard to the disk (ShardWriter::sync_to_disk); the stub file
  // is flushed whenever it is written.
  void sync_to_disk() const;

 private:
  struct Partition {
    std::vector<ShardWriter*> segments;  // oldest first; new articles go to back()
    size_t pending = 0;
    size_t pending_bytes = 0;
  };

  ShardWriter* new_segment(unsigned partition);
  // A segment's size in full segments: the larger of its articles over the
  // article limit and its term occurrences over the term limit.
  double units(const ShardWriter& segment) const;
  bool full(const ShardWriter& segment) const { return units(segment) >= 1.0; }
  // What places a shard in its tier: units(), or for a merged shard the sum
  // of what the shards it was merged from weighed (stored in the shard), if
  // more. units() alone is not additive when segments end by different
  // limits (ten full segments, some ended by articles and some by terms, can
  // add up to fewer than ten units by either measure), and a merged shard
  // that fell short of its tier would be merged again with every next group.
  double weight(const ShardWriter& segment) const;
  size_t tier(const ShardWriter& segment) const;
  // Merges segments[group...] of `partition` (indexes in ascending order).
  void merge_group(unsigned partition, const std::vector<size_t>& group);
  std::vector<std::string> names_locked() const;  // the shards' names, in stub order

  std::string dir_;
  bool sync_ = true;
  size_t segment_size_ = 0;
  uint64_t segment_terms_ = 0;
  size_t merge_factor_ = 0;
  unsigned next_number_ = 0;  // of the next shard directory (under mu_)
  std::atomic<long> merges_{0};
  std::atomic<long> merged_articles_{0};
  std::atomic<long> merge_ms_{0};
  std::atomic<long> merging_{0};
  std::mutex mu_;  // held while a segment is added (shards_ and the stub file)
  std::vector<std::unique_ptr<ShardWriter>> shards_;
  std::vector<Partition> parts_;
  std::map<std::string, std::string> shared_;  // set_shared_metadata
};

}  // namespace gazette

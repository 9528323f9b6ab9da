#include "indexer/shard_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/error.h"
#include "common/facet_store.h"
#include "common/index_layout.h"
#include "common/schema.h"

namespace gazette {
namespace fs = std::filesystem;

namespace {

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

std::vector<std::string> prepare_index_dir(const std::string& dir, unsigned shards_if_new) {
  std::vector<std::string> names;
  auto fresh = [&] {
    for (unsigned i = 0; i < shards_if_new; ++i) names.push_back(shard_dir_name(i));
    return names;
  };
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) throw Error("cannot create index directory '" + dir + "': " + ec.message());
    return fresh();
  }
  if (!fs::is_directory(dir, ec)) {
    throw Error("'" + dir + "' exists and is not a directory");
  }
  fs::path stub = fs::path(dir) / kStubFile;
  if (fs::exists(stub, ec)) {
    std::ifstream in(stub);
    std::string line;
    unsigned number = 0;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      if (line.rfind("auto ", 0) != 0 || !parse_shard_dir_name(line.substr(5), &number)) {
        throw Error("index '" + dir + "' lists a shard gazette-index cannot write (\"" + line +
                    "\"): write to the shards where they are served");
      }
      names.push_back(line.substr(5));
    }
    if (names.empty()) throw Error("index '" + dir + "': stub file lists no shards");
    return names;
  }
  // No stub: an empty directory, or an index whose creation was interrupted
  // before the stub was written. Its shards are then empty (the stub is
  // written before any article), and the index is created afresh.
  unsigned number = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (parse_shard_dir_name(name, &number) && e.is_directory()) {
      names.push_back(name);
    } else if (name != "flintlock") {
      throw Error("'" + dir + "' exists and is not a gazette index (it contains '" + name +
                  "'): give an empty or new directory");
    }
  }
  if (ec) throw Error("cannot read '" + dir + "': " + ec.message());
  for (const std::string& name : names) {
    const fs::path shard = fs::path(dir) / name;
    Xapian::doccount docs = 1;
    try {
      docs = Xapian::Database(shard.string()).get_doccount();
    } catch (const Xapian::Error&) {
      // unreadable: an empty directory or a half-created database
      docs = fs::is_empty(shard, ec) || !fs::exists(shard / "iamglass", ec) ? 0 : 1;
    }
    if (docs > 0) {
      throw Error("'" + dir + "' has shard directories but no " + kStubFile + " stub file, and '" +
                  shard.string() +
                  "' holds articles: restore the stub, or give an empty or new directory");
    }
    fs::remove_all(shard, ec);
  }
  names.clear();
  return fresh();
}

// fsync of one file or directory; throws gazette::Error naming it.
void sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    throw Error("cannot flush '" + path + "' to the disk: " + std::strerror(err));
  }
  ::close(fd);
}

// fsync of every regular file in `dir`, then of `dir` itself.
void sync_directory(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file(ec)) sync_path(entry.path().string(), O_RDONLY);
  if (ec) throw Error("cannot read '" + dir + "': " + ec.message());
  sync_path(dir, O_RDONLY | O_DIRECTORY);
}

// The stub is replaced by a rename, after its new text is on the disk (and the
// rename too, before returning): a power cut leaves the old list or the new.
void write_stub(const std::string& dir, const std::vector<std::string>& shards) {
  fs::path stub = fs::path(dir) / kStubFile;
  fs::path tmp = fs::path(dir) / (std::string(kStubFile) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << stub_text(shards);
    out.flush();
    if (!out) throw Error("cannot write '" + tmp.string() + "'");
  }
  sync_path(tmp.string(), O_RDONLY);
  std::error_code ec;
  fs::rename(tmp, stub, ec);
  if (ec) throw Error("cannot write '" + stub.string() + "': " + ec.message());
  sync_path(dir, O_RDONLY | O_DIRECTORY);
}

void finish_layout(const std::string& dir, const std::vector<std::string>& shards) {
  std::error_code ec;
  if (!fs::exists(fs::path(dir) / kStubFile, ec)) write_stub(dir, shards);
}

ShardWriter::ShardWriter(const std::string& dir, const std::string& name, const std::string& key,
                         const LockWait& wait, bool may_create, bool sync)
    : name_(name), path_((fs::path(dir) / name).string()), sync_(sync) {
  bool said_waiting = false;
  for (;;) {
    try {
      db_ = Xapian::WritableDatabase(
          path_, (may_create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN) |
                     Xapian::DB_BACKEND_GLASS | (sync ? 0 : Xapian::DB_NO_SYNC));
      break;
    } catch (const Xapian::DatabaseLockError&) {
      const bool interrupted = wait.interrupt != nullptr && wait.interrupt->load();
      if (interrupted || std::chrono::steady_clock::now() >= wait.deadline) {
        throw Error("index '" + dir + "' is locked by another writer (" + path_ + ")" +
                    (said_waiting ? "; gave up waiting" : "; --wait SECONDS waits for it"));
      }
      if (!said_waiting) {
        std::fprintf(stderr, "gazette-index: '%s' is locked by another writer; waiting\n",
                     dir.c_str());
        said_waiting = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } catch (const Xapian::DatabaseNotFoundError&) {
      throw Error("index '" + dir + "' has no shard '" + path_ +
                  "' (the index changed, e.g. by --compact, or was damaged): run again");
    } catch (const Xapian::DatabaseError& e) {
      throw Error("cannot open '" + path_ + "' for writing: " + e.get_msg());
    }
  }
  std::string version = db_.get_metadata(meta::kSchema);
  if (version.empty() && db_.get_doccount() == 0) {
    db_.set_metadata(meta::kSchema, std::to_string(kSchemaVersion));
    db_.set_metadata(meta::kShard, key);
    db_.set_metadata(meta::kCreated, now_iso());
    db_.set_metadata(meta::kWriter, "gazette-index " GAZETTE_VERSION);
    db_.commit();
  } else {
    check_schema(db_, path_);
    // A run stopped between a commit and its facet store leaves the store
    // stale; this run rebuilds it (finish()), whether or not it writes here.
    store_stale_ = db_.get_doccount() > 0 && !FacetStore::open(path_, db_);
    const std::string merged = db_.get_metadata(meta::kSegments);
    if (!merged.empty()) merged_segments_ = std::max(0.0, std::strtod(merged.c_str(), nullptr));
  }
}

bool ShardWriter::replace_if_present(const std::string& id, const Xapian::Document& doc,
                                     size_t text_bytes) {
  std::string term = id_term(id);
  if (!db_.term_exists(term)) return false;
  db_.replace_document(term, doc);
  ++pending_;
  pending_bytes_ += text_bytes;
  store_stale_ = true;
  return true;
}

void ShardWriter::add(const Xapian::Document& doc, size_t text_bytes) {
  db_.add_document(doc);
  ++pending_;
  pending_bytes_ += text_bytes;
  store_stale_ = true;
}

bool ShardWriter::remove(const std::string& id) {
  std::string term = id_term(id);
  if (!db_.term_exists(term)) return false;
  db_.delete_document(term);
  ++pending_;
  store_stale_ = true;
  return true;
}

size_t ShardWriter::batch_bytes(size_t base) const {
  constexpr size_t kMaxBatchBytes = size_t{32} << 20;
  constexpr size_t kBytesPerArticleHeld = 16;
  const size_t grown =
      std::min(kMaxBatchBytes, static_cast<size_t>(db_.get_doccount()) * kBytesPerArticleHeld);
  return std::max(base, grown);
}

void ShardWriter::commit() {
  db_.commit();
  pending_ = 0;
  pending_bytes_ = 0;
}

void ShardWriter::sync_to_disk() const { sync_directory(path_); }

bool ShardWriter::build_store() {
  store_stale_ = false;
  return FacetStore::build_file(path_, sync_);
}

IndexWriter::IndexWriter(const std::string& dir, unsigned partitions_if_new, const LockWait& wait,
                         bool sync)
    : dir_(dir), sync_(sync) {
  std::error_code ec;
  const bool had_stub = fs::exists(fs::path(dir) / kStubFile, ec);
  if (!had_stub && partitions_if_new == 0) {
    throw Error("'" + dir + "' is not a gazette index (no " + kStubFile + " stub file)");
  }
  // A new index: partitions of one shard each. An existing one: every shard
  // its stub lists, once they are all locked; if another writer changed the
  // list meanwhile (added segments, merged some away), again with the new list.
  std::vector<std::string> names = prepare_index_dir(dir, partitions_if_new);
  for (int attempt = 0;; ++attempt) {
    if (names.size() > kMaxShards) {
      throw Error("index '" + dir + "' lists more than " + std::to_string(kMaxShards) +
                  " shards: compact it (--compact)");
    }
    shards_.clear();
    std::exception_ptr failed;  // opening a shard failed (gone, locked, damaged)
    try {
      for (size_t i = 0; i < names.size(); ++i) {
        shards_.push_back(std::make_unique<ShardWriter>(
            dir, names[i], shard_key(static_cast<unsigned>(i), static_cast<unsigned>(names.size())),
            wait, !had_stub, sync));
      }
    } catch (const Error&) {
      if (!had_stub) throw;
      failed = std::current_exception();
    }
    if (!had_stub) break;
    std::vector<std::string> now = prepare_index_dir(dir, 1);
    if (now == names && !failed) break;
    if (now == names || attempt == 10) {
      if (failed) std::rethrow_exception(failed);
      throw Error("index '" + dir + "' keeps changing (another writer?): run again");
    }
    names = std::move(now);
  }
  finish_layout(dir, names);
  for (const std::string& name : names) {
    unsigned number = 0;
    parse_shard_dir_name(name, &number);
    next_number_ = std::max(next_number_, number + 1);
  }
  // A shard directory the stub does not list is left by a run stopped
  // between making a segment and listing it, or between listing a merged
  // segment and removing the ones it replaced: searches never saw it.
  if (had_stub) {
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
      const std::string name = e.path().filename().string();
      unsigned number = 0;
      if (parse_shard_dir_name(name, &number) &&
          std::find(names.begin(), names.end(), name) == names.end()) {
        std::error_code removing;
        fs::remove_all(e.path(), removing);
      }
    }
  }
  unsigned count = 0;
  for (const auto& shard : shards_) {
    const std::string key = shard->get_metadata(meta::kShard);
    unsigned p = 0, n = 0;
    if (!parse_shard_key(key, &p, &n) || (count != 0 && n != count)) {
      throw Error("shard '" + shard->path() + "' names its partition '" + key +
                  "', which does not fit the index's other shards: the index is damaged "
                  "(gazette-index --check " +
                  dir + ")");
    }
    if (count == 0) {
      count = n;
      parts_.resize(n);
    }
    parts_[p].segments.push_back(shard.get());
  }
  for (unsigned p = 0; p < parts_.size(); ++p) {
    if (parts_[p].segments.empty()) {
      throw Error("index '" + dir + "' has no shard for partition " + shard_key(p, count) +
                  ": the index is damaged (gazette-index --check " + dir + ")");
    }
  }
}

ShardWriter* IndexWriter::new_segment(unsigned partition) {
  std::lock_guard lock(mu_);
  if (shards_.size() >= kMaxShards || next_number_ > kMaxShardNumber) {
    throw Error("index '" + dir_ + "' has " + std::to_string(shards_.size()) +
                " shards and cannot take another: compact it (--compact), or index with a "
                "larger --segment-size");
  }
  const std::string name = shard_dir_name(next_number_++);
  std::error_code ec;
  fs::remove_all(fs::path(dir_) / name, ec);
  shards_.push_back(std::make_unique<ShardWriter>(dir_, name, shard_key(partition, partitions()),
                                                  LockWait{}, true, sync_));
  ShardWriter* w = shards_.back().get();
  for (const auto& [key, value] : shared_)
    if (!value.empty()) w->set_metadata(key, value);
  w->commit();
  write_stub(dir_, names_locked());
  return w;
}

std::vector<std::string> IndexWriter::names_locked() const {
  std::vector<std::string> names;
  for (const auto& shard : shards_) names.push_back(shard->name());
  return names;
}

bool IndexWriter::write(unsigned partition, const std::string& id, const Xapian::Document& doc,
                        size_t text_bytes) {
  Partition& part = parts_[partition];
  ++part.pending;
  part.pending_bytes += text_bytes;
  // Newest first: a replaced article is most often a recent one.
  for (auto it = part.segments.rbegin(); it != part.segments.rend(); ++it)
    if ((*it)->replace_if_present(id, doc, text_bytes)) return true;
  ShardWriter* newest = part.segments.back();
  if (full(*newest)) {
    // The full segment is done (until an article in it is replaced): commit
    // it and build its facet store now, while its blocks are still cached.
    commit(partition);
    if (newest->store_stale()) newest->build_store();
    if (!sync_) newest->sync_to_disk();
    merge(partition);
    newest = new_segment(partition);
    part.segments.push_back(newest);
  }
  newest->add(doc, text_bytes);
  return false;
}

void IndexWriter::commit(unsigned partition) {
  Partition& part = parts_[partition];
  for (ShardWriter* w : part.segments)
    if (w->pending() > 0) w->commit();
  part.pending = 0;
  part.pending_bytes = 0;
}

void IndexWriter::finish(unsigned partition) {
  commit(partition);
  for (ShardWriter* w : parts_[partition].segments)
    if (w->store_stale()) w->build_store();
  merge(partition);
}

double IndexWriter::units(const ShardWriter& segment) const {
  double u = 0;
  if (segment_size_ > 0) u = static_cast<double>(segment.doccount()) / segment_size_;
  if (segment_terms_ > 0)
    u = std::max(u, static_cast<double>(segment.total_length()) / segment_terms_);
  return u;
}

double IndexWriter::weight(const ShardWriter& segment) const {
  return std::max(units(segment), segment.merged_segments());
}

size_t IndexWriter::tier(const ShardWriter& segment) const {
  // Only merge() asks, and only with merge_factor_ >= 2.
  size_t t = 0;
  const double u = weight(segment);
  for (double limit = merge_factor_; u >= limit; limit *= merge_factor_) ++t;
  return t;
}

void IndexWriter::merge(unsigned partition) {
  if ((segment_size_ == 0 && segment_terms_ == 0) || merge_factor_ < 2) return;
  std::vector<ShardWriter*>& segments = parts_[partition].segments;
  for (;;) {
    // The segments that are done: all but a newest one still filling up.
    size_t done = segments.size();
    if (!full(*segments.back())) --done;
    // The lowest tier with merge_factor_ segments: its oldest merge_factor_.
    std::map<size_t, std::vector<size_t>> tiers;
    std::vector<size_t> group;
    for (size_t i = 0; i < done && group.empty(); ++i) {
      std::vector<size_t>& members = tiers[tier(*segments[i])];
      members.push_back(i);
      if (members.size() == merge_factor_) group = members;
    }
    if (group.empty()) return;
    merge_group(partition, group);
  }
}

void IndexWriter::merge_group(unsigned partition, const std::vector<size_t>& group) {
  std::vector<ShardWriter*>& segments = parts_[partition].segments;
  const auto start = std::chrono::steady_clock::now();
  std::string name;
  {
    std::lock_guard lock(mu_);
    if (next_number_ > kMaxShardNumber) return;  // never in practice: no merge then
    name = shard_dir_name(next_number_++);
  }
  // Built beside the others, unlisted until it is complete (with its facet
  // store); then one stub rewrite swaps it in for the segments it replaces.
  const fs::path merged = fs::path(dir_) / name;
  std::error_code ec;
  fs::remove_all(merged, ec);
  Xapian::Database inputs;
  double worth = 0;
  for (size_t i : group) {
    inputs.add_database(Xapian::Database(segments[i]->path()));
    worth += weight(*segments[i]);
  }
  const long docs = static_cast<long>(inputs.get_doccount());
  merging_ += docs;
  struct Done {
    std::atomic<long>& merging;
    long docs;
    ~Done() { merging -= docs; }
  } done{merging_, docs};
  try {
    inputs.compact(merged.string(), Xapian::Compactor::FULL);
    inputs.close();
    {
      // Its tier: what its segments weighed (compaction copied the first
      // one's value, if it had one).
      Xapian::WritableDatabase out(merged.string(),
                                   Xapian::DB_OPEN | (sync_ ? 0 : Xapian::DB_NO_SYNC));
      char text[32];
      std::snprintf(text, sizeof text, "%.17g", worth);
      out.set_metadata(meta::kSegments, text);
      out.commit();
    }
    if (!FacetStore::build_file(merged.string()))
      throw Error("cannot write the facet store of '" + merged.string() + "'");
    // On the disk before the stub lists it and its segments go, whatever
    // --no-sync says: Xapian flushed the tables, this adds the facet store
    // and the directory entries.
    sync_directory(merged.string());
  } catch (...) {
    fs::remove_all(merged, ec);
    throw;
  }
  auto writer = std::make_unique<ShardWriter>(dir_, name, std::string(), LockWait{}, false, sync_);
  ShardWriter* w = writer.get();
  std::vector<std::unique_ptr<ShardWriter>> replaced;
  {
    std::lock_guard lock(mu_);
    // The merged segment takes the place of the first one it replaces.
    auto first = std::find_if(shards_.begin(), shards_.end(),
                              [&](const auto& s) { return s.get() == segments[group[0]]; });
    const size_t at = static_cast<size_t>(first - shards_.begin());
    shards_.insert(shards_.begin() + static_cast<long>(at), std::move(writer));
    for (size_t i : group) {
      auto it = std::find_if(shards_.begin(), shards_.end(),
                             [&](const auto& s) { return s.get() == segments[i]; });
      replaced.push_back(std::move(*it));
      shards_.erase(it);
    }
    write_stub(dir_, names_locked());
  }
  segments[group[0]] = w;
  for (size_t k = group.size(); k-- > 1;)
    segments.erase(segments.begin() + static_cast<long>(group[k]));
  ++merges_;
  merged_articles_ += docs;
  merge_ms_ += std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - start)
                   .count();
  // The replaced segments' locks go with their writers; then their files.
  std::vector<std::string> paths;
  for (const auto& old : replaced) paths.push_back(old->path());
  replaced.clear();
  for (const std::string& path : paths) {
    fs::remove_all(path, ec);
    if (ec) {
      std::fprintf(stderr, "gazette-index: warning: cannot remove the merged shard '%s': %s\n",
                   path.c_str(), ec.message().c_str());
    }
  }
}

bool IndexWriter::remove(const std::string& id) {
  bool removed = false;
  for (unsigned p = 0; p < partitions(); ++p) {
    for (ShardWriter* w : parts_[p].segments) {
      if (w->remove(id)) {
        removed = true;
        ++parts_[p].pending;
      }
    }
  }
  return removed;
}

void IndexWriter::set_shared_metadata(const std::string& key, const std::string& value) {
  for (auto& w : shards_) w->set_metadata(key, value);
  shared_[key] = value;
}

const std::string& IndexWriter::share_metadata(const std::string& key) {
  return shared_[key] = shards_[0]->get_metadata(key);
}

void IndexWriter::finish_all() {
  for (unsigned p = 0; p < partitions(); ++p) finish(p);
}

void IndexWriter::sync_to_disk() const {
  // (The stub needs nothing here: write_stub() flushes it every time.)
  for (const auto& shard : shards_) shard->sync_to_disk();
}

}  // namespace gazette

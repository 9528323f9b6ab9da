#include "indexer/maintenance.h"

#include <fcntl.h>
#include <stdio.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string_view>

#include "common/error.h"
#include "common/facet_store.h"
#include "common/index_layout.h"
#include "common/json_writer.h"
#include "common/schema.h"

namespace gazette {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// DIR without a trailing slash, absolute, so that "DIR.compact-tmp" is its sibling.
fs::path sibling_base(const std::string& dir) {
  fs::path p = fs::absolute(dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p;
}

}  // namespace

std::vector<std::string> collect_delete_ids(const std::vector<std::string>& args) {
  std::vector<std::string> ids;
  for (const std::string& arg : args) {
    if (arg != "-") {
      std::string_view id = trim(arg);
      if (id.empty()) throw UsageError("--delete: an empty id was given");
      ids.emplace_back(id);
      continue;
    }
    std::string line;
    while (std::getline(std::cin, line)) {
      std::string_view id = trim(line);
      if (!id.empty()) ids.emplace_back(id);
    }
  }
  return ids;
}

DeleteStats delete_articles(const std::string& dir, const std::vector<std::string>& ids,
                            const LockWait& wait) {
  const auto start = Clock::now();
  DeleteStats stats;
  IndexWriter index(dir, 0, wait);  // write-locks every shard
  std::set<std::string> seen;
  for (const std::string& id : ids) {
    if (!seen.insert(id).second) continue;
    ++stats.requested;
    if (index.remove(id)) {
      ++stats.deleted;
    } else {
      stats.not_found.push_back(id);
    }
  }
  index.finish_all();
  stats.seconds = since(start);
  return stats;
}

unsigned rebuild_stores(const std::string& dir, const LockWait& wait) {
  IndexWriter index(dir, 0, wait);
  for (size_t i = 0; i < index.shards(); ++i) {
    if (!index.shard(i).build_store())
      throw Error("cannot write the facet store of shard '" + index.shard(i).path() + "'");
  }
  return static_cast<unsigned>(index.shards());
}

CompactStats compact_index(const std::string& dir, const LockWait& wait) {
  const auto start = Clock::now();
  CompactStats stats;
  // Holding every shard's write lock keeps other writers out until the swap.
  auto locks = std::make_unique<IndexWriter>(dir, 0, wait);
  stats.shards_before = static_cast<unsigned>(locks->shards());

  const fs::path target = sibling_base(dir);
  fs::path tmp = target;
  tmp += ".compact-tmp";
  std::error_code ec;
  fs::remove_all(tmp, ec);  // left by an interrupted compaction
  if (ec) throw Error("cannot remove the leftover '" + tmp.string() + "': " + ec.message());
  fs::create_directory(tmp, ec);
  if (ec) throw Error("cannot create '" + tmp.string() + "': " + ec.message());

  stats.bytes_before = directory_bytes(target.string());
  try {
    Xapian::Database all;
    for (size_t i = 0; i < locks->shards(); ++i)
      all.add_database(Xapian::Database(locks->shard(i).path()));
    stats.documents = all.get_doccount();
    const std::string merged = (tmp / shard_dir_name(0)).string();
    all.compact(merged, Xapian::DBCOMPACT_MULTIPASS | Xapian::Compactor::FULL);
    {
      // Every shard has its own "K/N" shard key and compaction keeps the
      // first; the merged index is shard 0 of 1. (A Compactor overriding
      // resolve_duplicate_metadata is not consulted by every merge path.)
      // Nor is it a merged segment of some partition's tier: a later run
      // places it by its size (units()).
      Xapian::WritableDatabase out(merged, Xapian::DB_OPEN);
      if (out.get_metadata(meta::kShard) != "0/1" || !out.get_metadata(meta::kSegments).empty()) {
        out.set_metadata(meta::kShard, "0/1");
        out.set_metadata(meta::kSegments, "");
        out.commit();
      }
    }
    finish_layout(tmp.string(), {shard_dir_name(0)});
    if (!FacetStore::build_file(merged)) {
      std::cerr << "gazette-index: warning: cannot write the facet store of '" << merged
                << "'; searches count facets the slower way until --rebuild-stores\n";
    }
    // All of it on the disk before the swap: Xapian flushed the tables; this
    // adds the facet store and the directory entries.
    sync_directory(merged);
    sync_path(tmp.string(), O_RDONLY | O_DIRECTORY);
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }

  // Swap: DIR becomes the compacted index and DIR.compact-tmp the old one.
  fs::path old = tmp;
  if (renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
    const int err = errno;
    if (err != EINVAL && err != ENOSYS) {
      fs::remove_all(tmp, ec);
      throw Error("cannot swap in the compacted index '" + tmp.string() + "': " +
                  std::strerror(err));
    }
    // No atomic exchange on this file system: two renames (a reader that
    // opens the index between them sees no index for that moment).
    old = target;
    old += ".compact-old";
    fs::remove_all(old, ec);
    fs::rename(target, old, ec);
    if (!ec) fs::rename(tmp, target, ec);
    if (ec) throw Error("cannot swap in the compacted index: " + ec.message());
  }
  // The swap itself, before the old shards go.
  sync_path(target.parent_path().string(), O_RDONLY | O_DIRECTORY);
  locks.reset();  // releases the old shards' locks
  fs::remove_all(old, ec);
  if (ec) {
    std::cerr << "gazette-index: warning: cannot remove the old shards in '" << old.string()
              << "': " << ec.message() << '\n';
  }
  stats.bytes_after = directory_bytes(target.string());
  stats.seconds = since(start);
  return stats;
}

std::string format_delete_summary(const DeleteStats& s, const std::string& db) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "gazette-index: deleted %ld of %ld articles from '%s' in %.2f s\n",
                s.deleted, s.requested, db.c_str(), s.seconds);
  std::string out = buf;
  if (!s.not_found.empty()) {
    out += "  not in the index (" + std::to_string(s.not_found.size()) + "):";
    constexpr size_t kShown = 10;
    for (size_t i = 0; i < s.not_found.size() && i < kShown; ++i) out += " " + s.not_found[i];
    if (s.not_found.size() > kShown) out += " ...";
    out += "\n";
  }
  return out;
}

std::string format_compact_summary(const CompactStats& s, const std::string& db) {
  const double mib = 1024.0 * 1024.0;
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "gazette-index: compacted '%s': %u %s into 1, %lu articles, %.1f MiB -> %.1f MiB "
                "(%.0f%%) in %.2f s\n",
                db.c_str(), s.shards_before, s.shards_before == 1 ? "shard" : "shards",
                s.documents, s.bytes_before / mib, s.bytes_after / mib,
                s.bytes_before > 0 ? 100.0 * s.bytes_after / s.bytes_before : 100.0, s.seconds);
  return buf;
}

void write_delete_json(JsonWriter* w, const DeleteStats& s) {
  w->field("requested", s.requested);
  w->field("deleted", s.deleted);
  w->key("not_found");
  w->begin_array();
  for (const std::string& id : s.not_found) w->value(id);
  w->end_array();
  w->key("seconds");
  w->value(s.seconds, 3);
}

void write_compact_json(JsonWriter* w, const CompactStats& s) {
  w->begin_object();
  w->field("shards_before", s.shards_before);
  w->field("documents", static_cast<long>(s.documents));
  w->field("bytes_before", static_cast<long>(s.bytes_before));
  w->field("bytes_after", static_cast<long>(s.bytes_after));
  w->key("seconds");
  w->value(s.seconds, 3);
  w->end_object();
}

unsigned long long directory_bytes(const std::string& path) {
  unsigned long long total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      auto n = it->file_size(size_ec);
      if (!size_ec) total += n;
    }
  }
  return total;
}

}  // namespace gazette

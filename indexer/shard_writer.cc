#include "indexer/shard_writer.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/error.h"
#include "common/index_layout.h"
#include "common/schema.h"

namespace gazette {
namespace fs = std::filesystem;

namespace {

bool is_shard_name(const std::string& name) {
  return name.size() == 9 && name.compare(0, 6, "shard-") == 0;
}

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

unsigned prepare_index_dir(const std::string& dir, unsigned shards_if_new, bool* created) {
  std::error_code ec;
  *created = false;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) throw Error("cannot create index directory '" + dir + "': " + ec.message());
    *created = true;
    return shards_if_new;
  }
  if (!fs::is_directory(dir, ec)) {
    throw Error("'" + dir + "' exists and is not a directory");
  }
  fs::path stub = fs::path(dir) / kStubFile;
  if (fs::exists(stub, ec)) {
    std::ifstream in(stub);
    std::string line;
    unsigned shards = 0;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      if (line.rfind("auto shard-", 0) != 0) {
        throw Error("index '" + dir + "' lists a shard gazette-index cannot write (\"" + line +
                    "\"): write to the shards where they are served");
      }
      ++shards;
    }
    if (shards == 0) throw Error("index '" + dir + "': stub file lists no shards");
    return shards;
  }
  // No stub: an empty directory, or an index whose creation was interrupted
  // before the stub was written (only shard directories present).
  unsigned existing = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (is_shard_name(name) && e.is_directory()) {
      ++existing;
    } else if (name != "flintlock") {
      throw Error("'" + dir + "' exists and is not a gazette index (it contains '" + name +
                  "'): give an empty or new directory");
    }
  }
  if (ec) throw Error("cannot read '" + dir + "': " + ec.message());
  *created = existing == 0;
  return existing > 0 ? existing : shards_if_new;
}

void finish_layout(const std::string& dir, unsigned shards) {
  fs::path stub = fs::path(dir) / kStubFile;
  std::error_code ec;
  if (fs::exists(stub, ec)) return;
  fs::path tmp = fs::path(dir) / (std::string(kStubFile) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << stub_text(shards);
    out.flush();
    if (!out) throw Error("cannot write '" + tmp.string() + "'");
  }
  fs::rename(tmp, stub, ec);
  if (ec) throw Error("cannot write '" + stub.string() + "': " + ec.message());
}

ShardWriter::ShardWriter(const std::string& dir, unsigned index, unsigned count,
                         const LockWait& wait, bool may_create)
    : path_((fs::path(dir) / shard_dir_name(index)).string()) {
  bool said_waiting = false;
  for (;;) {
    try {
      db_ = Xapian::WritableDatabase(
          path_, (may_create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN) | Xapian::DB_BACKEND_GLASS);
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
    db_.set_metadata(meta::kShard, std::to_string(index) + "/" + std::to_string(count));
    db_.set_metadata(meta::kCreated, now_iso());
    db_.set_metadata(meta::kWriter, "gazette-index " GAZETTE_VERSION);
    db_.commit();
  } else {
    check_schema(db_, path_);
  }
}

bool ShardWriter::write(const std::string& id, const Xapian::Document& doc, size_t text_bytes) {
  std::string term = id_term(id);
  bool existed = db_.term_exists(term);
  db_.replace_document(term, doc);
  ++pending_;
  pending_bytes_ += text_bytes;
  return existed;
}

bool ShardWriter::remove(const std::string& id) {
  std::string term = id_term(id);
  if (!db_.term_exists(term)) return false;
  db_.delete_document(term);
  ++pending_;
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

}  // namespace gazette

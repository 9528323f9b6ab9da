#include "common/index_layout.h"

#include <cstdio>
#include <filesystem>

#include "common/error.h"
#include "common/hash.h"
#include "common/schema.h"

namespace gazette {
namespace {

// A decimal number of `min_digits` to `max_digits` digits.
bool parse_decimal(std::string_view digits, size_t min_digits, size_t max_digits, unsigned* out) {
  if (digits.size() < min_digits || digits.size() > max_digits) return false;
  unsigned v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string shard_dir_name(unsigned number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "shard-%03u", number);
  return buf;
}

bool parse_shard_dir_name(std::string_view name, unsigned* number) {
  constexpr std::string_view kPrefix = "shard-";
  unsigned n = 0;
  if (name.substr(0, kPrefix.size()) != kPrefix ||
      !parse_decimal(name.substr(kPrefix.size()), 3, 6, &n) || shard_dir_name(n) != name)
    return false;  // "shard-0007" is not a name we write
  *number = n;
  return true;
}

std::string stub_text(const std::vector<std::string>& shards) {
  std::string out = "# gazette index: one Xapian database per shard (see gazette README)\n";
  for (const std::string& name : shards) {
    out += "auto ";
    out += name;
    out += '\n';
  }
  return out;
}

unsigned shard_of(std::string_view id, unsigned partitions) {
  return static_cast<unsigned>(hash64(id) % partitions);
}

std::string shard_key(unsigned partition, unsigned partitions) {
  return std::to_string(partition) + "/" + std::to_string(partitions);
}

bool parse_shard_key(const std::string& key, unsigned* partition, unsigned* partitions) {
  // Numbers of at most four digits: enough for kMaxPartitions.
  const size_t slash = key.find('/');
  if (slash == std::string::npos) return false;
  unsigned p = 0, n = 0;
  if (!parse_decimal(std::string_view(key).substr(0, slash), 1, 4, &p) ||
      !parse_decimal(std::string_view(key).substr(slash + 1), 1, 4, &n) || n == 0 ||
      n > kMaxPartitions || p >= n)
    return false;
  *partition = p;
  *partitions = n;
  return true;
}

void check_schema(const Xapian::Database& db, const std::string& path) {
  std::string version = db.get_metadata(meta::kSchema);
  if (version.empty()) {
    throw Error("'" + path + "' is a Xapian database but not a gazette index (no " +
                meta::kSchema + " metadata)");
  }
  if (version != std::to_string(kSchemaVersion)) {
    throw Error("index '" + path + "' has schema version " + version +
                "; this gazette reads version " + std::to_string(kSchemaVersion) +
                ": rebuild it with gazette-index");
  }
}

Xapian::Database open_index(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error("no index at '" + path + "': no such file or directory");
  }
  Xapian::Database db;
  try {
    db = Xapian::Database(path);
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error("cannot open index '" + path + "': " + e.get_msg());
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // a writer committed while we opened: the caller may retry
  } catch (const Xapian::DatabaseError& e) {
    throw Error("cannot open index '" + path + "': " + e.get_description());
  }
  check_schema(db, path);
  return db;
}

}  // namespace gazette

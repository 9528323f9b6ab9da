#include "common/index_layout.h"

#include <cstdio>
#include <filesystem>

#include "common/error.h"
#include "common/hash.h"
#include "common/schema.h"

namespace gazette {

std::string shard_dir_name(unsigned index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "shard-%03u", index);
  return buf;
}

std::string stub_text(unsigned shards) {
  std::string out = "# gazette index: one Xapian database per shard (see gazette README)\n";
  for (unsigned i = 0; i < shards; ++i) {
    out += "auto ";
    out += shard_dir_name(i);
    out += '\n';
  }
  return out;
}

unsigned shard_of(std::string_view id, unsigned shards) {
  return static_cast<unsigned>(hash64(id) % shards);
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

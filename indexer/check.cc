#include "indexer/check.h"

#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_set>
#include <vector>

#include "common/article.h"
#include "common/error.h"
#include "common/facet_store.h"
#include "common/hash.h"
#include "common/index_layout.h"
#include "common/schema.h"
#include "common/value_codec.h"

namespace gazette {
namespace fs = std::filesystem;
namespace {

// Collects problems with their place; prints them as they are found.
class Findings {
 public:
  void problem(const std::string& where, const std::string& what) {
    std::fprintf(stderr, "gazette-index: check: %s: %s\n", where.c_str(), what.c_str());
    ++count_;
  }
  long count() const { return count_; }

 private:
  long count_ = 0;
};

// The shard directories the stub lists, in order ("" for a line gazette-index
// cannot check, such as a remote shard).
std::vector<std::string> stub_shards(const std::string& dir, Findings* findings) {
  fs::path stub = fs::path(dir) / kStubFile;
  std::ifstream in(stub);
  if (!in) throw Error("'" + dir + "' is not a gazette index (no " + kStubFile + " file)");
  std::vector<std::string> shards;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("auto ", 0) == 0) {
      shards.push_back(line.substr(5));
    } else {
      findings->problem(stub.string(), "line \"" + line + "\" is not a local shard; not checked");
      shards.emplace_back();
    }
  }
  if (shards.empty()) findings->problem(stub.string(), "lists no shards");
  std::set<std::string> seen;
  for (const std::string& name : shards) {
    unsigned number = 0;
    if (name.empty()) continue;
    if (!parse_shard_dir_name(name, &number)) {
      findings->problem(stub.string(), "shard '" + name + "' is not named shard-NNN");
    } else if (!seen.insert(name).second) {
      findings->problem(stub.string(), "shard '" + name + "' is listed twice");
    }
  }
  return shards;
}

// What the shards of one index must agree on, gathered as they are checked.
struct Layout {
  unsigned partitions = 0;             // P, from the first shard that names it
  std::set<unsigned> seen_partitions;  // partitions with at least one shard
  std::unordered_set<uint64_t> ids;    // hashed ids of the shards checked so far
  long ids_in_two_shards = 0;
};

// Gazette's own checks of one opened shard. Returns its article count.
Xapian::doccount check_shard_content(const Xapian::Database& db, const std::string& where,
                                     Layout* layout, Findings* findings) {
  const std::string schema = db.get_metadata(meta::kSchema);
  if (schema != std::to_string(kSchemaVersion)) {
    findings->problem(where, "schema version '" + schema + "', expected " +
                                 std::to_string(kSchemaVersion));
    return db.get_doccount();
  }
  // Its partition: "p/P", P the same in every shard (common/index_layout.h).
  const std::string shard_meta = db.get_metadata(meta::kShard);
  unsigned partition = 0, partitions = 0;
  if (!parse_shard_key(shard_meta, &partition, &partitions) ||
      (layout->partitions != 0 && partitions != layout->partitions)) {
    findings->problem(where, "shard metadata '" + shard_meta +
                                 "' does not fit the other shards (shards moved or renamed?)");
    partitions = 0;
  } else {
    layout->partitions = partitions;
    layout->seen_partitions.insert(partition);
  }
  // One id term per article, each on exactly one article, and in this shard.
  Xapian::doccount ids = 0;
  long duplicated = 0, misplaced = 0;
  const std::string q(prefix::kId);
  for (Xapian::TermIterator t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
    ++ids;
    if (t.get_termfreq() != 1) {
      if (++duplicated <= 5) {
        findings->problem(where, "id '" + (*t).substr(q.size()) + "' is on " +
                                     std::to_string(t.get_termfreq()) + " articles");
      }
    }
    // Ids near kMaxIdTermBytes may be cut and hashed into the term (id_term),
    // so their shard cannot be recomputed: only shorter ones are placed.
    const std::string term = *t;
    const std::string_view id = std::string_view(term).substr(q.size());
    if (partitions != 0 && term.size() + 3 < kMaxIdTermBytes &&
        shard_of(id, partitions) != partition)
      ++misplaced;
    if (!layout->ids.insert(hash64(id)).second && ++layout->ids_in_two_shards <= 5)
      findings->problem(where, "id '" + std::string(id) + "' is also in an earlier shard");
  }
  if (duplicated > 5) findings->problem(where, std::to_string(duplicated) + " duplicated ids in all");
  if (misplaced > 0) {
    findings->problem(where, std::to_string(misplaced) + " id(s) belong to another partition");
  }
  const Xapian::doccount docs = db.get_doccount();
  if (ids != docs) {
    findings->problem(where, std::to_string(docs) + " articles but " + std::to_string(ids) +
                                 " id terms");
  }
  // A stored record per article, and it decodes.
  Xapian::doccount records = 0;
  long bad_records = 0;
  for (Xapian::ValueIterator v = db.valuestream_begin(slot::kRecord);
       v != db.valuestream_end(slot::kRecord); ++v) {
    ++records;
    Article a;
    if (!decode_record(*v, &a) && ++bad_records <= 5) {
      findings->problem(where, "article #" + std::to_string(v.get_docid()) +
                                   ": stored record does not decode");
    }
  }
  if (records != docs) {
    findings->problem(where, std::to_string(docs - records) + " article(s) without a stored record");
  }
  return docs;
}

}  // namespace

long check_index(const std::string& dir) {
  Findings findings;
  const std::vector<std::string> shards = stub_shards(dir, &findings);
  long long total = 0;
  Layout layout;
  for (size_t i = 0; i < shards.size(); ++i) {
    if (shards[i].empty()) continue;
    const std::string path = (fs::path(dir) / shards[i]).string();
    const long before = findings.count();
    std::ostringstream xapian_out;
    try {
      size_t errors = Xapian::Database::check(path, Xapian::DBCHECK_SHORT_TREE, &xapian_out);
      if (errors > 0) {
        findings.problem(path, "Xapian's checker found " + std::to_string(errors) +
                                   " error(s):\n" + xapian_out.str());
      }
    } catch (const Xapian::Error& e) {
      findings.problem(path, "Xapian's checker failed: " + e.get_description());
      continue;
    }
    Xapian::Database db;
    try {
      db = Xapian::Database(path, Xapian::DB_BACKEND_GLASS);
    } catch (const Xapian::Error& e) {
      findings.problem(path, "cannot open: " + e.get_description());
      continue;
    }
    Xapian::doccount docs = check_shard_content(db, path, &layout, &findings);
    total += docs;
    std::unique_ptr<FacetStore> store = FacetStore::open(path, db);
    std::fprintf(stderr, "gazette-index: check: %s: %s, %u article%s, revision %lu%s\n",
                 path.c_str(), findings.count() == before ? "ok" : "PROBLEMS", docs, docs == 1 ? "" : "s",
                 static_cast<unsigned long>(db.get_revision()),
                 store ? "" : docs == 0 ? "" : " (facet store missing or stale: searches are slower "
                                              "until the next gazette-index run or "
                                              "--rebuild-stores)");
  }
  if (layout.partitions != 0 && layout.seen_partitions.size() != layout.partitions) {
    findings.problem(dir, "only " + std::to_string(layout.seen_partitions.size()) + " of " +
                              std::to_string(layout.partitions) + " partitions have a shard");
  }
  if (layout.ids_in_two_shards > 5) {
    findings.problem(
        dir, std::to_string(layout.ids_in_two_shards) + " ids in more than one shard in all");
  }
  std::fprintf(stderr, "gazette-index: check: '%s': %s (%zu %s, %lld articles)\n", dir.c_str(),
               findings.count() == 0 ? "ok"
                                     : (std::to_string(findings.count()) + " problem(s)").c_str(),
               shards.size(), shards.size() == 1 ? "shard" : "shards", total);
  return findings.count();
}

}  // namespace gazette

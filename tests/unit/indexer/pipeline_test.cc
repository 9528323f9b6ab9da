#include "indexer/pipeline.h"

#include <catch2/catch.hpp>

#include <filesystem>

#include "common/error.h"
#include "common/facet_store.h"
#include "common/index_layout.h"
#include "indexer/maintenance.h"
#include "indexer/shard_writer.h"
#include "searcher/search.h"
#include "tests/support/test_db.h"

namespace {

gazette::IndexStats index_paths(const std::string& db, std::vector<std::string> inputs,
                                unsigned jobs = 2) {
  gazette::IndexerOptions o;
  o.db = db;
  o.inputs = std::move(inputs);
  o.jobs = jobs;
  o.quiet = true;
  o.commit_every = 3;
  std::atomic<bool> interrupt{false};
  return gazette::run_indexer(o, interrupt);
}

std::string jsonl(int from, int to) {
  std::string out;
  for (int i = from; i < to; ++i)
    out += "{\"id\":\"n" + std::to_string(i) + "\",\"title\":\"story " + std::to_string(i) +
           "\",\"date\":\"2016-02-" + (i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1) +
           "\"}\n";
  return out;
}

// Options for indexing `input` into `db` in segments of `segment_size`.
gazette::IndexerOptions segmented(const std::string& db, const std::string& input, unsigned jobs,
                                  size_t segment_size, size_t merge_factor) {
  gazette::IndexerOptions o;
  o.db = db;
  o.inputs = {input};
  o.jobs = jobs;
  o.quiet = true;
  o.segment_size = segment_size;
  o.merge_factor = merge_factor;
  return o;
}

}  // namespace

TEST_CASE("indexing builds shards and a stub; re-indexing replaces", "[pipeline]") {
  gazette::test::TempDir dir;
  std::string input = dir.write("in/a.jsonl", jsonl(0, 10) + "{broken\n" + jsonl(10, 12));
  std::string db = dir.path() + "/idx";
  gazette::IndexStats s = index_paths(db, {input});
  CHECK(s.read == 13);
  CHECK(s.indexed == 12);
  CHECK(s.added == 12);
  CHECK(s.replaced == 0);
  CHECK(s.total_skipped() == 1);
  CHECK(s.skipped.at("invalid-json") == 1);
  CHECK(s.shards == 2);
  CHECK(std::filesystem::exists(db + "/XAPIANDB"));
  CHECK(std::filesystem::exists(db + "/shard-001"));
  CHECK(gazette::open_index(db).get_doccount() == 12);

  // Same input again: every article replaces itself.
  gazette::IndexStats again = index_paths(db, {input}, 1);
  CHECK(again.added == 0);
  CHECK(again.replaced == 12);
  CHECK(again.shards == 2);  // the index keeps its shard count
  CHECK(gazette::open_index(db).get_doccount() == 12);
}

TEST_CASE("duplicate ids in one run: the last one wins", "[pipeline]") {
  gazette::test::TempDir dir;
  std::string input = dir.write(
      "d.jsonl",
      "{\"id\":\"same\",\"title\":\"first\"}\n{\"id\":\"same\",\"title\":\"second\"}\n");
  std::string db = dir.path() + "/idx";
  gazette::IndexStats s = index_paths(db, {input});
  CHECK(s.added == 1);
  CHECK(s.replaced == 1);
  Xapian::Database idx = gazette::open_index(db);
  CHECK(idx.get_doccount() == 1);
}

TEST_CASE("articles without ids get stable derived ids", "[pipeline]") {
  gazette::test::TempDir dir;
  std::string input = dir.write("n.jsonl",
                                "{\"title\":\"no id\",\"body\":\"text\"}\n"
                                "{\"title\":\"by url\",\"url\":\"https://example.org/x\"}\n");
  std::string db = dir.path() + "/idx";
  index_paths(db, {input});
  gazette::IndexStats s = index_paths(db, {input});
  CHECK(s.replaced == 2);
  CHECK(gazette::open_index(db).get_doccount() == 2);
  gazette::Article a;
  a.url = "https://example.org/x";
  CHECK(gazette::derive_id(a).size() == 16);
}

TEST_CASE("the index directory must be empty, new or a gazette index", "[pipeline]") {
  gazette::test::TempDir dir;
  std::string input = dir.write("a.jsonl", jsonl(0, 2));
  dir.write("occupied/file", "x");
  CHECK_THROWS_WITH(index_paths(dir.path() + "/occupied", {input}),
                    Catch::Contains("not a gazette index"));
  CHECK_THROWS_AS(index_paths(dir.path() + "/idx", {dir.path() + "/missing.jsonl"}),
                  gazette::UsageError);
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/idx"));  // nothing created on usage errors
}

TEST_CASE("a second writer is refused with a clear message", "[pipeline]") {
  gazette::test::TempDir dir;
  std::string input = dir.write("a.jsonl", jsonl(0, 2));
  std::string db = dir.path() + "/idx";
  index_paths(db, {input}, 1);
  Xapian::WritableDatabase holder(db + "/shard-000", Xapian::DB_OPEN);
  CHECK_THROWS_WITH(index_paths(db, {input}, 1), Catch::Contains("locked by another writer"));
}

TEST_CASE("summaries name counts and reasons", "[pipeline]") {
  gazette::IndexStats s;
  s.read = 3;
  s.indexed = 2;
  s.added = 2;
  s.skipped["invalid-json"] = 1;
  s.warnings["bad-date"] = 1;
  s.shards = 1;
  s.files = 1;
  s.seconds = 0.5;
  std::string text = gazette::format_summary(s, "idx");
  CHECK_THAT(text, Catch::Contains("2 articles indexed into 'idx' (1 shard)"));
  CHECK_THAT(text, Catch::Contains("skipped by reason: invalid-json 1"));
  CHECK_THAT(text, Catch::Contains("warnings by reason: bad-date 1"));
  std::string json = gazette::format_summary_json(s);
  CHECK_THAT(json, Catch::Contains("\"skipped\":1,\"skipped_by_reason\":{\"invalid-json\":1}"));
}

TEST_CASE("an index whose creation stopped before its stub is created afresh", "[pipeline]") {
  gazette::test::TempDir dir;
  std::string input = dir.write("in/a.jsonl", jsonl(0, 12));
  std::string db = dir.path() + "/idx";
  // Left by a run stopped between making its shards and listing them: one
  // empty database, one empty directory, no stub.
  std::filesystem::create_directories(db + "/shard-001");
  { Xapian::WritableDatabase(db + "/shard-000", Xapian::DB_CREATE).commit(); }
  gazette::IndexStats s = index_paths(db, {input}, 3);
  CHECK(s.shards == 3);
  CHECK(s.added == 12);
  CHECK(gazette::open_index(db).get_doccount() == 12);

  // Shards that hold articles without a stub are not thrown away.
  std::string other = dir.path() + "/other";
  index_paths(other, {input});
  std::filesystem::remove(other + "/XAPIANDB");
  CHECK_THROWS_WITH(index_paths(other, {input}),
                    Catch::Contains("no XAPIANDB stub") && Catch::Contains("holds articles"));
}

TEST_CASE("segments: new articles start a new shard once the newest is full", "[pipeline]") {
  gazette::test::TempDir dir;
  std::string input = dir.write("in/a.jsonl", jsonl(0, 40));
  std::string db = dir.path() + "/idx";
  gazette::IndexerOptions o = segmented(db, input, 1, 10, 0);
  std::atomic<bool> interrupt{false};
  gazette::IndexStats s = gazette::run_indexer(o, interrupt);
  CHECK(s.shards == 4);  // 10 + 10 + 10 + 10
  CHECK(s.merges == 0);
  CHECK(gazette::open_index(db).get_doccount() == 40);
  // Merging by twos: 4 full segments of tier 0 -> 2 of tier 1 -> 1 of tier 2.
  std::string merged = dir.path() + "/merged";
  o.db = merged;
  o.merge_factor = 2;
  s = gazette::run_indexer(o, interrupt);
  CHECK(s.merges == 3);
  CHECK(s.shards == 1);
  CHECK(gazette::open_index(merged).get_doccount() == 40);
  // Again: every article replaced where it is, no new shard.
  s = gazette::run_indexer(o, interrupt);
  CHECK(s.replaced == 40);
  CHECK(s.shards == 1);
  CHECK(gazette::open_index(merged).get_doccount() == 40);
}

TEST_CASE("without sync (--no-sync) the same index is built, flushed to the disk at the end",
          "[pipeline]") {
  gazette::test::TempDir dir;
  std::string input = dir.write("in/a.jsonl", jsonl(0, 40));
  std::atomic<bool> interrupt{false};
  gazette::IndexerOptions o = segmented(dir.path() + "/synced", input, 2, 5, 2);
  gazette::IndexStats synced = gazette::run_indexer(o, interrupt);
  o.db = dir.path() + "/unsynced";
  o.sync = false;
  gazette::IndexStats unsynced = gazette::run_indexer(o, interrupt);
  CHECK(unsynced.indexed == 40);
  CHECK(unsynced.shards == synced.shards);
  CHECK(unsynced.merges == synced.merges);
  CHECK(unsynced.merges > 0);
  Xapian::Database a = gazette::open_index(dir.path() + "/synced");
  Xapian::Database b = gazette::open_index(o.db);
  CHECK(b.get_doccount() == a.get_doccount());
  CHECK(b.get_termfreq("story") == 40);
  // Flushing names what it cannot flush.
  gazette::ShardWriter shard(dir.path(), "shard-x", "0/1");
  shard.sync_to_disk();
  std::filesystem::remove_all(dir.path() + "/shard-x");
  CHECK_THROWS_WITH(shard.sync_to_disk(), Catch::Contains("shard-x"));
}

TEST_CASE("the progress line says when segments are being merged", "[pipeline]") {
  CHECK(gazette::progress_line(12345, 12000, 3, 2.0, 0, "a.jsonl") ==
        "indexing: 12,345 read, 12,000 indexed, 3 skipped, 6,000 articles/s  a.jsonl");
  CHECK(gazette::progress_line(600000, 600000, 0, 100.0, 500000, "b.jsonl") ==
        "indexing: 600,000 read, 600,000 indexed, 0 skipped, 6,000 articles/s, merging segments "
        "of 500,000 articles  b.jsonl");
  CHECK(gazette::progress_line(0, 0, 0, 0.0, 0, "") ==
        "indexing: 0 read, 0 indexed, 0 skipped, 0 articles/s  ");
}

TEST_CASE("IndexWriter counts the articles under merge only while it merges", "[pipeline]") {
  gazette::test::TempDir dir;
  gazette::IndexWriter index(dir.path() + "/idx", 1, gazette::LockWait{});
  index.set_segment_size(2);
  index.set_merge_factor(2);
  for (int i = 0; i < 9; ++i) {
    Xapian::Document doc;
    doc.add_boolean_term("Q" + std::to_string(i));
    index.write(0, std::to_string(i), doc, 10);
    CHECK(index.merging() == 0);
  }
  index.finish_all();
  CHECK(index.merges() == 3);  // 2+2 -> 4, 2+2 -> 4, 4+4 -> 8
  CHECK(index.merged_articles() == 16);
  CHECK(index.merging() == 0);
}

TEST_CASE("segments also end at a volume of term occurrences, which merges keep", "[pipeline]") {
  gazette::test::TempDir dir;
  // Articles of 10 term occurrences each; a segment holds 30 (the article
  // limit, 100, is never reached), so long articles make small segments.
  auto article = [](int i, Xapian::termcount length) {
    Xapian::Document doc;
    doc.add_boolean_term("Q" + std::to_string(i));
    doc.add_term("word", length);
    return doc;
  };
  {
    gazette::IndexWriter index(dir.path() + "/flat", 1, gazette::LockWait{});
    index.set_segment_size(100);
    index.set_segment_terms(30);
    index.set_merge_factor(0);
    for (int i = 0; i < 8; ++i) index.write(0, std::to_string(i), article(i, 10), 10);
    CHECK(index.shards() == 3);  // 3 + 3 + 2 articles
    index.write(0, "8", article(8, 10), 10);
    CHECK(index.shards() == 3);  // 3 + 3 + 3
    index.write(0, "long", article(9, 500), 10);
    index.write(0, "next", article(10, 10), 10);
    CHECK(index.shards() == 5);  // the long one fills the 4th segment alone
    index.finish_all();
    CHECK(index.merges() == 0);
  }
  // Tiers go by the same volume: two full segments merge into a shard of two
  // segments' worth (tier 1), which does not merge again with the next single
  // one; 12 articles make 3 merges (3+3, 3+3, 6+6), not more.
  gazette::IndexWriter index(dir.path() + "/merged", 1, gazette::LockWait{});
  index.set_segment_size(100);
  index.set_segment_terms(30);
  index.set_merge_factor(2);
  for (int i = 0; i < 12; ++i) index.write(0, std::to_string(i), article(i, 10), 10);
  index.finish_all();
  CHECK(index.merges() == 3);
  CHECK(index.merged_articles() == 24);
  CHECK(index.shards() == 1);
  CHECK(index.shard(0).doccount() == 12);
  CHECK(index.shard(0).total_length() == 120);
}

TEST_CASE("a merged shard keeps the tier of the segments it was made of, across runs",
          "[pipeline]") {
  // Segments end at 3 articles or 30 term occurrences. Three short articles
  // (4 terms each) end one by their number, two long ones (15 each) the next
  // by their volume: each a full segment, but merged they hold 5/3 segments'
  // worth of articles and 42/30 of terms, neither 2. Merging by twos, the
  // merged shard is still of tier 1 (two segments' worth), so it waits for
  // another of tier 1 instead of being merged again with each next segment.
  gazette::test::TempDir dir;
  const std::string db = dir.path() + "/idx";
  auto article = [](int i) {
    const bool long_one = i % 5 >= 3;  // S S S L L  S S S L L  S
    Xapian::Document doc;
    doc.add_boolean_term("Q" + std::to_string(i));
    doc.add_term("word", long_one ? 15 : 4);
    return doc;
  };
  auto open = [&]() {
    auto index = std::make_unique<gazette::IndexWriter>(db, 1, gazette::LockWait{});
    index->set_segment_size(3);
    index->set_segment_terms(30);
    index->set_merge_factor(2);
    return index;
  };
  {
    auto index = open();
    for (int i = 0; i < 9; ++i) index->write(0, std::to_string(i), article(i), 10);
    // SSS+LL merged (tier 1); SSS full (tier 0); the newest holds one L.
    CHECK(index->merges() == 1);
    CHECK(index->shards() == 3);
    CHECK(index->shard(0).doccount() == 5);
    index->finish_all();
  }
  // The next run finds the merged shard's worth in the shard itself.
  auto index = open();
  REQUIRE(index->shards() == 3);
  CHECK(index->shard(0).merged_segments() == 2.0);
  CHECK(index->shard(0).get_metadata("gazette.segments") == "2");
  for (int i = 9; i < 11; ++i) index->write(0, std::to_string(i), article(i), 10);
  // SSS+LL (tier 1), then the two tier-1 shards: one of four segments' worth.
  CHECK(index->merges() == 2);
  CHECK(index->merged_articles() == 15);
  CHECK(index->shards() == 2);
  CHECK(index->shard(0).doccount() == 10);
  CHECK(index->shard(0).merged_segments() == 4.0);
  index->finish_all();
  index.reset();
  // --compact's single shard is no merged segment of a tier: a later run
  // places it by its size.
  gazette::compact_index(db, gazette::LockWait{});
  CHECK(Xapian::Database(db + "/shard-000").get_metadata("gazette.segments").empty());
  CHECK(gazette::open_index(db).get_doccount() == 11);
}

TEST_CASE("the next run rebuilds facet stores a stopped run left stale", "[pipeline]") {
  gazette::test::TempDir dir;
  std::string db = dir.path() + "/idx";
  std::atomic<bool> interrupt{false};
  gazette::IndexerOptions o = segmented(db, dir.write("in/a.jsonl", jsonl(0, 30)), 1, 10, 0);
  REQUIRE(gazette::run_indexer(o, interrupt).shards == 3);
  auto store_is_current = [&](const std::string& name) {
    std::string path = db + "/" + name;
    return gazette::FacetStore::open(path, Xapian::Database(path)) != nullptr;
  };
  for (const char* name : {"shard-000", "shard-001", "shard-002"}) REQUIRE(store_is_current(name));
  // As a run killed after a commit leaves them: a new revision, the old store.
  for (const char* name : {"shard-000", "shard-002"}) {
    Xapian::WritableDatabase w(db + "/" + name, Xapian::DB_OPEN);
    w.set_metadata("test-touch", "1");
    w.commit();
    REQUIRE_FALSE(store_is_current(name));
  }
  // A run that adds nothing to those shards (the newest is full) still repairs them.
  o.inputs = {dir.write("in/b.jsonl", jsonl(30, 35))};
  CHECK(gazette::run_indexer(o, interrupt).shards == 4);
  for (const char* name : {"shard-000", "shard-001", "shard-002", "shard-003"})
    CHECK(store_is_current(name));
}

TEST_CASE("a durable facet store build swaps in a current store and leaves no temp file",
          "[pipeline]") {
  gazette::test::TempDir dir;
  std::string db = dir.path() + "/idx";
  std::atomic<bool> interrupt{false};
  gazette::IndexerOptions o = segmented(db, dir.write("in/a.jsonl", jsonl(0, 12)), 1, 100, 0);
  REQUIRE(gazette::run_indexer(o, interrupt).shards == 1);
  const std::string shard = db + "/shard-000";
  {
    Xapian::WritableDatabase w(shard, Xapian::DB_OPEN);
    w.set_metadata("test-touch", "1");
    w.commit();
  }
  REQUIRE(gazette::FacetStore::open(shard, Xapian::Database(shard)) == nullptr);
  REQUIRE(gazette::FacetStore::build_file(shard, true));
  CHECK(gazette::FacetStore::open(shard, Xapian::Database(shard)) != nullptr);
  CHECK_FALSE(std::filesystem::exists(shard + "/gazette.facets.tmp"));
  // Not a shard: nothing to build from, and nothing is left behind.
  const std::string empty = dir.path() + "/not-a-shard";
  std::filesystem::create_directories(empty);
  CHECK_FALSE(gazette::FacetStore::build_file(empty, true));
  CHECK_FALSE(std::filesystem::exists(empty + "/gazette.facets"));
  CHECK_FALSE(std::filesystem::exists(empty + "/gazette.facets.tmp"));
}

TEST_CASE("a long-running searcher follows new and merged segments", "[pipeline]") {
  gazette::test::TempDir dir;
  std::string first = dir.write("in/a.jsonl", jsonl(0, 30));
  std::string second = dir.write("in/b.jsonl", jsonl(30, 60));
  std::string db = dir.path() + "/idx";
  gazette::IndexerOptions o = segmented(db, first, 2, 4, 0);
  std::atomic<bool> interrupt{false};
  gazette::run_indexer(o, interrupt);
  gazette::Searcher searcher(db);  // parallel over its shards, like --batch
  gazette::SearchRequest all;
  all.query = "story";
  CHECK(searcher.search(all).total == 30);
  CHECK_FALSE(searcher.refresh());
  // More articles and merges by twos: new shards listed, old ones removed.
  o.inputs = {second};
  o.merge_factor = 2;
  gazette::IndexStats s = gazette::run_indexer(o, interrupt);
  REQUIRE(s.merges > 0);
  CHECK(searcher.refresh());
  CHECK(searcher.search(all).total == 60);
  CHECK_FALSE(searcher.refresh());
}

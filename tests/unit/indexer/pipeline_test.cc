#include "indexer/pipeline.h"

#include <catch2/catch.hpp>

#include <filesystem>

#include "common/error.h"
#include "common/index_layout.h"
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

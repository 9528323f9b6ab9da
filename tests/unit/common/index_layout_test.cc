#include "common/index_layout.h"

#include <catch2/catch.hpp>

#include "common/error.h"
#include "common/schema.h"
#include "tests/support/test_db.h"

TEST_CASE("shard names and stub text", "[index_layout]") {
  CHECK(gazette::shard_dir_name(7) == "shard-007");
  std::string stub = gazette::stub_text({gazette::shard_dir_name(0), gazette::shard_dir_name(1)});
  CHECK(stub.find("auto shard-000\nauto shard-001\n") != std::string::npos);
}

TEST_CASE("shard_of spreads ids and is stable", "[index_layout]") {
  int counts[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4000; ++i) ++counts[gazette::shard_of(std::to_string(i), 4)];
  for (int c : counts) CHECK(c > 800);
  CHECK(gazette::shard_of("gz-2016-0001", 4) == gazette::shard_of("gz-2016-0001", 4));
}

TEST_CASE("shard keys name a partition of the index", "[index_layout]") {
  unsigned p = 99, n = 99;
  CHECK(gazette::shard_key(3, 8) == "3/8");
  REQUIRE(gazette::parse_shard_key("3/8", &p, &n));
  CHECK(p == 3);
  CHECK(n == 8);
  REQUIRE(gazette::parse_shard_key(gazette::shard_key(255, 256), &p, &n));
  CHECK(p == 255);
  CHECK(n == 256);
  for (const char* bad : {"", "3", "/8", "3/", "8/8", "9/8", "0/0", "1/257", "-1/2", "1/2x", "a/2",
                          "1//2", "00000/1"})
    CHECK_FALSE(gazette::parse_shard_key(bad, &p, &n));
  CHECK(p == 255);  // untouched by failures
}

TEST_CASE("open_index names the path in every failure", "[index_layout]") {
  gazette::test::TempDir dir;
  CHECK_THROWS_WITH(gazette::open_index(dir.path() + "/missing"),
                    Catch::Contains("no index at") && Catch::Contains("missing"));
  std::string junk = dir.write("junk/file.txt", "hello");
  CHECK_THROWS_WITH(gazette::open_index(dir.path() + "/junk"),
                    Catch::Contains("cannot open index") && Catch::Contains("junk"));
  {
    Xapian::WritableDatabase plain(dir.path() + "/plain", Xapian::DB_CREATE);
    plain.commit();
  }
  CHECK_THROWS_WITH(gazette::open_index(dir.path() + "/plain"),
                    Catch::Contains("not a gazette index"));
  {
    Xapian::WritableDatabase old(dir.path() + "/old", Xapian::DB_CREATE);
    old.set_metadata(gazette::meta::kSchema, "0");
    old.commit();
  }
  CHECK_THROWS_WITH(gazette::open_index(dir.path() + "/old"),
                    Catch::Contains("schema version 0") && Catch::Contains("rebuild"));
}

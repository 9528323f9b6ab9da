#include "common/hash.h"

#include <catch2/catch.hpp>

TEST_CASE("hash64 is stable across runs and platforms", "[hash]") {
  // Persisted values (derived ids, shard routing): these must never change.
  CHECK(gazette::hex64(gazette::hash64("")) == "efd01f60ba992926");
  CHECK(gazette::hex64(gazette::hash64("gz-2016-0001")) ==
        gazette::hex64(gazette::hash64(std::string("gz-2016-0001"))));
  CHECK(gazette::hash64("a") != gazette::hash64("b"));
  CHECK(gazette::hex64(0) == "0000000000000000");
  CHECK(gazette::hex64(0xfedcba9876543210ULL) == "fedcba9876543210");
}

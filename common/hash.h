#pragma once
// A stable 64-bit hash for ids and shard routing. Persisted (derived ids, long
// terms, shard assignment): never change it without bumping kSchemaVersion.

#include <cstdint>
#include <string>
#include <string_view>

namespace gazette {

// FNV-1a 64 followed by the murmur3 finaliser, so that low bits are well mixed
// for `hash % shards`. Same value on every platform.
uint64_t hash64(std::string_view data);

// 16 lowercase hex digits.
std::string hex64(uint64_t value);

}  // namespace gazette

// ByteSource's codecs (indexer/decompress.cc): gzip, bzip2, xz and zstd by
// their magic bytes whatever the name, concatenated streams, cut and damaged
// streams, and plain data passing through. The streams are packed here with
// the same libraries' encoders.
#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <catch2/catch.hpp>

#include <string>

#include "indexer/input.h"
#include "tests/support/test_db.h"

namespace {

std::string gzip_pack(const std::string& in) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, in.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string bzip2_pack(const std::string& in) {
  std::string out(in.size() + in.size() / 100 + 600, '\0');
  auto n = static_cast<unsigned>(out.size());
  REQUIRE(BZ2_bzBuffToBuffCompress(out.data(), &n, const_cast<char*>(in.data()),
                                   static_cast<unsigned>(in.size()), 9, 0, 0) == BZ_OK);
  out.resize(n);
  return out;
}

std::string xz_pack(const std::string& in) {
  std::string out(lzma_stream_buffer_bound(in.size()), '\0');
  size_t pos = 0;
  REQUIRE(lzma_easy_buffer_encode(
              6, LZMA_CHECK_CRC64, nullptr, reinterpret_cast<const uint8_t*>(in.data()), in.size(),
              reinterpret_cast<uint8_t*>(out.data()), &pos, out.size()) == LZMA_OK);
  out.resize(pos);
  return out;
}

std::string zstd_pack(const std::string& in) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3);
  REQUIRE_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// Text that does not compress to nothing: numbers that do not repeat.
std::string sample_text(int lines) {
  std::string s;
  for (int i = 0; i < lines; ++i)
    s += "{\"id\":\"" + std::to_string(i * 7919 % 100003) + "\",\"title\":\"line " +
         std::to_string(i) + "\"}\n";
  return s;
}

struct Read {
  std::string data;
  std::string error;
  bool ok;
};

Read read_back(const std::string& path) {
  gazette::ByteSource src(path);
  Read r;
  r.ok = src.read_all(&r.data, size_t{1} << 30);
  r.error = src.error();
  return r;
}

}  // namespace

TEST_CASE("gzip, bzip2, xz and zstd are read by their first bytes, whatever the file's name",
          "[decompress]") {
  gazette::test::TempDir dir;
  const std::string text = sample_text(30000);  // about 1 MB: many reads
  struct Codec {
    const char* name;
    std::string (*pack)(const std::string&);
  };
  for (const Codec& c : {Codec{"gz", gzip_pack}, Codec{"bz2", bzip2_pack}, Codec{"xz", xz_pack},
                         Codec{"zst", zstd_pack}}) {
    INFO(c.name);
    const std::string packed = c.pack(text);
    CHECK(packed.size() < text.size() / 2);
    Read whole = read_back(dir.write(std::string("a.jsonl.") + c.name, packed));
    CHECK(whole.ok);
    CHECK(whole.error.empty());
    CHECK(whole.data == text);
    // No extension says so: the magic bytes do.
    CHECK(read_back(dir.write(std::string("noext-") + c.name, packed)).data == text);
    // Streams one after another (pigz, pbzip2, pixz, zstd -T0 and `cat a.gz
    // b.gz` write them) read as one.
    const std::string second = sample_text(500);
    Read both = read_back(dir.write(std::string("both.") + c.name, packed + c.pack(second)));
    CHECK(both.error.empty());
    CHECK(both.data == text + second);
    // Cut in the middle: what came before is delivered, then the error.
    Read cut =
        read_back(dir.write(std::string("cut.") + c.name, packed.substr(0, packed.size() / 2)));
    CHECK_FALSE(cut.ok);
    CHECK(cut.error == "unexpected end of file");
    CHECK(text.compare(0, cut.data.size(), cut.data) == 0);
    // Damaged: an error, never a crash or a hang.
    std::string damaged = packed;
    for (size_t i = 40; i < damaged.size(); i += 997) damaged[i] = static_cast<char>(~damaged[i]);
    Read bad = read_back(dir.write(std::string("bad.") + c.name, damaged));
    CHECK_FALSE(bad.error.empty());
  }
}

TEST_CASE("plain data passes through; names with .bz2, .xz, .zst give the inner format",
          "[decompress]") {
  gazette::test::TempDir dir;
  const std::string text = "BZ is not bzip2\n\x1F not gzip either\n";
  CHECK(read_back(dir.write("plain.txt", text)).data == text);
  CHECK(read_back(dir.write("empty.txt", "")).data.empty());
  CHECK(read_back(dir.write("tiny.txt", "ab")).data == "ab");
  using gazette::Format;
  CHECK(gazette::format_from_name("a/b.jsonl.bz2") == Format::kJsonl);
  CHECK(gazette::format_from_name("a/b.json.XZ") == Format::kJson);
  CHECK(gazette::format_from_name("crawl.warc.zst") == Format::kWarc);
  CHECK(gazette::format_from_name("a/b.zst") == Format::kAuto);
}

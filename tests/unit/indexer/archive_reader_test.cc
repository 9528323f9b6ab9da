// Tar and zip archives: members read in the formats their names give, with
// "ARCHIVE:MEMBER" origins; long names (GNU and pax), hidden members,
// directories, unknown types, cut and damaged archives. The archives are
// written here: tar by hand (the format is simple), zip with libzip.
#include <zip.h>
#include <zstd.h>

#include <cstdio>
#include <cstring>

#include "tests/unit/indexer/format_fixtures.h"

namespace {

using gazette::test::Collector;

// One tar header block (ustar), checksummed.
std::string tar_header(const std::string& name, size_t size, char type = '0') {
  std::string h(512, '\0');
  name.copy(h.data(), std::min<size_t>(name.size(), 100));
  std::snprintf(h.data() + 100, 8, "%07o", 0644);
  std::snprintf(h.data() + 108, 8, "%07o", 0);
  std::snprintf(h.data() + 116, 8, "%07o", 0);
  std::snprintf(h.data() + 124, 12, "%011zo", size);
  std::snprintf(h.data() + 136, 12, "%011o", 0);
  h[156] = type;
  std::memcpy(h.data() + 257,
              "ustar\0"
              "00",
              8);
  std::memset(h.data() + 148, ' ', 8);
  unsigned sum = 0;
  for (char c : h) sum += static_cast<unsigned char>(c);
  std::snprintf(h.data() + 148, 8, "%06o", sum);
  return h;
}

std::string tar_member(const std::string& name, const std::string& data, char type = '0') {
  std::string m = tar_header(name, data.size(), type) + data;
  m.resize((m.size() + 511) / 512 * 512, '\0');
  return m;
}

std::string tar_end() { return std::string(1024, '\0'); }

const std::string kJsonl =
    "{\"id\":\"t1\",\"title\":\"Grain ships sail\",\"body\":\"Grain left port.\"}\n"
    "{\"id\":\"t2\",\"title\":\"Mill reopens\",\"body\":\"The mill reopened.\"}\n";
const std::string kText = "Bridge closes for repairs\n\nThe bridge shuts for a month.\n";

Collector read_archive(const std::string& name, const std::string& bytes,
                       gazette::Format format = gazette::Format::kAuto) {
  gazette::test::TempDir dir;
  const std::string path = dir.write(name, bytes);
  Collector c;
  gazette::read_input(
      {path, format == gazette::Format::kAuto ? gazette::format_from_name(path) : format},
      gazette::ReaderOptions{}, &c);
  return c;
}

}  // namespace

TEST_CASE("tar: members in their own formats, long names, hidden and unknown members",
          "[archive]") {
  const std::string long_dir(120, 'd');
  const std::string tar = tar_member("wire/", "", '5') + tar_member("wire/news.jsonl", kJsonl) +
                          tar_member("././@LongLink", long_dir + "/2016-02-14_bridge.txt", 'L') +
                          tar_member("truncated-name", kText) +
                          tar_member("PaxHeader", "28 path=pax/dated-story.txt\n", 'x') +
                          tar_member("short", "Pax title\n\nPax body.\n") +
                          tar_member("wire/notes.md", "# notes\n") +
                          tar_member("wire/._news.jsonl", "\x00\x05\x16\x07 junk") +
                          tar_member("link", "", '2') + tar_end();
  Collector c = read_archive("a.tar", tar);
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 4);
  CHECK(c.articles[0].id == "t1");
  CHECK(c.articles[0].origin.file ==
        c.articles[0].origin.file.substr(0, c.articles[0].origin.file.find(':')) +
            ":wire/news.jsonl");
  CHECK(c.articles[0].origin.line == 1);
  CHECK(c.articles[1].origin.line == 2);
  CHECK(c.articles[2].title == "Bridge closes for repairs");
  CHECK(gazette::iso_day(c.articles[2].date) == "2016-02-14");  // from the long name
  CHECK(c.articles[2].origin.file.find(long_dir + "/2016-02-14_bridge.txt") != std::string::npos);
  CHECK(c.articles[3].title == "Pax title");
  CHECK(c.articles[3].origin.file.find(":pax/dated-story.txt") != std::string::npos);
  CHECK(c.archives() == 1);
  CHECK(c.archive_members() == 3);
  CHECK(c.archive_ignored() == 1);  // notes.md; the hidden ._ copy is not counted

  // Compressed (zstd here), and with --format forced for the members.
  std::string packed(ZSTD_compressBound(tar.size()), '\0');
  packed.resize(ZSTD_compress(packed.data(), packed.size(), tar.data(), tar.size(), 3));
  Collector z = read_archive("a.tar.zst", packed);
  CHECK(z.articles.size() == 4);
  Collector forced = read_archive("a.tzst", packed, gazette::Format::kText);
  CHECK(forced.articles.size() == 4);  // news.jsonl and notes.md read as text too
}

TEST_CASE("tar: a cut or damaged archive keeps the members before the damage", "[archive]") {
  const std::string tar = tar_member("a.jsonl", kJsonl) + tar_member("b.txt", kText) + tar_end();
  Collector cut = read_archive("cut.tar", tar.substr(0, 512 + 512 + 512 + 10));
  REQUIRE(cut.articles.size() == 2);
  REQUIRE(cut.problems.size() >= 1);
  CHECK(cut.problems.back().reason == "broken-archive");
  CHECK(cut.problems.back().message.find("ends inside 'b.txt'") != std::string::npos);
  Collector cut_header = read_archive("cut.tar", tar.substr(0, 512 + 512 + 100));
  CHECK(cut_header.articles.size() == 2);
  REQUIRE(cut_header.problems.size() == 1);
  CHECK(cut_header.problems[0].message.find("ends inside a member header at byte 1024") !=
        std::string::npos);
  std::string damaged = tar;
  damaged[1024 + 10] ^= 0x55;  // the second header's name: its checksum no longer fits
  Collector bad = read_archive("bad.tar", damaged);
  CHECK(bad.articles.size() == 2);
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].reason == "broken-archive");
  CHECK(bad.problems[0].message.find("not a tar header at byte 1024") != std::string::npos);
  // Without the closing zero blocks, as some writers leave it: no complaint.
  CHECK(read_archive("open.tar", tar.substr(0, tar.size() - 1024)).problems.empty());
  Collector not_tar = read_archive("fake.tar", "just text\n");
  REQUIRE(not_tar.problems.size() == 1);
  CHECK(not_tar.problems[0].message.find("not a tar archive") != std::string::npos);
}

TEST_CASE("zip: members in their own formats; macOS clutter and directories skipped", "[archive]") {
  gazette::test::TempDir dir;
  const std::string path = dir.path() + "/news.zip";
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  REQUIRE(z != nullptr);
  auto add = [&](const char* name, const std::string& data) {
    zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
    REQUIRE(src != nullptr);
    REQUIRE(zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) >= 0);
  };
  const std::string csv = "title,body\nZipped row,Row text.\n";
  REQUIRE(zip_dir_add(z, "feeds/", ZIP_FL_ENC_UTF_8) >= 0);
  add("feeds/news.jsonl", kJsonl);
  add("2019-03-02_story.txt", kText);
  add("table.csv", csv);
  add("__MACOSX/feeds/._news.jsonl", "junk");
  add("readme.pdf", "%PDF-1.4");
  REQUIRE(zip_close(z) == 0);
  Collector c;
  gazette::read_input({path, gazette::format_from_name(path)}, gazette::ReaderOptions{}, &c);
  REQUIRE(c.problems.empty());
  REQUIRE(c.articles.size() == 4);
  CHECK(c.articles[0].origin.file == path + ":feeds/news.jsonl");
  CHECK(gazette::iso_day(c.articles[2].date) == "2019-03-02");
  CHECK(c.articles[3].title == "Zipped row");
  CHECK(c.archive_members() == 3);
  CHECK(c.archive_ignored() == 1);

  // A zip is read from a file: not from inside another archive.
  const std::string inner = gazette::test::slurp(path);
  Collector nested = read_archive("outer.tar", tar_member("inner.zip", inner) + tar_end());
  REQUIRE(nested.problems.size() == 1);
  CHECK(nested.problems[0].message.find("zip archive inside an archive") != std::string::npos);
  Collector broken = read_archive("broken.zip", inner.substr(0, inner.size() / 2));
  REQUIRE(broken.problems.size() == 1);
  CHECK(broken.problems[0].reason == "broken-archive");
}

// Archives (article_reader.h): tar, read as a stream (so also compressed, and
// from standard input), and zip, read by random access with libzip. Each
// member file is an input of its own, named "ARCHIVE:MEMBER" in messages.

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "indexer/article_reader.h"

namespace gazette {
namespace {

// Members skipped without a word, as hidden entries of directories are:
// ".DS_Store", macOS's "._name" copies, anything under "__MACOSX/".
bool hidden_member(const std::string& name) {
  if (name.rfind("__MACOSX/", 0) == 0) return true;
  const size_t slash = name.find_last_of('/');
  const size_t base = slash == std::string::npos ? 0 : slash + 1;
  return base < name.size() && name[base] == '.';
}

// A member's format: the forced one, else by its name; kAuto: not read.
Format member_format(const std::string& name, Format forced) {
  if (hidden_member(name)) return Format::kAuto;
  return forced != Format::kAuto ? forced : format_from_name(name);
}

// The next `size` bytes of an archive stream: one tar member.
class SliceReader : public RawReader {
 public:
  SliceReader(ByteSource* archive, uint64_t size) : archive_(archive), left_(size) {}
  long read(char* buf, size_t n) override {
    if (left_ == 0) return 0;
    const size_t want = static_cast<size_t>(std::min<uint64_t>(n, left_));
    const size_t got = archive_->read(buf, want);
    if (got == 0) {
      error_ =
          archive_->error().empty() ? "the archive ends inside this member" : archive_->error();
      return -1;
    }
    left_ -= got;
    return static_cast<long>(got);
  }
  // What the member's reader left unread.
  uint64_t left() const { return left_; }

 private:
  ByteSource* archive_;
  uint64_t left_;
};

// Reads up to n bytes, fewer only at the end of the archive or on an error;
// returns how many.
size_t read_up_to(ByteSource* source, char* buf, size_t n) {
  size_t have = 0;
  while (have < n) {
    const size_t got = source->read(buf + have, n - have);
    if (got == 0) break;
    have += got;
  }
  return have;
}

bool read_exact(ByteSource* source, char* buf, size_t n) { return read_up_to(source, buf, n) == n; }

bool skip_bytes(ByteSource* source, uint64_t n) {
  char buf[16384];
  while (n > 0) {
    const size_t chunk = static_cast<size_t>(std::min<uint64_t>(n, sizeof buf));
    if (!read_exact(source, buf, chunk)) return false;
    n -= chunk;
  }
  return true;
}

// A tar header number: octal digits (spaces and NULs around them), or GNU's
// base-256 for sizes of 8 GiB and more. False if it is neither.
bool tar_number(const char* field, size_t len, uint64_t* out) {
  const auto* f = reinterpret_cast<const unsigned char*>(field);
  *out = 0;
  if (len > 0 && (f[0] & 0x80) != 0) {
    for (size_t i = 1; i < len; ++i) *out = (*out << 8) | f[i];
    return true;
  }
  size_t i = 0;
  while (i < len && (f[i] == ' ' || f[i] == '\0')) ++i;
  bool any = false;
  for (; i < len && f[i] >= '0' && f[i] <= '7'; ++i) {
    *out = (*out << 3) | static_cast<uint64_t>(f[i] - '0');
    any = true;
  }
  for (; i < len; ++i)
    if (f[i] != ' ' && f[i] != '\0') return false;
  return any;
}

bool tar_checksum_ok(const char* block) {
  uint64_t stored = 0;
  if (!tar_number(block + 148, 8, &stored)) return false;
  uint64_t sum = 0;
  for (size_t i = 0; i < 512; ++i)
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(block[i]);
  return sum == stored;
}

std::string field_string(const char* field, size_t len) {
  return std::string(field, strnlen(field, len));
}

// A pax extended header's "path" (records "LEN key=value\n"); "" if none.
std::string pax_path(const std::string& records) {
  size_t p = 0;
  std::string path;
  while (p < records.size()) {
    const size_t space = records.find(' ', p);
    if (space == std::string::npos) break;
    const size_t len = std::strtoul(records.c_str() + p, nullptr, 10);
    if (len == 0 || p + len > records.size()) break;
    const std::string record = records.substr(space + 1, p + len - space - 2);  // no '\n'
    if (record.rfind("path=", 0) == 0) path = record.substr(5);
    p += len;
  }
  return path;
}

class ZipEntryReader : public RawReader {
 public:
  explicit ZipEntryReader(zip_file_t* file) : file_(file) {}
  ~ZipEntryReader() override { zip_fclose(file_); }
  long read(char* buf, size_t n) override {
    const zip_int64_t got = zip_fread(file_, buf, n);
    if (got < 0) {
      error_ = zip_file_strerror(file_);
      return -1;
    }
    return static_cast<long>(got);
  }

 private:
  zip_file_t* file_;
};

}  // namespace

void read_tar(ByteSource* source, Format forced, const ReaderOptions& options, ArticleSink* sink,
              int depth) {
  const std::string archive = source->path();
  long members = 0, ignored = 0;
  uint64_t offset = 0;    // of the current header, in the uncompressed stream
  std::string long_name;  // from a GNU 'L' or pax 'x' header, for the next member
  char block[512];
  auto broken = [&](const std::string& why) {
    const bool cut = !source->error().empty();
    sink->reject(make_problem(cut ? "truncated-input" : "broken-archive", "",
                              why + " at byte " + std::to_string(offset) +
                                  (cut ? " (" + source->error() + ")" : std::string()) +
                                  "; the rest of the archive is skipped",
                              Origin{archive, 0, {}}));
  };
  while (!sink->stopped()) {
    const size_t got = read_up_to(source, block, sizeof block);
    if (got < sizeof block) {
      // The end without the two zero blocks is tolerated, as tar does; a cut
      // inside a header, or a failed stream, is not.
      if (got > 0 || !source->error().empty()) broken("the archive ends inside a member header");
      break;
    }
    if (std::all_of(block, block + 512, [](char c) { return c == '\0'; })) break;
    uint64_t size = 0;
    if (!tar_checksum_ok(block) || !tar_number(block + 124, 12, &size)) {
      broken("not a tar header");
      break;
    }
    const char type = block[156];
    const uint64_t padded = (size + 511) / 512 * 512;
    std::string name = field_string(block, 100);
    if (std::memcmp(block + 257, "ustar", 5) == 0 && block[345] != '\0')
      name = field_string(block + 345, 155) + "/" + name;
    if (!long_name.empty()) name = long_name;
    if (type == 'L' || type == 'x') {
      // The next member's long name (GNU), or its extended header (pax).
      if (size > (1u << 20)) {
        broken("an extended header over 1 MiB");
        break;
      }
      std::string data(static_cast<size_t>(padded), '\0');
      if (!read_exact(source, data.data(), data.size())) {
        broken("cannot read an extended header");
        break;
      }
      data.resize(static_cast<size_t>(size));
      long_name = type == 'L' ? field_string(data.data(), data.size()) : pax_path(data);
      offset += 512 + padded;
      continue;
    }
    long_name.clear();
    const bool regular = type == '0' || type == '\0' || type == '7';
    const Format format = regular ? member_format(name, forced) : Format::kAuto;
    if (format == Format::kAuto) {
      ignored += regular && !hidden_member(name);
      if (!skip_bytes(source, padded)) {
        broken("the archive ends inside '" + name + "'");
        break;
      }
      offset += 512 + padded;
      continue;
    }
    ++members;
    auto slice = std::make_unique<SliceReader>(source, size);
    SliceReader* rest = slice.get();  // owned by `member`, which outlives its use
    ByteSource member(std::move(slice), archive + ":" + name, name);
    read_source(&member, format, options, sink, depth);
    if (!skip_bytes(source, rest->left() + (padded - size))) {
      broken("the archive ends inside '" + name + "'");
      break;
    }
    offset += 512 + padded;
  }
  sink->archive_read(members, ignored);
}

void read_zip(const std::string& path, Format forced, const ReaderOptions& options,
              ArticleSink* sink, int depth) {
  int code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (zip == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    sink->reject(
        make_problem("broken-archive", "",
                     std::string("cannot read the zip archive: ") + zip_error_strerror(&error),
                     Origin{path, 0, {}}));
    zip_error_fini(&error);
    return;
  }
  std::unique_ptr<zip_t, void (*)(zip_t*)> closer(zip, [](zip_t* z) { zip_discard(z); });
  long members = 0, ignored = 0;
  const zip_int64_t entries = zip_get_num_entries(zip, 0);
  for (zip_int64_t i = 0; i < entries && !sink->stopped(); ++i) {
    zip_stat_t st;
    if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        (st.valid & ZIP_STAT_NAME) == 0)
      continue;
    const std::string name = st.name;
    if (name.empty() || name.back() == '/') continue;  // a directory
    const Format format = member_format(name, forced);
    if (format == Format::kAuto) {
      ignored += !hidden_member(name);  // hidden ones are not counted, as in directories
      continue;
    }
    ++members;
    const std::string member_path = path + ":" + name;
    zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
    if (file == nullptr) {
      sink->reject(make_problem("unreadable-file", "",
                                std::string("cannot read this member: ") + zip_strerror(zip),
                                Origin{member_path, 0, {}}));
      continue;
    }
    ByteSource member(std::make_unique<ZipEntryReader>(file), member_path, name);
    read_source(&member, format, options, sink, depth);
  }
  sink->archive_read(members, ignored);
}

}  // namespace gazette

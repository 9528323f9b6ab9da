#pragma once
// Shared pieces of the libFuzzer targets: a sink that exercises what readers
// report, and an in-memory file (memfd) for readers that take a path.

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/json_writer.h"
#include "common/normalise.h"
#include "indexer/article_reader.h"

namespace gazette::fuzz {

// Checks the reader's promises on every article: valid UTF-8 text and values
// (what the index stores and JSON output relies on).
class CheckingSink : public ArticleSink {
 public:
  void accept(Article&& a) override {
    check(a.title);
    check(a.body);
    check(a.id);
    for (const auto* list : {&a.persons, &a.places, &a.groups, &a.topics})
      for (const std::string& v : *list) check(v);
    std::string json;
    append_json_string(a.title, &json);  // must not crash either
    ++accepted;
  }
  void reject(Problem p) override {
    if (p.reason.empty()) std::abort();  // every problem names its reason
    ++rejected;
  }
  bool stopped() const override { return false; }

  long accepted = 0, rejected = 0;

 private:
  static void check(const std::string& s) {
    if (!is_valid_utf8(s)) std::abort();
  }
};

// A file holding `data`, readable by path, without touching the disk.
class MemFile {
 public:
  MemFile(const uint8_t* data, size_t size) {
    fd_ = memfd_create("gazette-fuzz", MFD_CLOEXEC);
    if (fd_ < 0) std::abort();
    for (size_t done = 0; done < size;) {
      ssize_t n = write(fd_, data + done, size - done);
      if (n <= 0) std::abort();
      done += static_cast<size_t>(n);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemFile() { close(fd_); }
  const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
};

// Reads `data` as a file of `format` through read_input (gzip detection
// included), with 1 MiB limits so that big inputs stay fast.
inline void read_as(const uint8_t* data, size_t size, Format format) {
  MemFile file(data, size);
  CheckingSink sink;
  ReaderOptions limits;
  limits.max_article_bytes = 1 << 20;
  limits.max_file_bytes = 1 << 20;
  read_input({file.path(), format}, limits, &sink);
}

}  // namespace gazette::fuzz

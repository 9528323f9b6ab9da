#pragma once
// Helpers for the tests of the web and XML format readers: the fixture folder
// tests/data/formats/, a sink that collects what a reader reports, and a
// robustness check that feeds a reader truncated and corrupted copies of a
// fixture.

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "common/normalise.h"
#include "indexer/article_reader.h"
#include "tests/support/test_db.h"

namespace gazette::test {

// Collects what a reader reports.
struct Collector : ArticleSink {
  std::vector<Article> articles;
  std::vector<Problem> problems;
  void accept(Article&& a) override { articles.push_back(std::move(a)); }
  void reject(Problem p) override { problems.push_back(std::move(p)); }
  bool stopped() const override { return false; }
  long count(const std::string& reason) const {
    long n = 0;
    for (const Problem& p : problems) n += p.reason == reason;
    return n;
  }
};

inline std::string fixture(const std::string& name) {
  return std::string(GAZETTE_SOURCE_DIR) + "/tests/data/formats/" + name;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline Collector read_path(const std::string& path, Format format = Format::kAuto) {
  Collector c;
  if (format == Format::kAuto) format = format_from_name(path);
  read_input({path, format}, ReaderOptions{}, &c);
  return c;
}

// Writes `text` as `name` in a temporary directory and reads it in the format
// its name gives.
inline Collector read_written(const std::string& name, const std::string& text,
                              const ReaderOptions& options = {}) {
  TempDir dir;
  Collector c;
  const std::string path = dir.write(name, text);
  read_input({path, format_from_name(path)}, options, &c);
  return c;
}

// Reads `name` (a fixture) cut at many lengths and with bytes overwritten;
// every run must end, and every article must hold valid UTF-8. Catches
// crashes and hangs under the sanitizers as well.
inline void check_survives_damage(const std::string& name, const std::string& ext) {
  std::string data = slurp(fixture(name));
  REQUIRE(!data.empty());
  TempDir dir;
  size_t step = std::max<size_t>(1, data.size() / 150);
  auto check = [&](const std::string& bytes) {
    std::string path = dir.write("damaged" + ext, bytes);
    Collector c = read_path(path);
    for (const Article& a : c.articles) {
      CHECK(is_valid_utf8(a.title));
      CHECK(is_valid_utf8(a.body));
    }
  };
  for (size_t cut = 0; cut < data.size(); cut += step) check(data.substr(0, cut));
  std::mt19937 rng(42);
  for (int round = 0; round < 60; ++round) {
    std::string bytes = data;
    for (int k = 0; k < 8; ++k) bytes[rng() % bytes.size()] = static_cast<char>(rng() & 0xFF);
    check(bytes);
  }
}

}  // namespace gazette::test

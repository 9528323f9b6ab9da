// Decoder (decompress.h): the codecs, each over RawInput, a buffer of the
// compressed bytes that also holds the bytes peeked at to pick the codec.

#include "indexer/decompress.h"

#include <bzlib.h>
#include <lzma.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace gazette {
namespace {

constexpr size_t kInputBuffer = size_t{1} << 17;

class FdReader : public RawReader {
 public:
  explicit FdReader(int fd) : fd_(fd) {}
  ~FdReader() override { close(fd_); }
  long read(char* buf, size_t n) override {
    for (;;) {
      const ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<long>(got);
      if (errno == EINTR) continue;
      error_ = std::strerror(errno);
      return -1;
    }
  }

 private:
  int fd_;
};

// The compressed bytes, buffered; also holds the bytes peeked at to pick the
// codec.
class RawInput {
 public:
  explicit RawInput(std::unique_ptr<RawReader> raw) : raw_(std::move(raw)), buf_(kInputBuffer) {}
  RawInput(const RawInput&) = delete;
  RawInput& operator=(const RawInput&) = delete;

  // Reads until at least `n` bytes are buffered, or the end. Returns false on
  // a read error (error() set).
  bool want(size_t n) {
    while (end_ - pos_ < n && !eof_) {
      if (pos_ > 0) {
        std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
        end_ -= pos_;
        pos_ = 0;
      }
      if (end_ == buf_.size()) break;
      const long got = raw_->read(reinterpret_cast<char*>(buf_.data()) + end_, buf_.size() - end_);
      if (got < 0) {
        error_ = raw_->error();
        return false;
      }
      if (got == 0) eof_ = true;
      end_ += static_cast<size_t>(got);
    }
    return error_.empty();
  }
  const unsigned char* data() const { return buf_.data() + pos_; }
  size_t size() const { return end_ - pos_; }
  void consume(size_t n) { pos_ += n; }
  bool starts_with(const char* magic, size_t n) {
    want(n);
    return size() >= n && std::memcmp(data(), magic, n) == 0;
  }
  const std::string& error() const { return error_; }
  // Reads past the buffer, straight into `buf` (plain data).
  long read_direct(char* buf, size_t n) {
    const long got = raw_->read(buf, n);
    if (got < 0) error_ = raw_->error();
    return got;
  }

 private:
  std::unique_ptr<RawReader> raw_;
  std::vector<unsigned char> buf_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  std::string error_;
};

constexpr char kGzipMagic[] = "\x1F\x8B";
constexpr char kBzip2Magic[] = "BZh";
constexpr char kXzMagic[] =
    "\xFD"
    "7zXZ\0";
constexpr char kZstdMagic[] = "\x28\xB5\x2F\xFD";

class Plain : public Decoder {
 public:
  explicit Plain(std::unique_ptr<RawInput> in) : in_(std::move(in)) {}
  size_t read(char* buf, size_t n) override {
    if (in_->size() > 0) {
      const size_t k = std::min(n, in_->size());
      std::memcpy(buf, in_->data(), k);
      in_->consume(k);
      return k;
    }
    if (!in_->error().empty()) {
      error_ = in_->error();
      return 0;
    }
    const long got = in_->read_direct(buf, n);
    if (got >= 0) return static_cast<size_t>(got);
    error_ = in_->error();
    return 0;
  }
  const char* codec() const override { return ""; }

 private:
  std::unique_ptr<RawInput> in_;
};

// The shared loop of the streaming codecs: feed compressed bytes, collect
// decompressed ones, and at the end of one stream go on to the next if more
// compressed data of the same kind follows (else stop: trailing bytes are
// ignored, as gzip does).
template <typename Codec>
class Streaming : public Decoder {
 public:
  explicit Streaming(std::unique_ptr<RawInput> in) : in_(std::move(in)) { codec_.start(&error_); }
  ~Streaming() override { codec_.end(); }

  size_t read(char* buf, size_t n) override {
    if (done_ || !error_.empty() || n == 0) return 0;
    size_t produced = 0;
    while (produced == 0) {
      if (in_->size() == 0 && !in_->want(1)) {
        error_ = in_->error();
        return 0;
      }
      if (in_->size() == 0) {
        // The end of the file: fine between streams, a cut inside one.
        if (!codec_.between_streams()) error_ = "unexpected end of file";
        done_ = true;
        return 0;
      }
      size_t used = 0;
      bool stream_end = false;
      if (!codec_.step(in_->data(), in_->size(), &used, buf, n, &produced, &stream_end, &error_))
        return 0;
      in_->consume(used);
      if (stream_end) {
        if (!in_->starts_with(Codec::kMagic, Codec::kMagicSize)) {
          done_ = true;
          break;
        }
        codec_.end();
        codec_.start(&error_);
        if (!error_.empty()) return 0;
      }
    }
    return produced;
  }
  const char* codec() const override { return Codec::kName; }

 private:
  std::unique_ptr<RawInput> in_;
  Codec codec_;
  bool done_ = false;
};

struct Gzip {
  static constexpr const char* kName = "gzip";
  static constexpr const char* kMagic = kGzipMagic;
  static constexpr size_t kMagicSize = 2;
  z_stream z{};
  bool started = false, in_stream = false;

  void start(std::string* error) {
    z = z_stream{};
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) *error = "out of memory";
    started = error->empty();
    in_stream = false;
  }
  void end() {
    if (started) inflateEnd(&z);
    started = false;
  }
  bool between_streams() const { return !in_stream; }
  bool step(const unsigned char* in, size_t in_size, size_t* used, char* out, size_t out_size,
            size_t* produced, bool* stream_end, std::string* error) {
    z.next_in = const_cast<unsigned char*>(in);
    z.avail_in = static_cast<uInt>(std::min<size_t>(in_size, 1u << 30));
    z.next_out = reinterpret_cast<unsigned char*>(out);
    z.avail_out = static_cast<uInt>(std::min<size_t>(out_size, 1u << 30));
    in_stream = true;
    const int rc = inflate(&z, Z_NO_FLUSH);
    *used = in_size - z.avail_in;
    *produced = std::min<size_t>(out_size, 1u << 30) - z.avail_out;
    if (rc == Z_STREAM_END) {
      in_stream = false;
      *stream_end = true;
      return true;
    }
    if (rc == Z_OK || rc == Z_BUF_ERROR) return true;
    *error = z.msg != nullptr ? z.msg : (rc == Z_MEM_ERROR ? "out of memory" : "invalid gzip data");
    return false;
  }
};

struct Bzip2 {
  static constexpr const char* kName = "bzip2";
  static constexpr const char* kMagic = kBzip2Magic;
  static constexpr size_t kMagicSize = 3;
  bz_stream s{};
  bool started = false, in_stream = false;

  void start(std::string* error) {
    s = bz_stream{};
    if (BZ2_bzDecompressInit(&s, 0, 0) != BZ_OK) *error = "out of memory";
    started = error->empty();
    in_stream = false;
  }
  void end() {
    if (started) BZ2_bzDecompressEnd(&s);
    started = false;
  }
  bool between_streams() const { return !in_stream; }
  bool step(const unsigned char* in, size_t in_size, size_t* used, char* out, size_t out_size,
            size_t* produced, bool* stream_end, std::string* error) {
    const unsigned in_n = static_cast<unsigned>(std::min<size_t>(in_size, 1u << 30));
    const unsigned out_n = static_cast<unsigned>(std::min<size_t>(out_size, 1u << 30));
    s.next_in = reinterpret_cast<char*>(const_cast<unsigned char*>(in));
    s.avail_in = in_n;
    s.next_out = out;
    s.avail_out = out_n;
    in_stream = true;
    const int rc = BZ2_bzDecompress(&s);
    *used = in_n - s.avail_in;
    *produced = out_n - s.avail_out;
    if (rc == BZ_STREAM_END) {
      in_stream = false;
      *stream_end = true;
      return true;
    }
    if (rc == BZ_OK) return true;
    *error = rc == BZ_MEM_ERROR ? "out of memory" : "invalid bzip2 data";
    return false;
  }
};

struct Xz {
  static constexpr const char* kName = "xz";
  static constexpr const char* kMagic = kXzMagic;
  static constexpr size_t kMagicSize = 6;
  lzma_stream s = LZMA_STREAM_INIT;
  bool started = false, in_stream = false;

  void start(std::string* error) {
    s = LZMA_STREAM_INIT;
    if (lzma_stream_decoder(&s, UINT64_MAX, 0) != LZMA_OK) *error = "out of memory";
    started = error->empty();
    in_stream = false;
  }
  void end() {
    if (started) lzma_end(&s);
    started = false;
  }
  bool between_streams() const { return !in_stream; }
  bool step(const unsigned char* in, size_t in_size, size_t* used, char* out, size_t out_size,
            size_t* produced, bool* stream_end, std::string* error) {
    s.next_in = in;
    s.avail_in = in_size;
    s.next_out = reinterpret_cast<uint8_t*>(out);
    s.avail_out = out_size;
    in_stream = true;
    const lzma_ret rc = lzma_code(&s, LZMA_RUN);
    *used = in_size - s.avail_in;
    *produced = out_size - s.avail_out;
    if (rc == LZMA_STREAM_END) {
      in_stream = false;
      *stream_end = true;
      return true;
    }
    if (rc == LZMA_OK || rc == LZMA_BUF_ERROR) return true;
    *error = rc == LZMA_MEM_ERROR       ? "out of memory"
             : rc == LZMA_OPTIONS_ERROR ? "unsupported xz options"
                                        : "invalid xz data";
    return false;
  }
};

struct Zstd {
  static constexpr const char* kName = "zstd";
  static constexpr const char* kMagic = kZstdMagic;
  static constexpr size_t kMagicSize = 4;
  ZSTD_DStream* ds = nullptr;
  bool in_stream = false;

  void start(std::string* error) {
    if (ds == nullptr) ds = ZSTD_createDStream();
    if (ds == nullptr) *error = "out of memory";
    in_stream = false;
  }
  void end() {}
  ~Zstd() { ZSTD_freeDStream(ds); }
  bool between_streams() const { return !in_stream; }
  // One frame after another is one stream to zstd: a frame's end is only
  // where the file may end, never a reason to stop.
  bool step(const unsigned char* in, size_t in_size, size_t* used, char* out, size_t out_size,
            size_t* produced, bool* stream_end, std::string* error) {
    ZSTD_inBuffer input{in, in_size, 0};
    ZSTD_outBuffer output{out, out_size, 0};
    const size_t rc = ZSTD_decompressStream(ds, &output, &input);
    *used = input.pos;
    *produced = output.pos;
    *stream_end = false;
    if (ZSTD_isError(rc)) {
      *error = ZSTD_getErrorName(rc);
      return false;
    }
    in_stream = rc != 0;
    return true;
  }
};

}  // namespace

std::unique_ptr<RawReader> fd_reader(int fd) { return std::make_unique<FdReader>(fd); }

std::unique_ptr<Decoder> Decoder::open(std::unique_ptr<RawReader> raw) {
  auto in = std::make_unique<RawInput>(std::move(raw));
  // Each codec by its magic bytes (a read error shows on the first read()).
  if (in->starts_with(Gzip::kMagic, Gzip::kMagicSize))
    return std::make_unique<Streaming<Gzip>>(std::move(in));
  if (in->starts_with(Bzip2::kMagic, Bzip2::kMagicSize))
    return std::make_unique<Streaming<Bzip2>>(std::move(in));
  if (in->starts_with(Xz::kMagic, Xz::kMagicSize))
    return std::make_unique<Streaming<Xz>>(std::move(in));
  if (in->starts_with(Zstd::kMagic, Zstd::kMagicSize))
    return std::make_unique<Streaming<Zstd>>(std::move(in));
  return std::make_unique<Plain>(std::move(in));
}

}  // namespace gazette

#pragma once
// [1a] Decompression for ByteSource (input.h): gzip, bzip2, xz and zstd
// streams are recognised by their first bytes, whatever the file is called,
// and decompressed as they are read; anything else passes through.

#include <memory>
#include <string>

namespace gazette {

// Where the (possibly compressed) bytes come from: a file descriptor, a
// member of an archive, ...
class RawReader {
 public:
  virtual ~RawReader() = default;
  // Up to n bytes; 0 at the end; -1 on an error (error() says which).
  virtual long read(char* buf, size_t n) = 0;
  const std::string& error() const { return error_; }

 protected:
  std::string error_;
};

// A RawReader over a file descriptor, which it owns and closes.
std::unique_ptr<RawReader> fd_reader(int fd);

class Decoder {
 public:
  virtual ~Decoder() = default;

  // Peeks at the first bytes of `raw` and returns the decoder for them.
  // Concatenated streams (gzip members, bzip2 and xz streams, zstd frames; as
  // parallel compressors write them) are read one after another. Never null.
  static std::unique_ptr<Decoder> open(std::unique_ptr<RawReader> raw);

  // Up to n decompressed bytes; 0 at the end of the data or on an error, when
  // error() says what went wrong ("unexpected end of file" for a cut stream).
  virtual size_t read(char* buf, size_t n) = 0;

  // "gzip", "bzip2", "xz", "zstd" or "" (not compressed).
  virtual const char* codec() const = 0;

  const std::string& error() const { return error_; }

 protected:
  std::string error_;
};

}  // namespace gazette

#pragma once
// [1a] Input discovery and byte streams: which files to read, in which format,
// and how their bytes (plain or gzip, file or stdin) arrive.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "indexer/decompress.h"

namespace gazette {

// kXml is never chosen by the user: it marks a ".xml" file, which holds NITF or
// a feed, decided by its content (format_from_content) when it is read.
// kJson is a JSON document (an array of articles, an object wrapping one, or
// objects one after another); json_layout() tells it from JSON Lines.
// kTar and kZip are archives, whose members have formats of their own.
enum class Format {
  kAuto,
  kJsonl,
  kJson,
  kText,
  kReuters,
  kHtml,
  kWarc,
  kNitf,
  kFeed,
  kCsv,
  kXml,
  kTar,
  kZip,
  kNewsml
};

// "auto", "jsonl", "json", "newsml", "text", "reuters", "html", "warc", "nitf", "feed" (also
// "rss", "atom"), "csv" (also "tsv"). Returns false for an unknown name.
bool parse_format(std::string_view name, Format* out);
std::string_view format_name(Format f);

struct InputFile {
  std::string path;     // "-" for standard input
  Format format;        // kAuto when it must be sniffed from the content
};

// Expands the command-line paths: files are taken as given, directories are
// walked recursively (sorted, symlinked directories not followed, hidden entries
// skipped), "-" is standard input. In a directory, with --format auto, only files
// with a known extension are taken (.jsonl .ndjson .json .sgm .sgml .txt .html .htm
// .xhtml .warc .xml .nitf .rss .atom .csv .tsv, each also with .gz); others are counted in
// *ignored. Unreadable directory entries become
// Problems in *problems. Throws UsageError if a named path does not exist.
std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, Format forced,
                                      std::vector<Problem>* problems, long* ignored);

// The format implied by a file name's extension, or kAuto if none (kXml for
// ".xml": NITF or a feed, to be told apart by content). A compression suffix
// (.gz .bz2 .xz .zst) is looked through; .tar (.tgz .tbz2 .txz .tzst) is kTar,
// .zip kZip.
Format format_from_name(std::string_view path);

// The format implied by the first bytes of a (decompressed) stream: '{' ->
// json_layout(), '[' then '{' or ']' -> JSON,
// "<!DOCTYPE lewis" or "<REUTERS" -> Reuters, "WARC/1." -> WARC; markup by its
// first element (after any XML declaration, comments and doctype): <nitf> ->
// NITF, <newsitem> (RCV1), <newsItem>, <newsMessage> (NewsML-G2) -> NewsML, <rss>, <feed>,
// <rdf:RDF> -> feed, <html> or <!DOCTYPE html> -> HTML, another XML root -> kXml (unknown XML);
// anything else -> text.
Format format_from_content(std::string_view head);

// JSON Lines or a JSON document, from the first bytes of a stream: kJson when
// it starts with '[', when a line break comes inside the first object
// (pretty-printed), or when that object wraps a list of articles
// (json_list_key() then '[' and '{' or ']'; minified dumps are one line); otherwise,
// when the first object closes before a line break or `head` ends inside it
// (a JSON Lines record longer than `head`), kJsonl.
Format json_layout(std::string_view head);

// Keys under which a JSON document's wrapping object holds its list of
// articles ("articles", "docs", "items", "results", "data", "hits", "item",
// "entry"...), and keys of objects that may hold such a list ("response",
// "data", "hits", "rss", "channel", "feed"...: a feed converted to JSON).
bool json_list_key(std::string_view key);
bool json_container_key(std::string_view key);

// True when `head` (the first few KiB of a file, decompressed) is binary data
// rather than text of any encoding: more than ~1.5% NUL or other control
// bytes (text in any 8-bit or UTF-8 encoding has next to none; UTF-16 counts
// as binary). A stray NUL or control character in text is not enough: the
// readers repair those.
bool looks_binary(std::string_view head);

// A tar archive's first header ("ustar" at byte 257), or a zip archive's
// first local header ("PK\3\4").
bool looks_like_tar(std::string_view head);
bool looks_like_zip(std::string_view head);

// A byte stream over a file or stdin, decompressing gzip, bzip2, xz and zstd
// data as it reads (decompress.h); other data passes through. Not copyable.
class ByteSource {
 public:
  // Opens `path` ("-" = stdin). Throws gazette::Error naming the path on failure.
  explicit ByteSource(const std::string& path);
  // Over other bytes (a member of an archive), named `path` in messages
  // ("news.tar.gz:2016/a.txt") and `name` as a file ("2016/a.txt").
  ByteSource(std::unique_ptr<RawReader> raw, const std::string& path, const std::string& name);
  ~ByteSource();
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  // Reads up to n bytes into buf; returns the count, 0 at end of stream. On a
  // read or decompression error (a cut .gz/.bz2/.xz/.zst, I/O error) returns 0 and sets
  // error() to a message; the bytes before the error have been delivered.
  size_t read(char* buf, size_t n);

  // Returns up to n bytes from the start of the stream without consuming them
  // (later reads return them first). REQUIRES: nothing has been read yet.
  std::string_view peek(size_t n);

  // Reads everything that is left into *out (appending). Returns false on error.
  // Stops with error() set if more than `limit` bytes would be read.
  bool read_all(std::string* out, size_t limit);

  const std::string& error() const { return error_; }
  const std::string& path() const { return path_; }
  // The file's own name: its path, or an archive member's name.
  const std::string& name() const { return name_; }
  // The compression read through: "gzip", "bzip2", "xz", "zstd" or "".
  const char* codec() const { return decoder_->codec(); }

 private:
  std::string path_;
  std::string name_;
  std::unique_ptr<Decoder> decoder_;
  std::string error_;
  std::string pushback_;  // peeked bytes not yet returned by read()
  size_t pushback_pos_ = 0;
};

// Splits a ByteSource into lines (LF or CRLF; the last line may lack its LF).
// Each line is followed in memory by at least kPadding readable bytes, as
// simdjson requires. Lines longer than `max_line` are reported as too long and
// skipped (their bytes are consumed).
class LineReader {
 public:
  static constexpr size_t kPadding = 64;

  LineReader(ByteSource* source, size_t max_line);

  // Next line without its terminator; false at end of stream or on error.
  // *too_long is set when the returned line is empty because the real line
  // exceeded max_line. The view is valid until the next call.
  bool next(std::string_view* line, bool* too_long);

  long line_number() const { return line_no_; }

 private:
  bool fill();

  ByteSource* source_;
  size_t max_line_;
  std::string buf_;
  size_t begin_ = 0;  // first unread byte in buf_
  size_t end_ = 0;    // one past the last valid byte in buf_
  bool eof_ = false;
  long line_no_ = 0;
};

}  // namespace gazette

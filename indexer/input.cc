#include "indexer/input.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

#include "common/error.h"

namespace gazette {
namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

bool hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

}  // namespace

bool parse_format(std::string_view name, Format* out) {
  if (name == "auto") *out = Format::kAuto;
  else if (name == "jsonl" || name == "ndjson") *out = Format::kJsonl;
  else if (name == "json")
    *out = Format::kJson;
  else if (name == "text" || name == "txt") *out = Format::kText;
  else if (name == "reuters" || name == "sgml") *out = Format::kReuters;
  else if (name == "html" || name == "htm") *out = Format::kHtml;
  else if (name == "warc") *out = Format::kWarc;
  else if (name == "nitf") *out = Format::kNitf;
  else if (name == "newsml")
    *out = Format::kNewsml;
  else if (name == "feed" || name == "rss" || name == "atom") *out = Format::kFeed;
  else if (name == "csv" || name == "tsv")
    *out = Format::kCsv;
  else return false;
  return true;
}

std::string_view format_name(Format f) {
  switch (f) {
    case Format::kAuto: return "auto";
    case Format::kJsonl: return "jsonl";
    case Format::kJson:
      return "json";
    case Format::kText: return "text";
    case Format::kReuters: return "reuters";
    case Format::kHtml: return "html";
    case Format::kWarc: return "warc";
    case Format::kNitf: return "nitf";
    case Format::kNewsml:
      return "newsml";
    case Format::kFeed: return "feed";
    case Format::kCsv:
      return "csv";
    case Format::kXml: return "xml";
    case Format::kTar:
      return "tar";
    case Format::kZip:
      return "zip";
  }
  return "?";
}

Format format_from_name(std::string_view path) {
  std::string name = lower(path);
  for (std::string_view tar : {".tgz", ".tbz2", ".tbz", ".txz", ".tzst"})
    if (ends_with(name, tar)) return Format::kTar;
  if (ends_with(name, ".zip")) return Format::kZip;
  for (std::string_view codec : {".gz", ".bz2", ".xz", ".zst"}) {
    if (ends_with(name, codec)) {
      name.resize(name.size() - codec.size());
      break;
    }
  }
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return Format::kJsonl;
  if (ends_with(name, ".json")) return Format::kJson;
  if (ends_with(name, ".sgm") || ends_with(name, ".sgml")) return Format::kReuters;
  if (ends_with(name, ".txt")) return Format::kText;
  if (ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".xhtml"))
    return Format::kHtml;
  if (ends_with(name, ".warc")) return Format::kWarc;
  if (ends_with(name, ".nitf")) return Format::kNitf;
  if (ends_with(name, ".rss") || ends_with(name, ".atom")) return Format::kFeed;
  if (ends_with(name, ".xml")) return Format::kXml;
  if (ends_with(name, ".csv") || ends_with(name, ".tsv")) return Format::kCsv;
  if (ends_with(name, ".tar")) return Format::kTar;
  return Format::kAuto;
}

namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[i]) return false;
  }
  return true;
}

// The format of a markup stream from its first element. Skips the XML
// declaration, processing instructions, comments and whitespace; a doctype
// names the root. This is sniffing, not parsing: the readers parse.
Format format_from_markup(std::string_view s) {
  bool xml_declared = false;  // another root is "unknown XML" only after <?xml
  for (int steps = 0; steps < 64; ++steps) {
    size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
    s.remove_prefix(i);
    if (s.empty() || s[0] != '<') return Format::kText;
    if (s.substr(0, 4) == "<!--") {
      size_t end = s.find("-->");
      if (end == std::string_view::npos) return Format::kText;
      s.remove_prefix(end + 3);
      continue;
    }
    if (s.substr(0, 2) == "<?") {
      xml_declared = xml_declared || s.substr(0, 5) == "<?xml";
      size_t end = s.find("?>");
      if (end == std::string_view::npos) return Format::kText;
      s.remove_prefix(end + 2);
      continue;
    }
    if (starts_with_nocase(s, "<!doctype")) {
      std::string_view rest = s.substr(9);
      while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
      if (starts_with_nocase(rest, "html")) return Format::kHtml;
      if (starts_with_nocase(rest, "lewis")) return Format::kReuters;
      if (starts_with_nocase(rest, "nitf")) return Format::kNitf;
      size_t end = s.find('>');
      if (end == std::string_view::npos) return Format::kText;
      s.remove_prefix(end + 1);
      continue;
    }
    std::string_view tag = s.substr(1);
    size_t n = 0;
    while (n < tag.size() && tag[n] != ' ' && tag[n] != '>' && tag[n] != '/' && tag[n] != '\t' &&
           tag[n] != '\r' && tag[n] != '\n')
      ++n;
    std::string name = lower(tag.substr(0, n));
    if (name == "nitf") return Format::kNitf;
    if (name == "newsitem" || name == "newsmessage") return Format::kNewsml;
    if (name == "rss" || name == "feed" || name == "rdf:rdf") return Format::kFeed;
    if (name == "html" || name == "head" || name == "body") return Format::kHtml;
    if (name == "reuters") return Format::kReuters;
    return xml_declared && n > 0 ? Format::kXml : Format::kText;
  }
  return Format::kText;
}

}  // namespace

namespace {

std::string_view skip_bom_and_space(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  size_t i = 0;
  while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' ||
                             head[i] == '\n'))
    ++i;
  return head.substr(i);
}

// After a '[': a list of articles opens (an object) or is empty.
bool article_list_follows(std::string_view after_bracket) {
  const std::string_view next = skip_bom_and_space(after_bracket);
  return !next.empty() && (next[0] == '{' || next[0] == ']');
}

}  // namespace

bool json_list_key(std::string_view key) {
  for (const char* k : {"articles", "docs", "documents", "items", "results", "records", "entries",
                        "stories", "posts", "news", "data", "hits", "item", "entry"})
    if (key == k) return true;
  return false;
}

bool json_container_key(std::string_view key) {
  for (const char* k : {"response", "data", "hits", "result", "results", "rss", "channel", "feed"})
    if (key == k) return true;
  return false;
}

Format json_layout(std::string_view head) {
  head = skip_bom_and_space(head);
  if (head.empty() || head[0] != '{') return Format::kJson;
  int depth = 0;
  bool in_string = false;
  size_t string_start = 0;
  std::string_view last_string;  // the last string closed: a key before ':'
  for (size_t i = 0; i < head.size(); ++i) {
    const char c = head[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
        last_string = head.substr(string_start, i - string_start);
      } else if (c == '\n') {
        return Format::kJson;  // not valid JSON either way
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      string_start = i + 1;
    } else if (c == '[' && depth <= 3 && json_list_key(last_string)) {
      // A wrapper's list of articles ({"articles": [{...}, ...]}), even on one line.
      if (article_list_follows(head.substr(i + 1))) return Format::kJson;
      ++depth;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return Format::kJsonl;
    } else if (c == '\n') {
      return Format::kJson;
    } else if (c == ',') {
      last_string = {};
    }
  }
  return Format::kJsonl;
}

Format format_from_content(std::string_view head) {
  head = skip_bom_and_space(head);
  if (!head.empty() && head[0] == '{') return json_layout(head);
  // An array of articles; "[Updated] ..." is text.
  if (!head.empty() && head[0] == '[' && article_list_follows(head.substr(1))) return Format::kJson;
  if (head.substr(0, 15) == "<!DOCTYPE lewis" || head.substr(0, 8) == "<REUTERS")
    return Format::kReuters;
  if (head.substr(0, 7) == "WARC/1." || head.substr(0, 7) == "WARC/0.") return Format::kWarc;
  if (!head.empty() && head[0] == '<') return format_from_markup(head);
  return Format::kText;
}

bool looks_like_tar(std::string_view head) {
  return head.size() >= 512 && head.substr(257, 5) == "ustar";
}

bool looks_like_zip(std::string_view head) { return head.substr(0, 4) == "PK\x03\x04"; }

bool looks_binary(std::string_view head) {
  size_t control = 0;
  for (char ch : head) {
    auto c = static_cast<unsigned char>(ch);
    control += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
  }
  // Bytes >= 0x80 say nothing: text in legacy encodings (windows-1251, Latin-1)
  // is full of them. Control bytes are what text does not have.
  return control >= 2 && control * 64 > head.size();
}

namespace {

// Adds the files under `dir` to *found, depth first. Hidden entries are
// skipped; symbolic links to files are followed, links to directories are not
// (so a link loop cannot recurse). What cannot be read (a directory without
// permission, a dangling link, a link loop) is reported and the walk goes on.
void walk_directory(const fs::path& dir, Format forced, std::vector<InputFile>* found,
                    std::vector<Problem>* problems, long* ignored) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    problems->push_back(make_problem("unreadable-file", "",
                                     "cannot read directory: " + ec.message(),
                                     Origin{dir.string(), 0, {}}));
    return;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) {
      problems->push_back(make_problem("unreadable-file", "",
                                       "cannot read directory: " + ec.message(),
                                       Origin{dir.string(), 0, {}}));
      return;
    }
    const fs::directory_entry& entry = *it;
    if (hidden(entry.path())) continue;
    const std::string p = entry.path().string();
    std::error_code link_ec;
    const bool is_link = entry.is_symlink(link_ec);
    if (is_link) {
      std::error_code target_ec;
      fs::file_status target = fs::status(entry.path(), target_ec);
      if (target_ec || !fs::exists(target)) {
        std::string why = target_ec.value() == ELOOP
                              ? "symbolic link loop"
                              : "broken symbolic link" +
                                    (target_ec ? " (" + target_ec.message() + ")" : std::string());
        problems->push_back(make_problem("unreadable-file", "", why + "; skipped", Origin{p, 0, {}}));
        continue;
      }
      if (fs::is_directory(target)) continue;  // not followed: see above
    } else if (entry.is_directory(ec)) {
      walk_directory(entry.path(), forced, found, problems, ignored);
      continue;
    }
    if (!entry.is_regular_file(ec)) continue;  // devices, sockets, fifos
    Format f = forced != Format::kAuto ? forced : format_from_name(p);
    if (f == Format::kAuto) {
      ++*ignored;
      continue;
    }
    found->push_back({p, f});
  }
}

}  // namespace

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, Format forced,
                                      std::vector<Problem>* problems, long* ignored) {
  std::vector<InputFile> out;
  for (const std::string& path : paths) {
    if (path == "-") {
      out.push_back({path, forced});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      throw UsageError("input '" + path + "': no such file or directory");
    }
    if (!fs::is_directory(st)) {
      out.push_back({path, forced != Format::kAuto ? forced : format_from_name(path)});
      continue;
    }
    std::vector<InputFile> found;
    walk_directory(path, forced, &found, problems, ignored);
    std::sort(found.begin(), found.end(),
              [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

ByteSource::ByteSource(const std::string& path) : path_(path), name_(path) {
  int fd = path == "-" ? dup(STDIN_FILENO) : open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw Error("cannot open '" + path + "': " + std::strerror(errno));
  }
  decoder_ = Decoder::open(fd_reader(fd));
}

ByteSource::ByteSource(std::unique_ptr<RawReader> raw, const std::string& path,
                       const std::string& name)
    : path_(path), name_(name), decoder_(Decoder::open(std::move(raw))) {}

ByteSource::~ByteSource() = default;

std::string_view ByteSource::peek(size_t n) {
  while (pushback_.size() < n && error_.empty()) {
    size_t have = pushback_.size();
    pushback_.resize(n);
    size_t got = decoder_->read(pushback_.data() + have, n - have);
    pushback_.resize(have + got);
    if (got == 0) break;
  }
  return pushback_;
}

size_t ByteSource::read(char* buf, size_t n) {
  if (pushback_pos_ < pushback_.size() && n > 0) {
    size_t k = std::min(n, pushback_.size() - pushback_pos_);
    std::memcpy(buf, pushback_.data() + pushback_pos_, k);
    pushback_pos_ += k;
    return k;
  }
  if (!error_.empty() || n == 0) return 0;
  const size_t got = decoder_->read(buf, n);
  if (got == 0 && !decoder_->error().empty()) error_ = decoder_->error();
  return got;
}

bool ByteSource::read_all(std::string* out, size_t limit) {
  size_t start = out->size();
  for (;;) {
    size_t have = out->size();
    out->resize(have + (1 << 17));
    size_t got = read(out->data() + have, 1 << 17);
    out->resize(have + got);
    if (got == 0) break;
    if (out->size() - start > limit) {
      error_ = "larger than " + std::to_string(limit >> 20) + " MiB";
      return false;
    }
  }
  return error_.empty();
}

LineReader::LineReader(ByteSource* source, size_t max_line)
    : source_(source), max_line_(max_line) {
  buf_.resize((1 << 17) + kPadding);  // grows for long lines; small for small files
}

bool LineReader::fill() {
  if (eof_) return false;
  // Move the partial line to the front, grow if the buffer is full.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - kPadding - end_ < (1 << 16)) buf_.resize(buf_.size() * 2);
  size_t got = source_->read(buf_.data() + end_, buf_.size() - kPadding - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool LineReader::next(std::string_view* line, bool* too_long) {
  *too_long = false;
  size_t scanned = 0;  // bytes after begin_ known to hold no '\n' (fill() moves begin_)
  for (;;) {
    const char* start = buf_.data() + begin_ + scanned;
    const void* nl = std::memchr(start, '\n', end_ - begin_ - scanned);
    if (nl != nullptr) {
      size_t pos = static_cast<size_t>(static_cast<const char*>(nl) - buf_.data());
      size_t len = pos - begin_;
      ++line_no_;
      if (len > 0 && buf_[begin_ + len - 1] == '\r') --len;
      if (len > max_line_) *too_long = true;
      *line = *too_long ? std::string_view() : std::string_view(buf_.data() + begin_, len);
      begin_ = pos + 1;
      return true;
    }
    scanned = end_ - begin_;
    if (scanned > max_line_) {
      // Drop the bytes of an over-long line but keep reading until its end.
      *too_long = true;
      begin_ = end_ = 0;
      scanned = 0;
    }
    if (!fill()) {
      if (end_ > begin_ || *too_long) {
        ++line_no_;
        size_t len = end_ - begin_;
        if (len > 0 && buf_[begin_ + len - 1] == '\r') --len;
        if (len > max_line_) *too_long = true;
        *line = *too_long ? std::string_view() : std::string_view(buf_.data() + begin_, len);
        begin_ = end_;
        return true;
      }
      return false;
    }
  }
}

}  // namespace gazette

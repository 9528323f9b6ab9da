// read_input(): opens one input, resolves its format (by name, else by
// content) and hands it to the matching reader.

#include <memory>

#include "common/error.h"
#include "common/normalise.h"
#include "indexer/article_reader.h"
#include "indexer/web_dates.h"

namespace gazette {
namespace {

constexpr int kMaxArchiveDepth = 4;  // a tar in a tar in a tar in a tar

}  // namespace

void deliver_record(Article&& a, ArticleSink* sink, std::string_view empty,
                    std::string_view no_text) {
  if (a.title.empty() && a.body.empty()) {
    if (a.id.empty()) {
      sink->reject(make_problem("empty-article", "", std::string(empty), a.origin));
      return;
    }
    a.warnings.push_back(make_problem("no-text", "", std::string(no_text), a.origin));
  }
  sink->accept(std::move(a));
}

void report_read_error(const ByteSource& source, ArticleSink* sink) {
  if (source.error().empty()) return;
  sink->reject(make_problem("truncated-input", "", "read error: " + source.error(),
                            Origin{source.path(), 0, {}}));
}

Problem invalid_utf8_problem(size_t bad, const Origin& origin) {
  return make_problem("invalid-utf8", "",
                      std::to_string(bad) + " invalid UTF-8 byte(s) read as CP1252", origin);
}

Problem bad_date_problem(std::string_view field, std::string_view value, std::string_view why,
                         const Origin& origin) {
  return make_problem("bad-date", field,
                      "invalid date '" + std::string(value) + "' (" + std::string(why) +
                          "); indexed without a date",
                      origin);
}

void take_first_date(const std::vector<std::pair<std::string, std::string>>& dates, Article* a) {
  std::string bad_field, bad_value, why;
  for (const auto& [field, value] : dates) {
    const std::string v = clean_value(value);
    if (v.empty()) continue;
    const std::string err = parse_web_date(v, &a->date);
    if (err.empty()) return;
    if (bad_field.empty()) bad_field = field, bad_value = v, why = err;
  }
  if (!bad_field.empty())
    a->warnings.push_back(bad_date_problem(bad_field, bad_value, why, a->origin));
}

void read_input(const InputFile& input, const ReaderOptions& options, ArticleSink* sink) {
  std::unique_ptr<ByteSource> source;
  try {
    source = std::make_unique<ByteSource>(input.path);
  } catch (const Error& e) {
    sink->reject(make_problem("unreadable-file", "", e.what(), Origin{input.path, 0, {}}));
    return;
  }
  read_source(source.get(), input.format, options, sink);
}

void read_source(ByteSource* source, Format format, const ReaderOptions& options, ArticleSink* sink,
                 int depth) {
  const Origin file{source->path(), 0, {}};
  const std::string_view head = source->peek(4096);
  // Archives, by their content whatever the name; a format given for the
  // file is the members' format.
  const Format members = format == Format::kTar || format == Format::kZip ? Format::kAuto : format;
  if (looks_like_tar(head) || (format == Format::kTar && head.empty())) {
    if (depth >= kMaxArchiveDepth) {
      sink->reject(make_problem("unreadable-file", "", "archive nested too deep; skipped", file));
      return;
    }
    read_tar(source, members, options, sink, depth + 1);
    return;
  }
  if (looks_like_zip(head) && *source->codec() == '\0') {
    if (depth > 0 || source->path() == "-") {
      // A zip is read by random access, from a file of its own.
      sink->reject(make_problem(
          "unreadable-file", "",
          depth > 0 ? "a zip archive inside an archive is not read; unpack it first"
                    : "a zip archive cannot be read from standard input; give its file name",
          file));
      return;
    }
    read_zip(source->path(), members, options, sink, depth + 1);
    return;
  }
  if (format == Format::kTar || format == Format::kZip) {
    sink->reject(make_problem("unreadable-file", "",
                              "not a " + std::string(format_name(format)) + " archive; skipped",
                              file));
    return;
  }
  if (format == Format::kAuto) format = format_from_content(head);
  // A ".json" file (or --format json) may hold JSON Lines, as many datasets do.
  if (format == Format::kJson) format = json_layout(head);
  // WARC records may carry binary payloads (images); every other format is text.
  if (format != Format::kWarc && looks_binary(head)) {
    sink->reject(make_problem(
        "binary-file", "",
        "binary content, not a " + std::string(format_name(format)) + " file; skipped", file));
    return;
  }
  if (format == Format::kXml) {
    // A ".xml" file: NITF or a feed, by its root element.
    format = format_from_content(head);
    if (format != Format::kNitf && format != Format::kFeed && format != Format::kNewsml) {
      sink->reject(make_problem("unknown-xml", "",
                                "XML that is neither NITF, NewsML nor an RSS/Atom feed; skipped",
                                file));
      return;
    }
  }
  switch (format) {
    case Format::kJsonl:
      read_jsonl(source, options, sink);
      return;
    case Format::kJson:
      read_json(source, options, sink);
      return;
    case Format::kCsv:
      read_csv(source, options, sink);
      return;
    case Format::kWarc:
      read_warc(source, options, sink);
      return;
    case Format::kNitf:
      read_nitf(source, options, sink);
      return;
    case Format::kFeed:
      read_feed(source, options, sink);
      return;
    case Format::kNewsml:
      read_newsml(source, options, sink);
      return;
    default: break;
  }
  std::string content;
  if (!source->read_all(&content, options.max_file_bytes)) {
    bool partial = !content.empty() && format == Format::kReuters;
    sink->reject(make_problem(partial ? "truncated-input" : "unreadable-file", "",
                              "cannot read '" + source->path() + "': " + source->error() +
                                  (partial ? " (indexing the articles before the error)" : ""),
                              file));
    if (!partial) return;
  }
  if (format == Format::kText) {
    read_text(content, source->path(), sink, source->name());
  } else if (format == Format::kHtml) {
    read_html(content, source->path(), sink);
  } else {
    read_reuters(content, source->path(), sink);
  }
}

}  // namespace gazette

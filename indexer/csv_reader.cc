// CSV / TSV reader: one article per row; the first row names the columns, and
// InputFields says which column each field comes from (the same names and
// --field mappings as JSON Lines keys, matched without regard to case, since
// spreadsheet exports write "Title" and "Date"). RFC 4180 quoting: a quoted
// cell may hold the delimiter, newlines and doubled quotes; a quote inside an
// unquoted cell is kept as it is. The delimiter is the most frequent of comma,
// tab and semicolon in the header row. Rows stream through a bounded buffer,
// so memory does not grow with the file.

#include <algorithm>
#include <string>
#include <vector>

#include "common/normalise.h"
#include "indexer/article_reader.h"
#include "indexer/web_dates.h"

namespace gazette {
namespace {

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  return true;
}

// Splits RFC 4180 records out of a byte stream.
class CsvRecords {
 public:
  enum class Status { kOk, kTooLarge, kUnterminated };

  CsvRecords(ByteSource* source, size_t max_bytes) : source_(source), max_bytes_(max_bytes) {}

  void set_delimiter(char d) { delimiter_ = d; }

  // The next record into *cells; false at the end of the stream. *line is the
  // line it starts on. A record longer than max_bytes is read to its end but
  // not kept (kTooLarge); a quote still open at the end of the stream makes
  // the rest of the stream one cell (kUnterminated).
  bool next(std::vector<std::string>* cells, long* line, Status* status) {
    cells->clear();
    *status = Status::kOk;
    int c = get();
    if (c < 0) return false;
    *line = line_;
    std::string cell;
    size_t bytes = 0;
    bool quoted = false;  // inside a quoted cell
    bool keep = true;
    for (;; c = get()) {
      if (keep && ++bytes > max_bytes_) {
        keep = false;
        *status = Status::kTooLarge;
        cells->clear();
        cell.clear();
      }
      if (quoted) {
        if (c < 0) {
          if (keep) *status = Status::kUnterminated;
          break;
        }
        if (c == '"') {
          if (peek() == '"') {
            get();
            if (keep) cell += '"';
          } else {
            quoted = false;
          }
          continue;
        }
        if (c == '\n') ++line_;
        if (keep) cell += static_cast<char>(c);
        continue;
      }
      if (c < 0 || c == '\n' || c == '\r') {
        if (c == '\n') ++line_;
        if (c == '\r') {
          ++line_;
          if (peek() == '\n') get();
        }
        break;
      }
      if (c == delimiter_) {
        if (keep) cells->push_back(std::move(cell));
        cell.clear();
      } else if (c == '"' && cell.empty()) {
        quoted = true;
      } else if (keep) {
        cell += static_cast<char>(c);
      }
    }
    if (keep) cells->push_back(std::move(cell));
    return true;
  }

  long line() const { return line_; }

 private:
  int get() {
    if (pos_ == end_ && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_++]);
  }
  int peek() {
    if (pos_ == end_ && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
  }
  bool fill() {
    end_ = source_->read(buf_, sizeof buf_);
    pos_ = 0;
    return end_ > 0;
  }

  ByteSource* source_;
  size_t max_bytes_;
  char delimiter_ = ',';
  char buf_[1 << 16];
  size_t pos_ = 0, end_ = 0;
  long line_ = 1;
};

// The header's delimiter: the most frequent of , \t ; outside quotes in its
// first line (a comma when there is none).
char sniff_delimiter(std::string_view head) {
  size_t counts[3] = {0, 0, 0};
  const char kDelimiters[3] = {',', '\t', ';'};
  bool quoted = false;
  for (char c : head) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (int i = 0; i < 3; ++i)
      if (c == kDelimiters[i]) ++counts[i];
  }
  int best = 0;
  for (int i = 1; i < 3; ++i)
    if (counts[i] > counts[best]) best = i;
  return kDelimiters[best];
}

// A list cell: a JSON or Python list literal (["a", "b"], ['a', 'b']), else
// values separated by ";" or "|" (not commas: "Washington, D.C."), else one
// value.
std::vector<std::string> split_list(std::string_view cell) {
  std::vector<std::string> out;
  cell = trim_text(cell);
  auto add = [&](std::string_view v) {
    std::string value = clean_value(v);
    if (!value.empty()) out.push_back(std::move(value));
  };
  if (cell.size() >= 2 && cell.front() == '[' && cell.back() == ']') {
    std::string_view inner = cell.substr(1, cell.size() - 2);
    std::string item;
    char quote = 0;
    bool was_quoted = false;
    for (size_t i = 0; i < inner.size(); ++i) {
      const char c = inner[i];
      if (quote != 0) {
        if (c == '\\' && i + 1 < inner.size()) {
          item += inner[++i];
        } else if (c == quote) {
          quote = 0;
        } else {
          item += c;
        }
      } else if ((c == '"' || c == '\'') && trim_text(item).empty()) {
        quote = c;
        was_quoted = true;
        item.clear();
      } else if (c == ',') {
        add(was_quoted ? std::string_view(item) : trim_text(item));
        item.clear();
        was_quoted = false;
      } else if (!was_quoted) {
        item += c;
      }
    }
    add(was_quoted ? std::string_view(item) : trim_text(item));
    return out;
  }
  const char separator = cell.find(';') != std::string_view::npos   ? ';'
                         : cell.find('|') != std::string_view::npos ? '|'
                                                                    : '\0';
  if (separator == '\0') {
    add(cell);
    return out;
  }
  size_t start = 0;
  for (size_t i = 0; i <= cell.size(); ++i) {
    if (i == cell.size() || cell[i] == separator) {
      add(cell.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

class RowReader {
 public:
  RowReader(const InputFields& fields, const std::vector<std::string>& header) {
    for (int f = 0; f < InputFields::kCount; ++f) {
      for (const std::string& key : fields.keys(static_cast<InputFields::Field>(f))) {
        for (size_t col = 0; col < header.size(); ++col)
          if (same_name(header[col], key)) columns_[f].push_back(col);
      }
    }
  }

  bool reads_any_field() const {
    return std::any_of(std::begin(columns_), std::end(columns_),
                       [](const std::vector<size_t>& c) { return !c.empty(); });
  }

  // Fills *a from a row; the header names the columns.
  void read(const std::vector<std::string>& row, const std::vector<std::string>& header,
            Article* a) {
    size_t bad = 0;
    for (int f = 0; f < InputFields::kCount; ++f) {
      for (size_t col : columns_[f]) {
        if (col >= row.size() || trim_text(row[col]).empty()) continue;
        bad += clean_text(row[col], &text_);
        set(static_cast<InputFields::Field>(f), text_, header[col], a);
        break;
      }
    }
    if (bad > 0) a->warnings.insert(a->warnings.begin(), invalid_utf8_problem(bad, a->origin));
  }

 private:
  static void set(InputFields::Field f, const std::string& value, const std::string& column,
                  Article* a) {
    switch (f) {
      case InputFields::kId:
        a->id = clean_value(value);
        break;
      case InputFields::kTitle:
        a->title = clean_value(value);
        break;
      case InputFields::kBody:
        a->body = std::string(trim_text(value));
        break;
      case InputFields::kDate: {
        const std::string date = clean_value(value);
        const std::string why = parse_date_value(date, &a->date);
        if (!why.empty()) a->warnings.push_back(bad_date_problem(column, date, why, a->origin));
        break;
      }
      case InputFields::kSource:
        a->source = clean_value(value);
        break;
      case InputFields::kUrl:
        a->url = clean_value(value);
        break;
      case InputFields::kDateline:
        a->dateline = clean_value(value);
        break;
      case InputFields::kPersons:
      case InputFields::kPlaces:
      case InputFields::kGroups:
      case InputFields::kTopics:
        *InputFields::list(f, a) = split_list(value);
        if (f != InputFields::kTopics) a->has_entity_metadata = true;
        break;
      case InputFields::kCount:
        break;
    }
  }

  std::vector<size_t> columns_[InputFields::kCount];  // by field, in the order tried
  std::string text_;
};

}  // namespace

void read_csv(ByteSource* source, const ReaderOptions& options, ArticleSink* sink) {
  CsvRecords records(source, options.max_article_bytes);
  records.set_delimiter(sniff_delimiter(source->peek(1 << 16)));
  std::vector<std::string> header, row;
  long line = 0;
  CsvRecords::Status status;
  // The header: the first row that is not blank.
  while (records.next(&header, &line, &status)) {
    if (status != CsvRecords::Status::kOk) break;
    if (!(header.size() == 1 && trim_text(header[0]).empty())) break;
  }
  const Origin file{source->path(), line, {}};
  if (status != CsvRecords::Status::kOk) {
    sink->reject(make_problem("broken-csv", "", "unreadable header row; file skipped", file));
    return;
  }
  if (header.empty()) return;  // an empty file
  for (std::string& name : header) {
    if (name.compare(0, 3, "\xEF\xBB\xBF") == 0) name.erase(0, 3);
    name = std::string(trim_text(name));
  }
  RowReader reader(options.fields, header);
  if (!reader.reads_any_field()) {
    sink->reject(make_problem("broken-csv", "",
                              "no column of the header names an article field (title, body, "
                              "text, date, ...; --field NAME=COLUMN maps others); file skipped",
                              file));
    return;
  }
  while (!sink->stopped() && records.next(&row, &line, &status)) {
    const Origin origin{source->path(), line, {}};
    if (status == CsvRecords::Status::kTooLarge) {
      sink->reject(make_problem(
          "too-large", "",
          "row longer than " + std::to_string(options.max_article_bytes >> 20) + " MiB; skipped",
          origin));
      continue;
    }
    if (status == CsvRecords::Status::kUnterminated) {
      sink->reject(make_problem("broken-csv", "",
                                "a quoted cell is never closed; the rest of the file (to line " +
                                    std::to_string(records.line()) + ") is skipped",
                                origin));
      break;
    }
    if (row.size() == 1 && trim_text(row[0]).empty()) continue;  // a blank line
    Article a;
    a.origin = origin;
    reader.read(row, header, &a);
    if (row.size() != header.size()) {
      a.warnings.push_back(make_problem("ragged-row", "",
                                        std::to_string(row.size()) +
                                            " cells where the header has " +
                                            std::to_string(header.size()) +
                                            (row.size() > header.size() ? " (extra ignored)" : ""),
                                        origin));
    }
    deliver_record(std::move(a), sink);
  }
  if (!source->error().empty()) {
    sink->reject(make_problem(
        "truncated-input", "",
        "read error after line " + std::to_string(records.line()) + ": " + source->error(),
        Origin{source->path(), records.line(), {}}));
  }
}

}  // namespace gazette

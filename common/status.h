#pragma once
// Per-article outcomes. A Problem names what was wrong with one article (or one
// input file) precisely enough for a user to find and fix it; the pipeline
// skips (or warnings) that article, counts the reason and keeps going.

#include <string>
#include <string_view>

namespace gazette {

// Where an article came from: "corpus/a.jsonl:17", "reut2-003.sgm:NEWID=3456".
struct Origin {
  std::string file;   // path as given on the command line ("-" for stdin)
  long line = 0;      // 1-based line (JSONL) or starting line (SGML); 0 when unknown
  std::string where;  // extra locator, e.g. "NEWID=3456"; may be empty

  // "file:line" or "file:line (where)"; "file" alone when line is 0.
  std::string str() const;
};

// What went wrong with one article or file.
struct Problem {
  std::string reason;   // short stable tag used for counting: "invalid-json", "bad-date", ...
  std::string field;    // JSON field / SGML tag concerned; empty when not field-specific
  std::string message;  // human-readable detail
  Origin origin;

  // "FILE:LINE: field 'date': invalid date '2016-13-45' (bad-date)"
  std::string str() const;
};

// Builds a Problem in one expression.
Problem make_problem(std::string_view reason, std::string_view field, std::string message,
                     const Origin& origin);

}  // namespace gazette

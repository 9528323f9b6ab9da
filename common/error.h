#pragma once
// Errors that end a run. Per-article data problems are not errors: they are
// reported as gazette::Problem (common/status.h) and the run goes on.
//
// Exit-code policy (documented in README.md, "Exit codes"):
//   0  success (articles may have been skipped; the summary says which)
//   1  runtime failure: gazette::Error, Xapian::Error, I/O failure, interrupted run
//   2  usage error: gazette::UsageError (bad option, malformed query)

#include <stdexcept>
#include <string>

namespace gazette {

// A fatal environment or data error: cannot open or lock the index, schema
// mismatch, unreadable input named on the command line. Caught once, in main().
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user asked for something malformed (an option, a filter, a query).
// main() maps it to exit code 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

}  // namespace gazette

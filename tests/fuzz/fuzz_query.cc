// libFuzzer target: query parsing and searching. The input is split at the
// first newline: a query, then "FIELD=VALUE" filters one per line. Malformed
// input may be refused (UsageError); anything else thrown is a bug.
#include <cstdint>
#include <memory>
#include <string>

#include "common/error.h"
#include "searcher/result_json.h"
#include "searcher/search.h"
#include "tests/support/test_db.h"

namespace {

gazette::Searcher& searcher() {
  static Xapian::WritableDatabase db = [] {
    using gazette::test::make_article;
    return gazette::test::make_index({
        make_article("1", "Oil prices rise", "Crude oil rose in Vienna as OPEC met.",
                     "2016-11-30", {"Khalid al-Falih"}, {"Vienna"}, {"OPEC"}, {"energy"}, "Wire"),
        make_article("2", "Kerry meets Lavrov", "Talks on Syria in Genève.", "2016-02-12",
                     {"John Kerry", "Sergey Lavrov"}, {"Geneva", "Syria"}, {}, {"diplomacy"}),
        make_article("3", "Undated", "No date, markets and marketing.", ""),
    });
  }();
  static gazette::Searcher s(db, "fuzz");
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  gazette::SearchRequest r;
  size_t nl = input.find('\n');
  r.query = input.substr(0, nl);
  r.facets = {"person", "place", "date"};
  r.snippet_bytes = 60;
  r.multi_select = size % 2 == 1;
  while (nl != std::string::npos) {
    size_t next = input.find('\n', nl + 1);
    std::string line = input.substr(nl + 1, next == std::string::npos ? std::string::npos
                                                                       : next - nl - 1);
    size_t eq = line.find('=');
    if (eq != std::string::npos) r.filters.push_back({line.substr(0, eq), line.substr(eq + 1)});
    nl = next;
  }
  try {
    gazette::SearchResult result = searcher().search(r);
    std::string json;
    gazette::write_result_json(r, result, false, 0, &json);
  } catch (const gazette::UsageError&) {
    // A clear refusal is the right answer to a malformed query.
  }
  return 0;
}

// gazette-xapian-floor: the floor of what Xapian can do for an indexing run, as
// a baseline for bench/index_bench.py. One thread, one WritableDatabase, and the
// plainest loop that adds the same kinds of terms gazette adds: positional
// stemmed text of title (weighted, and again under "S") and body, a unique id
// term, one boolean term per facet value, the date as a value, the body as
// document data. No Unicode normalisation, no record slot, no facet store, no
// entity canonicalisation. Articles are read with gazette's own readers first
// (the read time is printed separately).
//
//   gazette-xapian-floor DB INPUT...
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "common/date.h"
#include "indexer/article_reader.h"
#include "indexer/input.h"

namespace {

using Clock = std::chrono::steady_clock;

class Collect : public gazette::ArticleSink {
 public:
  void accept(gazette::Article&& a) override { articles.push_back(std::move(a)); }
  void reject(gazette::Problem) override { ++rejected; }
  bool stopped() const override { return false; }
  std::vector<gazette::Article> articles;
  long rejected = 0;
};

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 3) {
    std::fprintf(stderr, "usage: gazette-xapian-floor DB INPUT...\n");
    return 2;
  }
  const auto t0 = Clock::now();
  Collect sink;
  std::vector<std::string> paths(argv + 2, argv + argc);
  std::vector<gazette::Problem> problems;
  long ignored = 0;
  for (const gazette::InputFile& in :
       gazette::collect_inputs(paths, gazette::Format::kAuto, &problems, &ignored))
    gazette::read_input(in, gazette::ReaderOptions{}, &sink);
  const double read_s = since(t0);

  const auto t1 = Clock::now();
  Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  long n = 0;
  for (const gazette::Article& a : sink.articles) {
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(a.title, 2);
    tg.index_text(a.title, 1, "S");
    tg.increase_termpos(100);
    tg.index_text(a.body);
    const std::string id = "Q" + (a.id.empty() ? std::to_string(n) : a.id);
    doc.add_boolean_term(id);
    for (const std::string& v : a.persons) doc.add_boolean_term("XP" + lower_ascii(v));
    for (const std::string& v : a.places) doc.add_boolean_term("XL" + lower_ascii(v));
    for (const std::string& v : a.groups) doc.add_boolean_term("XG" + lower_ascii(v));
    for (const std::string& v : a.topics) doc.add_boolean_term("XT" + lower_ascii(v));
    if (a.date.valid()) doc.add_value(0, gazette::sort_key(a.date));
    doc.set_data(a.body);
    db.replace_document(id, doc);
    ++n;
  }
  db.commit();
  std::fprintf(stderr, "gazette-xapian-floor: %ld articles (%ld rejected), read %.2f s, index %.2f s\n",
               n, sink.rejected, read_s, since(t1));
  return 0;
} catch (const Xapian::Error& e) {
  std::fprintf(stderr, "gazette-xapian-floor: %s\n", e.get_description().c_str());
  return 1;
}

#include "common/ner/conll.h"

#include <cstdio>
#include <fstream>

#include "common/error.h"

namespace gazette::ner {
namespace {

void finish_sentence(TrainingDoc* doc, uint32_t* begin) {
  uint32_t n = static_cast<uint32_t>(doc->text.tokens.size());
  if (n > *begin) {
    Sentence s;
    s.begin = *begin;
    s.end = n;
    doc->text.sentences.push_back(s);
  }
  *begin = n;
}

}  // namespace

std::vector<TrainingDoc> read_conll(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read '" + path + "'");
  std::vector<TrainingDoc> docs(1);
  uint32_t sent_begin = 0;
  std::string line;
  long lineno = 0;
  auto new_doc = [&]() {
    finish_sentence(&docs.back(), &sent_begin);
    if (!docs.back().text.tokens.empty()) {
      docs.emplace_back();
      sent_begin = 0;
    }
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("-DOCSTART-", 0) == 0) {
      new_doc();
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) {
      finish_sentence(&docs.back(), &sent_begin);
      continue;
    }
    size_t sp = line.find_first_of(" \t");
    size_t last = line.find_last_of(" \t");
    if (sp == std::string::npos)
      throw Error(path + ":" + std::to_string(lineno) + ": no tag column");
    std::string word = line.substr(0, sp);
    std::string tag_text = line.substr(last + 1);
    Tag t;
    if (!parse_tag(tag_text, &t))
      throw Error(path + ":" + std::to_string(lineno) + ": unknown tag '" + tag_text + "'");
    TrainingDoc& doc = docs.back();
    // IOB1 -> BIO: an I-X that does not continue an X span begins one.
    Tag prev = doc.text.tokens.size() > sent_begin ? doc.gold.back() : kOutside;
    if (is_inside(t) && !allowed_transition(prev, t)) t = begin_tag(type_of(t));
    Token tok;
    tok.set_text(word);
    doc.text.tokens.push_back(std::move(tok));
    doc.gold.push_back(t);
  }
  finish_sentence(&docs.back(), &sent_begin);
  if (docs.back().text.tokens.empty()) docs.pop_back();
  return docs;
}

SpanCounts Score::plo() const {
  SpanCounts c;
  for (int t = 0; t < 3; ++t) c += by_type[t];
  return c;
}

SpanCounts Score::all() const {
  SpanCounts c = plo();
  c += by_type[3];
  return c;
}

void Score::add(const Tag* gold, const Tag* predicted, uint32_t n) {
  std::vector<Span> g, p;
  spans_of(gold, n, 0, &g);
  spans_of(predicted, n, 0, &p);
  tokens += n;
  for (const Span& s : g) by_type[static_cast<int>(s.type)].gold++;
  for (const Span& s : p) by_type[static_cast<int>(s.type)].predicted++;
  size_t j = 0;
  for (const Span& s : g) {
    while (j < p.size() && p[j].begin < s.begin) ++j;
    if (j < p.size() && p[j] == s) by_type[static_cast<int>(s.type)].tp++;
  }
}

std::string Score::table() const {
  std::string out = "type            P       R      F1      tp    pred    gold\n";
  char buf[160];
  auto row = [&](const char* name, const SpanCounts& c) {
    std::snprintf(buf, sizeof buf, "%-12s %6.2f  %6.2f  %6.2f  %6ld  %6ld  %6ld\n", name,
                  c.precision(), c.recall(), c.f1(), c.tp, c.predicted, c.gold);
    out += buf;
  };
  for (int t = 0; t < kNumTypes; ++t)
    row(std::string(type_name(static_cast<EntityType>(t))).c_str(), by_type[t]);
  row("PER+LOC+ORG", plo());
  row("ALL", all());
  return out;
}

}  // namespace gazette::ner

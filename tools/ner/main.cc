// gazette-ner: train, evaluate and run gazette's entity extractor.
//
//   gazette-ner train --out MODEL [--epochs N] [--seed S] [--runs R] [--no-gazetteer]
//   [--no-clusters] CONLL... gazette-ner eval  [--model MODEL | --rules] [--no-postpass]
//   [--no-truecase] CONLL... gazette-ner tag   [--model MODEL | --rules] [--mentions] FILE...
//   gazette-ner info  [--model MODEL]
//   gazette-ner clusters --out TABLE WORD_CLUSTERS.tsv
//   gazette-ner speed [--model MODEL | --rules] [--repeat N] DOCS
// Exit codes as for gazette-index: 0 ok, 1 runtime failure, 2 usage error.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/json_writer.h"
#include "common/ner/conll.h"
#include "common/ner/extractor.h"
#include "common/ner/facets.h"
#include "common/ner/resources.h"
#include "common/ner/rules.h"
#include "common/ner/truecase.h"

namespace {

using gazette::UsageError;
namespace ner = gazette::ner;
using Clock = std::chrono::steady_clock;

constexpr const char* kUsage =
    "Usage: gazette-ner COMMAND [options] FILE...\n"
    "Train, evaluate and run gazette's entity extractor (persons, places, groups).\n\n"
    "Commands\n"
    "  train --out MODEL [--epochs N] [--seed S] [--runs R] [--no-gazetteer] [--no-clusters] "
    "CONLL...\n"
    "        train an averaged-perceptron model on CoNLL-2003-format files; with\n"
    "        --runs R, R models (seeds S..S+R-1) are averaged into one (defaults:\n"
    "        10 epochs, seed 1, 1 run, built-in gazetteer and word-cluster features)\n"
    "  eval [--model MODEL | --rules] [--no-postpass] [--no-truecase] CONLL...\n"
    "        score on CoNLL-format files: exact spans, P/R/F1 per type and micro\n"
    "        over PER+LOC+ORG (conlleval-style)\n"
    "  tag [--model MODEL | --rules] [--mentions] [--tokens] FILE...\n"
    "        extract entities from plain-text files ('-' = stdin); one JSON object\n"
    "        per file: persons, places, groups, date (and mentions with byte offsets);\n"
    "        --tokens prints each token with its final tag instead\n"
    "  info [--model MODEL]\n"
    "        describe a model (default: the built-in one) and the built-in gazetteer\n"
    "  clusters --out TABLE WORD_CLUSTERS.tsv\n"
    "        build a word-cluster table (word TAB coarse TAB fine) in the hashed\n"
    "        binary form that is embedded at build time (common/ner/model/clusters.bin)\n"
    "  speed [--model MODEL | --rules] [--repeat N] DOCS\n"
    "        extraction throughput on one thread: DOCS holds plain-text articles\n"
    "        separated by form-feed lines (first line of each: the title); reports\n"
    "        tokens/s for tokenizing alone and for the whole extraction\n\n"
    "Without --model the built-in model is used; --rules needs no model.\n";

struct Args {
  std::string command;
  std::vector<std::string> files;
  std::string model;
  std::string out;
  int epochs = 10;
  int runs = 1;
  int repeat = 3;
  unsigned long seed = 1;
  bool rules = false;
  bool no_gazetteer = false;
  bool no_clusters = false;
  bool no_postpass = false;
  bool no_truecase = false;
  bool mentions = false;
  bool tokens = false;
};

long parse_number(const std::string& opt, const std::string& v) {
  try {
    size_t used = 0;
    long n = std::stol(v, &used);
    if (used != v.size() || n < 0) throw std::invalid_argument(v);
    return n;
  } catch (const std::exception&) {
    throw UsageError(opt + " needs a non-negative number (got '" + v + "')");
  }
}

Args parse_args(int argc, char** argv) {
  Args a;
  if (argc < 2) throw UsageError("no command given");
  a.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageError(s + " needs a value");
      return argv[++i];
    };
    if (s == "--model")
      a.model = value();
    else if (s == "--out" || s == "-o")
      a.out = value();
    else if (s == "--epochs")
      a.epochs = static_cast<int>(parse_number(s, value()));
    else if (s == "--seed")
      a.seed = static_cast<unsigned long>(parse_number(s, value()));
    else if (s == "--runs")
      a.runs = static_cast<int>(parse_number(s, value()));
    else if (s == "--repeat")
      a.repeat = static_cast<int>(parse_number(s, value()));
    else if (s == "--rules")
      a.rules = true;
    else if (s == "--no-gazetteer")
      a.no_gazetteer = true;
    else if (s == "--no-clusters")
      a.no_clusters = true;
    else if (s == "--no-postpass")
      a.no_postpass = true;
    else if (s == "--no-truecase")
      a.no_truecase = true;
    else if (s == "--mentions")
      a.mentions = true;
    else if (s == "--tokens")
      a.tokens = true;
    else if (s.size() > 1 && s[0] == '-' && s != "-")
      throw UsageError("unrecognised option '" + s + "'");
    else
      a.files.push_back(s);
  }
  return a;
}

// The model to use: --model FILE, else the built-in one; nullptr for --rules.
std::unique_ptr<ner::Model> owned_model;
const ner::Model* choose_model(const Args& a) {
  if (a.rules) return nullptr;
  if (!a.model.empty()) {
    owned_model = std::make_unique<ner::Model>(ner::Model::load_file(a.model));
    return owned_model.get();
  }
  const ner::Model* m = ner::builtin_model();
  if (m == nullptr)
    throw gazette::Error("this build has no built-in model: use --model FILE or --rules");
  return m;
}

int cmd_train(const Args& a) {
  if (a.out.empty()) throw UsageError("train needs --out MODEL");
  if (a.files.empty()) throw UsageError("train needs CoNLL files");
  const ner::Gazetteer* gaz = a.no_gazetteer ? nullptr : &ner::builtin_gazetteer();
  const ner::WordClusters* clusters = a.no_clusters ? nullptr : ner::builtin_clusters();
  std::vector<ner::TrainingDoc> docs;
  long tokens = 0;
  for (const std::string& f : a.files) {
    for (ner::TrainingDoc& d : ner::read_conll(f)) {
      tokens += static_cast<long>(d.text.tokens.size());
      docs.push_back(std::move(d));
    }
  }
  for (ner::TrainingDoc& d : docs) ner::truecase(ner::builtin_gazetteer(), &d.text);
  std::fprintf(stderr,
               "gazette-ner: training on %zu documents, %ld tokens, %d epochs, seed %lu%s%s\n",
               docs.size(), tokens, a.epochs, a.seed, gaz ? ", gazetteer features" : "",
               clusters ? ", cluster features" : "");
  ner::TrainOptions opt;
  opt.epochs = a.epochs;
  opt.seed = a.seed;
  opt.runs = a.runs;
  auto start = Clock::now();
  opt.on_epoch = [&](int epoch, long mistakes) {
    double s = std::chrono::duration<double>(Clock::now() - start).count();
    std::fprintf(stderr, "  epoch %d: %ld mistakes (%.1f s)\n", epoch, mistakes, s);
  };
  ner::Model m = ner::train(docs, gaz, clusters, opt);
  std::string info = "gazette-ner train --epochs " + std::to_string(a.epochs) + " --seed " +
                     std::to_string(a.seed) + " --runs " + std::to_string(a.runs) +
                     (gaz ? "" : " --no-gazetteer") + (clusters ? "" : " --no-clusters") + "; " +
                     std::to_string(docs.size()) + " documents, " + std::to_string(tokens) +
                     " tokens";
  m.info = info;
  std::string bytes = m.serialize();
  std::ofstream out(a.out, std::ios::binary);
  if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    throw gazette::Error("cannot write '" + a.out + "'");
  std::fprintf(stderr, "gazette-ner: wrote %s: %zu features, %zu bytes\n", a.out.c_str(),
               m.features(), bytes.size());
  return 0;
}

int cmd_eval(const Args& a) {
  if (a.files.empty()) throw UsageError("eval needs CoNLL files");
  const ner::Model* model = choose_model(a);
  const ner::Gazetteer& gaz = ner::builtin_gazetteer();
  ner::Score score;
  std::vector<ner::Tag> tags;
  double seconds = 0;
  std::unique_ptr<ner::Tagger> tagger;
  if (model != nullptr)
    tagger = std::make_unique<ner::Tagger>(model, &gaz, ner::builtin_clusters());
  ner::RuleTagger rules(&gaz);
  for (const std::string& f : a.files) {
    std::vector<ner::TrainingDoc> docs = ner::read_conll(f);
    for (ner::TrainingDoc& d : docs) {
      auto t0 = Clock::now();
      if (!a.no_truecase) ner::truecase(gaz, &d.text);
      if (tagger)
        tagger->tag(d.text, &tags);
      else
        rules.tag(d.text, &tags);
      if (!a.no_postpass) ner::refine_tags(d.text, gaz, &tags);
      seconds += std::chrono::duration<double>(Clock::now() - t0).count();
      for (const ner::Sentence& s : d.text.sentences)
        score.add(&d.gold[s.begin], &tags[s.begin], s.end - s.begin);
    }
  }
  std::cout << score.table();
  std::printf("tokens %ld, %.0f tokens/s (truecase + tag + post-pass, one thread)\n", score.tokens,
              seconds > 0 ? score.tokens / seconds : 0.0);
  return 0;
}

std::string read_all(const std::string& path) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw gazette::Error("cannot read '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int cmd_tag(const Args& a) {
  if (a.files.empty()) throw UsageError("tag needs files");
  const ner::Model* model = choose_model(a);
  ner::Extractor ex(model, &ner::builtin_gazetteer(), ner::builtin_clusters());
  for (const std::string& f : a.files) {
    std::string text = read_all(f);
    ner::ExtractedEntities e;
    ex.extract_text(text, &e);
    if (a.tokens) {
      const ner::TokenizedText& doc = ex.last_tokens();
      for (const ner::Sentence& s : doc.sentences) {
        for (uint32_t i = s.begin; i < s.end; ++i)
          std::cout << doc.tokens[i].text << '\t' << ner::tag_name(ex.last_tags()[i]) << '\n';
        std::cout << (s.headline ? "(headline)\n\n" : "\n");
      }
      continue;
    }
    std::string out;
    gazette::JsonWriter w(&out);
    w.begin_object();
    w.field("file", f);
    auto list = [&](const char* key, const std::vector<std::string>& v) {
      w.key(key);
      w.begin_array();
      for (const std::string& s : v) w.value(s);
      w.end_array();
    };
    list("persons", e.persons);
    list("places", e.places);
    list("groups", e.groups);
    w.key("date");
    if (e.date.valid())
      w.value(gazette::iso_day(e.date));
    else
      w.null();
    if (a.mentions) {
      w.key("mentions");
      w.begin_array();
      for (const ner::Mention& m : e.mentions) {
        w.begin_object();
        w.field("type", std::string(ner::type_name(m.type)));
        w.field("begin", static_cast<long>(m.begin));
        w.field("end", static_cast<long>(m.end));
        w.field("text", text.substr(m.begin, m.end - m.begin));
        w.field("value", m.value);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
    std::cout << out << '\n';
  }
  return 0;
}

int cmd_info(const Args& a) {
  const ner::Gazetteer& gaz = ner::builtin_gazetteer();
  std::printf("built-in gazetteer: %zu names, %zu common words, fingerprint %016llx\n", gaz.size(),
              gaz.common_words(), static_cast<unsigned long long>(gaz.fingerprint()));
  const ner::Model* m = choose_model(a);
  std::printf("model: %s\n  %zu features, gazetteer features %s\n  trained: %s\n",
              a.model.empty() ? "built-in" : a.model.c_str(), m->features(),
              (m->flags & ner::kModelUsesGazetteer) ? "yes" : "no", m->info.c_str());
  if ((m->flags & ner::kModelUsesGazetteer) && m->gazetteer_fingerprint != gaz.fingerprint())
    std::printf(
        "  warning: trained with another gazetteer (fingerprint %016llx); "
        "quality may be lower\n",
        static_cast<unsigned long long>(m->gazetteer_fingerprint));
  return 0;
}

int cmd_speed(const Args& a) {
  if (a.files.size() != 1) throw UsageError("speed needs one file of documents");
  const ner::Model* model = choose_model(a);
  std::string all = read_all(a.files[0]);
  std::vector<std::string_view> docs;
  size_t pos = 0;
  while (pos < all.size()) {
    size_t ff = all.find("\n\f\n", pos);
    if (ff == std::string::npos) ff = all.size();
    if (ff > pos) docs.push_back(std::string_view(all).substr(pos, ff - pos));
    pos = ff + 3;
  }
  if (docs.empty()) throw gazette::Error("no documents in '" + a.files[0] + "'");
  // Tokenizing alone: the same-run baseline for the extraction figure.
  ner::TokenizedText t;
  long tokens = 0;
  double tok_best = 1e30, ext_best = 1e30;
  const int repeat = std::max(1, a.repeat);
  for (int r = 0; r < repeat; ++r) {
    auto t0 = Clock::now();
    tokens = 0;
    for (std::string_view d : docs) {
      ner::tokenize(d, &t);
      tokens += static_cast<long>(t.tokens.size());
    }
    tok_best = std::min(tok_best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  ner::Extractor ex(model, &ner::builtin_gazetteer(), ner::builtin_clusters());
  ner::ExtractedEntities e;
  long mentions = 0;
  for (int r = 0; r < repeat; ++r) {
    auto t0 = Clock::now();
    mentions = 0;
    for (std::string_view d : docs) {
      ex.extract_text(d, &e);
      mentions += static_cast<long>(e.mentions.size());
    }
    ext_best = std::min(ext_best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::printf("documents %zu, tokens %ld, mentions %ld (%s, best of %d)\n", docs.size(), tokens,
              mentions, model ? "model" : "rules only", repeat);
  std::printf("tokenize only     %8.3f s  %10.0f tokens/s\n", tok_best, tokens / tok_best);
  std::printf("extraction (all)  %8.3f s  %10.0f tokens/s  %8.0f documents/s\n", ext_best,
              tokens / ext_best, docs.size() / ext_best);
  return 0;
}

int cmd_clusters(const Args& a) {
  if (a.out.empty() || a.files.size() != 1)
    throw UsageError("clusters needs --out TABLE and one TSV file");
  ner::WordClusters c = ner::WordClusters::from_tsv(read_all(a.files[0]));
  std::string bytes = c.serialize();
  std::ofstream out(a.out, std::ios::binary);
  if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    throw gazette::Error("cannot write '" + a.out + "'");
  std::fprintf(stderr, "gazette-ner: wrote %s: %zu words\n", a.out.c_str(), c.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc >= 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::cout << kUsage;
    return gazette::kExitOk;
  }
  Args a = parse_args(argc, argv);
  if (a.command == "train") return cmd_train(a);
  if (a.command == "eval") return cmd_eval(a);
  if (a.command == "tag") return cmd_tag(a);
  if (a.command == "info") return cmd_info(a);
  if (a.command == "clusters") return cmd_clusters(a);
  if (a.command == "speed") return cmd_speed(a);
  throw UsageError("unknown command '" + a.command + "'");
} catch (const gazette::UsageError& e) {
  std::cerr << "gazette-ner: " << e.what() << "\n(see gazette-ner --help)\n";
  return gazette::kExitUsage;
} catch (const std::exception& e) {
  std::cerr << "gazette-ner: " << e.what() << '\n';
  return gazette::kExitFailure;
}

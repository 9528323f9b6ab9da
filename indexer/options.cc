#include "indexer/options.h"

#include <boost/program_options.hpp>

#include <iostream>

#include "common/cli_numbers.h"
#include "common/error.h"

namespace gazette {
namespace po = boost::program_options;

bool parse_indexer_options(int argc, char** argv, IndexerOptions* out) {
  std::string format = "auto";
  std::string entities = "auto";
  unsigned long max_article_mb = out->reader.max_article_bytes >> 20;
  unsigned long memory_mb = out->memory_budget >> 20;
  bool no_sync = !out->sync;
  std::vector<std::string> fields;
  po::options_description visible(
      "Usage: gazette-index --db DIR [options] PATH...\n"
      "       gazette-index --print-entities [options] PATH...\n"
      "       gazette-index --db DIR --delete ID... (or - to read ids from stdin)\n"
      "       gazette-index --db DIR --compact\n"
      "       gazette-index --db DIR --rebuild-stores\n"
      "       gazette-index --check DIR\n"
      "Index news articles from files, directories (recursively) or - (stdin).\n"
      "Formats: JSON Lines (.jsonl .ndjson), JSON documents (.json: an array of articles or\n"
      "an object wrapping one), Reuters-21578 SGML (.sgm), plain text (.txt),\n"
      "web pages (.html .htm), WARC crawls (.warc), NITF (.xml .nitf), NewsML (.xml: RCV1,\n"
      "NewsML-G2), RSS/Atom feeds\n"
      "(.rss .atom .xml), CSV/TSV with a header row (.csv .tsv), each optionally compressed\n"
      "(.gz .bz2 .xz .zst: recognised by content), loose or in tar and zip archives\n"
      "(.tar .tar.gz .tgz ... .zip), whose members are read as the files of a directory.\n"
      "Re-indexing an article with the same id replaces it.\n\n"
      "Options");
  // clang-format off
  visible.add_options()
      ("db,d", po::value(&out->db)->value_name("DIR"), "index directory (created if missing)")
      ("format,f", po::value(&format)->value_name("FMT"),
       "input format: auto (by extension, else content), jsonl, json, text, reuters, html, warc, "
       "nitf, newsml, feed (rss, atom), csv (tsv)")
      ("jobs,j", po::value(&out->jobs)->value_name("N"),
       "worker threads; a new index gets N partitions (default: number of cores)")
      ("batch-size", po::value(&out->commit_every)->value_name("N"),
       "commit each shard every N articles (default: whenever its new articles "
       "hold 512 KiB of text, which keeps Xapian's in-memory postings small and fast)")
      ("segment-size", po::value(&out->segment_size)->value_name("N"),
       "a partition's newest shard takes new articles until it holds N, then a new "
       "shard (segment) starts, so what writing an article costs stays bounded as "
       "the archive grows (default 50000; 0: no article limit)")
      ("segment-terms", po::value(&out->segment_terms)->value_name("N"),
       "...or until its articles hold N term occurrences in all, whichever comes "
       "first, so segments of long articles stay as small (default 15000000, about "
       "50,000 news wires or 7,000 long articles; 0: no limit; both 0: one growing "
       "shard per partition)")
      ("merge-factor", po::value(&out->merge_factor)->value_name("N"),
       "merge N full shards of a partition that have about the same size into one, "
       "so searches open few shards (default 10; 0: never merge)")
      ("memory", po::value(&memory_mb)->value_name("MB"),
       "keep peak memory near MB MiB by committing early (default 1024; 0: no limit)")
      ("no-sync", po::bool_switch(&no_sync),
       "don't wait for each commit to reach the disk, only for each segment as it "
       "fills up and for the whole index at the end of the run: faster bulk loads, "
       "but an operating-system crash or power cut during the run can damage the "
       "shards being written (a killed gazette-index still leaves the index at its "
       "last commit)")
      ("compact", po::bool_switch(&out->compact),
       "merge the shards into one compact database after indexing (alone: just "
       "compact); later runs then write the single shard with one thread")
      ("delete", po::bool_switch(&out->delete_ids),
       "remove the articles whose ids are given as arguments (- reads ids from stdin, "
       "one per line); ids not in the index are reported")
      ("rebuild-stores", po::bool_switch(&out->rebuild_stores),
       "rebuild every shard's facet store (the derived file searches count facets "
       "and rank from) without adding articles: after upgrading gazette, or when "
       "--check reports a store missing or stale")
      ("strict", po::bool_switch(&out->strict), "stop at the first bad article (exit 1)")
      ("wait", po::value(&out->wait_seconds)->value_name("SECONDS"),
       "if another gazette-index is writing the index, wait up to SECONDS for it "
       "(default: fail at once with \"locked by another writer\")")
      ("check", po::bool_switch(&out->check),
       "verify the index given by --db or as the argument (Xapian's checker plus "
       "gazette's schema, shard and id checks); exit 1 if it finds problems")
      ("quiet,q", po::bool_switch(&out->quiet), "no per-article warnings, no progress line")
      ("summary-json", po::bool_switch(&out->summary_json),
       "also print the run summary as JSON on stdout")
      ("max-article-mb", po::value(&max_article_mb)->value_name("N"),
       "skip articles (JSONL lines, JSON objects) larger than N MiB (default 64)")
      ("field", po::value(&fields)->value_name("NAME=KEY"),
       "JSON and CSV: read field NAME (id, title, body, date, source, url, dateline, "
       "persons, places, groups, topics) from key or column KEY, a.b for a nested key, nothing if KEY "
       "is empty (repeatable; default: the field's own name, then common other names "
       "such as text or content for body)")
      ("entities", po::value(&entities)->value_name("MODE"),
       "where persons, places and groups come from: auto (metadata if the article has "
       "entity fields, else extracted from the text), metadata, extract, both")
      ("print-entities", po::bool_switch(&out->print_entities),
       "print each article's id, persons, places, groups and date as JSON lines "
       "on stdout instead of indexing (no --db needed)")
      ("ner-model", po::value(&out->ner_model)->value_name("FILE"),
       "extract with this model (from gazette-ner train) instead of the built-in one")
      ("ner-rules", po::bool_switch(&out->ner_rules), "extract with rules only (no model)")
      ("synonyms", po::value(&out->synonyms_file)->value_name("FILE"),
       "synonym groups, one per line (\"U.S.\" = \"United States\"): facet values are "
       "indexed under the group's longest name and a query for any entry finds the others; "
       "stored in the index, so later runs and searches use them too")
      ("progress", "always show the progress line (default: only on a terminal)")
      ("no-progress", "never show the progress line")
      ("help,h", "show this help")
      ("version,V", "show the version");
  // clang-format on
  po::options_description hidden;
  hidden.add_options()("input", po::value(&out->inputs), "input paths");
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  try {
    po::parsed_options parsed =
        po::command_line_parser(argc, argv).options(all).positional(positional).run();
    reject_negative_unsigned(parsed);
    po::store(parsed, vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << visible << "\nExit status: 0 success (skipped articles are reported), "
                            "1 runtime failure or interrupted, 2 usage error.\n";
    return false;
  }
  if (vm.count("version")) {
    std::cout << "gazette-index " GAZETTE_VERSION "\n";
    return false;
  }
  if (!parse_format(format, &out->format)) {
    throw UsageError(
        "--format must be auto, jsonl, json, text, reuters, html, warc, nitf, newsml, feed or csv "
        "(got '" +
        format + "')");
  }
  if (!ner::parse_entity_mode(entities, &out->entities)) {
    throw UsageError("--entities must be auto, metadata, extract or both (got '" + entities + "')");
  }
  if (out->print_entities && out->summary_json)
    throw UsageError("--summary-json and --print-entities both write to stdout: use one");
  if (out->ner_rules && !out->ner_model.empty())
    throw UsageError("--ner-rules and --ner-model exclude each other");
  if (vm.count("progress")) out->progress = Progress::kAlways;
  if (vm.count("no-progress")) out->progress = Progress::kNever;
  if (vm.count("batch-size") && out->commit_every == 0)
    throw UsageError("--batch-size must be at least 1");
  if (out->merge_factor == 1) throw UsageError("--merge-factor must be 0 (never) or at least 2");
  if (max_article_mb == 0) throw UsageError("--max-article-mb must be at least 1");
  out->reader.max_article_bytes = max_article_mb << 20;
  for (const std::string& f : fields) {
    std::string err = out->reader.fields.set(f);
    if (!err.empty()) throw UsageError("--field " + f + ": " + err);
  }
  if (out->wait_seconds < 0) throw UsageError("--wait must be 0 or more seconds");
  if (out->check && (out->compact || out->delete_ids || out->rebuild_stores))
    throw UsageError("--check does not combine with --compact, --delete or --rebuild-stores");
  if (out->check) {
    if (out->db.empty() && out->inputs.size() == 1) {
      out->db = out->inputs[0];
      out->inputs.clear();
    }
    if (out->db.empty() || !out->inputs.empty())
      throw UsageError("--check takes one index: gazette-index --check DIR");
    return true;
  }
  out->memory_budget = static_cast<size_t>(memory_mb) << 20;
  out->sync = !no_sync;
  if (memory_mb != 0 && memory_mb < 64)
    throw UsageError("--memory must be 0 (no limit) or at least 64 MiB");
  if (out->print_entities && (out->compact || out->delete_ids))
    throw UsageError("--print-entities writes no index: it does not combine with --compact or --delete");
  if (out->db.empty() && !out->print_entities) throw UsageError("--db DIR is required");
  if (out->delete_ids && out->inputs.empty())
    throw UsageError("--delete needs the ids to remove (or - to read them from stdin)");
  if (out->rebuild_stores && (out->delete_ids || out->print_entities || !out->inputs.empty()))
    throw UsageError("--rebuild-stores takes only --db DIR (and --compact or --wait)");
  if (out->inputs.empty() && !out->compact && !out->rebuild_stores)
    throw UsageError("no input given: name files, directories or -");
  return true;
}

}  // namespace gazette

#include "searcher/options.h"

#include <boost/program_options.hpp>

#include <cstdlib>
#include <iostream>

#include "common/cli_numbers.h"
#include "common/error.h"
#include "common/normalise.h"

namespace gazette {
namespace po = boost::program_options;

namespace {

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t comma = list.find(',', pos);
    if (comma == std::string::npos) comma = list.size();
    std::string item = list.substr(pos, comma - pos);
    if (!item.empty()) out.push_back(item);
    pos = comma + 1;
  }
  return out;
}

}  // namespace

FieldValue parse_field_value(const std::string& spec, const char* what) {
  size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw UsageError(std::string(what) + " expects FIELD=VALUE (got '" + spec + "')");
  }
  return {spec.substr(0, eq), spec.substr(eq + 1)};
}

void parse_facet_list(const std::string& list, std::vector<std::string>* out) {
  for (const std::string& name : split_list(list)) {
    if (name == "all") {
      for (const char* n : {"person", "place", "group", "topic", "source", "date"})
        out->push_back(n);
      continue;
    }
    if (!is_facet_name(name)) {
      throw UsageError("unknown facet '" + name +
                       "' (use person, place, group, topic, source, date or all)");
    }
    out->push_back(name);
  }
}

bool parse_searcher_options(int argc, char** argv, SearcherOptions* out) {
  SearchRequest& r = out->request;
  std::vector<std::string> query_words, filters, excludes, facet_prefixes;
  std::string related;
  std::string facets, granularity = "month", sort = "auto", format = "text",
                      color = "auto", count_mode = "auto", match = "ranked", recency;
  bool strict_order = false;
  RankingOptions& rk = r.ranking;
  po::options_description visible(
      "Usage: gazette-search --db DIR [options] [QUERY...]\n"
      "Ranked (BM25) search of a gazette index with exact facet counts.\n\n"
      "Query syntax (Xapian): words are ANDed; OR, NOT, AND, +word, -word, \"a phrase\",\n"
      "a NEAR b, wildc*, ( ); fields: title:word person:\"John Kerry\" place:syria group:opec\n"
      "topic:crude source:reuters id:123 date:2016 date:2016-02 date:2016-02-01..2016-02-29.\n"
      "An empty query matches every article.\n\n"
      "Options");
  visible.add_options()
      ("db,d", po::value(&out->db)->value_name("DIR"), "index directory (default: $GAZETTE_DB)")
      ("filter", po::value(&filters)->value_name("FIELD=VALUE")->composing(),
       "keep only articles with this value (repeatable; AND across fields, OR within one); "
       "fields: person place group topic source date")
      ("exclude", po::value(&excludes)->value_name("FIELD=VALUE")->composing(),
       "drop articles with this value (repeatable)")
      ("facets", po::value(&facets)->value_name("LIST"),
       "facets to count: person,place,group,topic,source,date or all")
      ("facet-size", po::value(&r.facet_size)->value_name("N"),
       "values per facet (default 10; 0 = all)")
      ("facet-prefix", po::value(&facet_prefixes)->value_name("FIELD=PREFIX")->composing(),
       "list only the values of this facet with a word starting with PREFIX (case and "
       "accents ignored), by count: autocomplete (repeatable)")
      ("date-granularity", po::value(&granularity)->value_name("G"),
       "date histogram buckets: year, month (default), day, or auto (by the span of the "
       "matching dates: day up to 62 days, month up to 5 years, else year)")
      ("date-from", po::value(&r.date_from)->value_name("DATE"),
       "only articles dated on or after DATE (2016, 2016-02 or 2016-02-21: its first day)")
      ("date-to", po::value(&r.date_to)->value_name("DATE"),
       "only articles dated on or before DATE (2016, 2016-02 or 2016-02-21: its last day)")
      ("multi-select", po::bool_switch(&r.multi_select),
       "count a filtered field's facet as if its own filter were off")
      ("limit,n", po::value(&r.limit)->value_name("N"), "hits to return (default 10)")
      ("offset", po::value(&r.offset)->value_name("N"), "hits to skip (default 0)")
      ("match", po::value(&match)->value_name("MODE"),
       "ranked (default: hits matching all words first, then partial matches; total and "
       "facets count the full matches), all (every word must match) or any")
      ("strict-order", po::bool_switch(&strict_order),
       "--match ranked: put every full match before every partial match")
      ("recency", po::value(&recency)->value_name("HALF_LIFE"),
       "blend relevance with age: newer articles get up to +2 weight, halving every HALF_LIFE "
       "(e.g. 30d, 12h, 2w, 1y), counted from the newest article")
      ("recency-weight", po::value(&rk.recency_weight)->value_name("X"),
       "the weight a brand-new article gets from --recency (default 2)")
      ("bm25-k1", po::value(&rk.k1)->value_name("X"), "BM25 k1 (ranking tuning)")
      ("bm25-b", po::value(&rk.b)->value_name("X"), "BM25 b (ranking tuning)")
      ("title-weight", po::value(&rk.title_weight)->value_name("X"),
       "extra weight of query words in titles (ranking tuning)")
      ("near-weight", po::value(&rk.near_weight)->value_name("X"),
       "extra weight for query words near each other (ranking tuning)")
      ("near-window", po::value(&rk.near_window)->value_name("N"),
       "how near, in words (ranking tuning)")
      ("phrase-weight", po::value(&rk.phrase_weight)->value_name("X"),
       "extra weight for the exact phrase (ranking tuning)")
      ("sort", po::value(&sort)->value_name("ORDER"),
       "relevance, newest or oldest (default: relevance, or newest for an empty query)")
      ("correct", po::bool_switch(&r.correct),
       "if a query word is not in the index and a close one is, search the corrected query "
       "(the output says so); without it the correction is only suggested")
      ("like", po::value(&r.like_id)->value_name("ID"),
       "rank articles by similarity to the indexed article ID (query words and filters "
       "then only restrict)")
      ("related", po::value(&related)->value_name("FIELD=VALUE"),
       "list the persons, places and groups that co-occur most with this value in the "
       "matching articles, with counts and a log-likelihood score (--facet-size of them)")
      ("time-limit", po::value(&r.time_limit)->value_name("SECONDS"),
       "stop exhaustive counting after this long (default 10; 0 = never); the output then "
       "says the total and facets are partial")
      ("snippet-size", po::value(&r.snippet_bytes)->value_name("BYTES"),
       "snippet length (default 200; 0 = no snippets)")
      ("count", "print only the number of matching articles")
      ("ids", "print only the ids of the hits, one per line (--limit and --offset apply)")
      ("mark-start", po::value(&r.mark_start)->value_name("TEXT"),
       "put TEXT before each matched word of a snippet (text and CSV output; JSON adds "
       "\"snippet_marked\"), e.g. '<b>'")
      ("mark-end", po::value(&r.mark_end)->value_name("TEXT"),
       "put TEXT after each matched word of a snippet, e.g. '</b>'")
      ("format", po::value(&format)->value_name("FMT"),
       "text (default), json, csv (the hits) or csv-facets (the facet values)")
      ("json", "same as --format json")
      ("compact", po::bool_switch(&out->compact), "JSON on one line")
      ("color", po::value(&color)->value_name("WHEN"), "auto (default), always or never")
      ("timing", po::bool_switch(&out->timing), "report the search time")
      ("count-mode", po::value(&count_mode)->value_name("MODE"),
       "how totals and facets are counted: auto (default: per shard, from facet stores), "
       "no-stores (per shard, from value slots) or combined (one pass; what remote shards use)")
      ("batch", po::bool_switch(&out->batch),
       "read one request per line on stdin (query text, or a JSON object with query, filters, "
       "excludes, facets, facet_size, facet_prefix, date_granularity, date_from, date_to, "
       "multi_select, sort, limit, offset, snippet_size, mark_start, mark_end, count, ids, "
       "correct, like, related, tag) and print one JSON result per line; other options are "
       "defaults")
      ("stats", po::bool_switch(&out->stats),
       "describe the index: articles, shards, date range, biggest facet values")
      ("help,h", "show this help")
      ("version,V", "show the version");
  po::options_description hidden;
  hidden.add_options()("query", po::value(&query_words), "query words");
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);

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
    std::cout << visible << "\nExit status: 0 success (also when nothing matches), "
                            "1 runtime failure (e.g. missing index), 2 usage error "
                            "(bad option or malformed query).\n";
    return false;
  }
  if (vm.count("version")) {
    std::cout << "gazette-search " GAZETTE_VERSION "\n";
    return false;
  }
  if (out->db.empty()) {
    if (const char* env = std::getenv("GAZETTE_DB")) out->db = env;
  }
  if (out->db.empty()) throw UsageError("--db DIR is required (or set GAZETTE_DB)");
  for (size_t i = 0; i < query_words.size(); ++i) {
    if (i > 0) r.query += ' ';
    r.query += query_words[i];
  }
  for (const std::string& f : filters) r.filters.push_back(parse_field_value(f, "--filter"));
  for (const std::string& f : excludes) r.excludes.push_back(parse_field_value(f, "--exclude"));
  parse_facet_list(facets, &r.facets);
  if (!related.empty()) {
    r.related = parse_field_value(related, "--related");
    const FacetSpec* spec = find_facet(r.related.field);
    if (spec == nullptr || r.related.field == "date") {
      throw UsageError("--related: unknown field '" + r.related.field +
                       "' (use person, place, group, topic or source)");
    }
  }
  for (const std::string& f : facet_prefixes) {
    r.facet_prefixes.push_back(parse_field_value(f, "--facet-prefix"));
    if (!is_facet_name(r.facet_prefixes.back().field)) {
      throw UsageError("--facet-prefix: unknown facet '" + r.facet_prefixes.back().field +
                       "' (use person, place, group, topic or source)");
    }
  }
  if (r.time_limit < 0) throw UsageError("--time-limit must not be negative");
  if (strict_order) rk.all_words_bonus = kAllWordsBonus;
  if (!recency.empty() && !parse_half_life(recency, &rk.recency_half_life_days)) {
    throw UsageError("--recency expects a half-life such as 30d, 12h, 2w or 1y (got '" + recency +
                     "')");
  }
  if (!parse_match_mode(match, &rk.match)) {
    throw UsageError("--match must be ranked, all or any (got '" + match + "')");
  }
  if (rk.k1 < 0 || rk.b < 0 || rk.b > 1 || rk.title_weight < 0 || rk.near_weight < 0 ||
      rk.phrase_weight < 0 || rk.near_window < 1) {
    throw UsageError("ranking parameters: k1, weights >= 0, 0 <= b <= 1, window >= 1");
  }
  if (!parse_granularity(granularity, &r.granularity)) {
    throw UsageError("--date-granularity must be year, month, day or auto (got '" + granularity +
                     "')");
  }
  if (r.date_from.find("..") != std::string::npos || r.date_to.find("..") != std::string::npos) {
    throw UsageError("--date-from and --date-to take one date each (2016, 2016-02, 2016-02-21)");
  }
  if (!parse_sort(sort, &r.sort)) {
    throw UsageError("--sort must be relevance, newest or oldest (got '" + sort + "')");
  }
  if (vm.count("json")) format = "json";
  if (format == "json") {
    out->format = OutputFormat::kJson;
  } else if (format == "csv") {
    out->format = OutputFormat::kCsv;
  } else if (format == "csv-facets") {
    out->format = OutputFormat::kCsvFacets;
  } else if (format != "text") {
    throw UsageError("--format must be text, json, csv or csv-facets (got '" + format + "')");
  }
  if (!is_valid_utf8(r.mark_start) || !is_valid_utf8(r.mark_end)) {
    throw UsageError("--mark-start and --mark-end must be UTF-8 text");
  }
  if (vm.count("count") && vm.count("ids")) throw UsageError("--count and --ids: use one");
  if (vm.count("count")) r.shape = ResultShape::kCount;
  if (vm.count("ids")) r.shape = ResultShape::kIds;
  if (out->format == OutputFormat::kCsvFacets && r.shape != ResultShape::kFull) {
    throw UsageError("--format csv-facets lists facets: it cannot be combined with --count or --ids");
  }
  if (count_mode == "auto") out->count_mode = CountMode::kAuto;
  else if (count_mode == "no-stores") out->count_mode = CountMode::kNoStores;
  else if (count_mode == "combined") out->count_mode = CountMode::kCombined;
  else throw UsageError("--count-mode must be auto, no-stores or combined");
  if (color == "always") out->color = ColorMode::kAlways;
  else if (color == "never") out->color = ColorMode::kNever;
  else if (color != "auto") throw UsageError("--color must be auto, always or never");
  return true;
}

}  // namespace gazette

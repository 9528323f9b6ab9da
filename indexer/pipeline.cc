#include "indexer/pipeline.h"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

#include "common/entities.h"
#include "common/error.h"
#include "common/facet_store.h"
#include "common/hash.h"
#include "common/index_layout.h"
#include "common/json_writer.h"
#include "common/ner/resources.h"
#include "common/schema.h"
#include "common/synonyms.h"
#include "indexer/document_builder.h"
#include "indexer/maintenance.h"
#include "indexer/shard_writer.h"

namespace gazette {
namespace {

using Clock = std::chrono::steady_clock;

// Articles travel between threads in batches, to keep locking off the hot path.
constexpr size_t kBatchArticles = 128;
constexpr size_t kQueueBatches = 8;
// --memory: each worker looks at the process's resident size every
// kMemoryCheckEvery articles and commits its shards early once it passes 3/4 of
// the budget (the rest is headroom for the commit itself and the other worker),
// but never with fewer than kMinMemoryCommit articles pending, so a budget
// below the process's base size slows indexing down instead of stalling it.
constexpr long kMemoryCheckEvery = 32;
constexpr size_t kMinMemoryCommit = 256;
// Without --batch-size, a shard also commits after this many articles however
// short they are.
constexpr size_t kMaxAutoBatch = 20000;

// Resident set size of this process in bytes (0 if /proc is unavailable).
size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  size_t total_pages = 0, resident_pages = 0;
  if (!(statm >> total_pages >> resident_pages)) return 0;
  return resident_pages * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

// Gives freed memory (a commit's posting buffers) back to the system now, so
// that the next resident_bytes() sees the commit's effect. gazette-index runs
// on jemalloc (CMakeLists.txt), which would otherwise return it over the next
// seconds (its decay) while the budget check kept committing early; a program
// on glibc's malloc (the tests, sanitizer builds) trims glibc's heap instead.
extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen)
    __attribute__((weak));

void release_free_memory() {
  if (mallctl != nullptr) {
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);  // 4096: MALLCTL_ARENAS_ALL
  } else {
    malloc_trim(0);
  }
}

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}

  void push(T item) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }

  // False once the queue is closed and drained.
  bool pop(T* item) {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return false;
    *item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return true;
  }

  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> items_;
  size_t capacity_;
  bool closed_ = false;
};

// Problems that concern a whole file rather than one article.
bool is_file_problem(const std::string& reason) {
  for (const char* r : {"unreadable-file", "truncated-input", "binary-file", "unknown-xml",
                        "broken-csv", "broken-json", "broken-archive"})
    if (reason == r) return true;
  return false;
}

// The file counts the readers adjust: an archive counts as the files it held,
// a file read and found without articles as ignored.
void count_files(const ArticleSink& sink, IndexStats* stats) {
  stats->files += sink.archive_members() - sink.archives() - sink.files_ignored();
  stats->files_ignored += sink.archive_ignored() + sink.files_ignored();
}

// Prints problems (bounded), keeps their counts, and owns the progress line.
// Shared by all threads.
class Reporter {
 public:
  explicit Reporter(const IndexerOptions& options) : options_(options) {}

  void skipped(const Problem& p) {
    std::lock_guard lock(mu_);
    ++skipped_[p.reason];
    print_locked(options_.strict ? "error" : "skipped", p);
  }

  void warned(const Problem& p) {
    std::lock_guard lock(mu_);
    ++warnings_[p.reason];
    print_locked("warning", p);
  }

  void draw_progress(const std::string& line) {
    std::lock_guard lock(mu_);
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    drawn_ = true;
  }

  void clear_progress() {
    std::lock_guard lock(mu_);
    if (drawn_) std::fputs("\r\033[K", stderr);
    drawn_ = false;
  }

  std::map<std::string, long> skipped_counts() {
    std::lock_guard lock(mu_);
    return skipped_;
  }
  std::map<std::string, long> warning_counts() {
    std::lock_guard lock(mu_);
    return warnings_;
  }
  long skipped_total() {
    std::lock_guard lock(mu_);
    long n = 0;
    for (const auto& [reason, count] : skipped_) n += count;
    return n;
  }

 private:
  void print_locked(const char* what, const Problem& p) {
    if (options_.quiet && !options_.strict) return;
    if (printed_ >= options_.max_warnings) {
      if (printed_ == options_.max_warnings) {
        std::fprintf(stderr, "%sgazette-index: more problems; only counting them from here\n",
                     drawn_ ? "\r\033[K" : "");
        ++printed_;
      }
      return;
    }
    ++printed_;
    std::fprintf(stderr, "%sgazette-index: %s: %s\n", drawn_ ? "\r\033[K" : "", what,
                 p.str().c_str());
    drawn_ = false;
  }

  const IndexerOptions& options_;
  std::mutex mu_;
  std::map<std::string, long> skipped_;
  std::map<std::string, long> warnings_;
  size_t printed_ = 0;
  bool drawn_ = false;
};

struct Counters {
  std::atomic<long> read{0};
  std::atomic<long> indexed{0};
  std::atomic<long> added{0};
  std::atomic<long> replaced{0};
  std::atomic<bool> failed{false};   // a worker hit a fatal error
  std::atomic<bool> halted{false};   // --strict stop
  std::atomic<long> memory_commits{0};  // commits made early for --memory
  std::mutex error_mu;
  std::exception_ptr error;
};

using Batch = std::vector<Article>;

// What the entity stage needs: the mode and, unless it is metadata-only, the
// model (nullptr: rules only) shared read-only by every worker's Extractor.
struct EntityStage {
  ner::EntityMode mode = ner::EntityMode::kAuto;
  const ner::Model* model = nullptr;
  std::unique_ptr<ner::Model> owned_model;  // --ner-model FILE

  explicit EntityStage(const IndexerOptions& options) : mode(options.entities) {
    if (mode == ner::EntityMode::kMetadata || options.ner_rules) return;
    if (!options.ner_model.empty()) {
      owned_model = std::make_unique<ner::Model>(ner::Model::load_file(options.ner_model));
      model = owned_model.get();
    } else {
      model = ner::builtin_model();  // nullptr when the build has none: rules
    }
  }

  // One per worker thread; nullptr when only metadata is used.
  std::unique_ptr<ner::Extractor> make_extractor() const {
    if (mode == ner::EntityMode::kMetadata) return nullptr;
    return std::make_unique<ner::Extractor>(model, &ner::builtin_gazetteer(),
                                            ner::builtin_clusters());
  }
};

// Routes articles from the readers to the worker owning their shard.
class Router : public ArticleSink {
 public:
  Router(unsigned partitions, std::vector<std::unique_ptr<BoundedQueue<Batch>>>* queues,
         Counters* counters, Reporter* reporter, const IndexerOptions& options,
         const std::atomic<bool>& interrupt)
      : partitions_(partitions),
        queues_(queues),
        batches_(queues->size()),
        counters_(counters),
        reporter_(reporter),
        options_(options),
        interrupt_(interrupt) {}

  void accept(Article&& a) override {
    counters_->read.fetch_add(1, std::memory_order_relaxed);
    if (a.id.empty()) a.id = derive_id(a);
    size_t worker = shard_of(a.id, partitions_) % queues_->size();
    batches_[worker].push_back(std::move(a));
    if (batches_[worker].size() >= kBatchArticles) flush(worker);
  }

  void reject(Problem p) override {
    if (!is_file_problem(p.reason)) counters_->read.fetch_add(1, std::memory_order_relaxed);
    reporter_->skipped(p);
    if (options_.strict) counters_->halted = true;
  }

  bool stopped() const override {
    return interrupt_.load(std::memory_order_relaxed) || counters_->failed.load() ||
           counters_->halted.load();
  }

  void flush_all() {
    for (size_t w = 0; w < batches_.size(); ++w) flush(w);
  }

 private:
  void flush(size_t worker) {
    if (batches_[worker].empty()) return;
    (*queues_)[worker]->push(std::move(batches_[worker]));
    batches_[worker] = Batch();
    batches_[worker].reserve(kBatchArticles);
  }

  unsigned partitions_;
  std::vector<std::unique_ptr<BoundedQueue<Batch>>>* queues_;
  std::vector<Batch> batches_;
  Counters* counters_;
  Reporter* reporter_;
  const IndexerOptions& options_;
  const std::atomic<bool>& interrupt_;
};

// One worker: entity stage, document building and writing for its partitions
// (those p with p % workers == worker).
void run_worker(BoundedQueue<Batch>* queue, IndexWriter* index, std::vector<unsigned> mine,
                const IndexerOptions& options, const EntityStage* entities,
                const Synonyms* synonyms, Counters* counters, Reporter* reporter) {
  try {
    DocumentBuilder builder;
    std::unique_ptr<ner::Extractor> extractor = entities->make_extractor();
    // Ids of this run (hashed): a second article with the same id replaces the
    // first, which is worth a warning. Articles are routed by id, so each id
    // only ever reaches one worker.
    std::unordered_set<uint64_t> seen_ids;
    const size_t memory_threshold = options.memory_budget / 4 * 3;
    long until_memory_check = kMemoryCheckEvery;
    Batch batch;
    while (queue->pop(&batch)) {
      if (counters->failed.load()) continue;  // drain so the reader never blocks
      // [3] Entities: from metadata or extracted from the text (--entities),
      // then made indexable. The whole batch first, then [4] + [5] for the
      // whole batch: the extractor's tables and Xapian's in-memory postings
      // then take turns in the caches instead of evicting each other for
      // every article (extracting 2,000 AllSides articles cost 1.45x more
      // CPU interleaved with writing than alone).
      for (Article& a : batch) {
        ner::apply_entities(entities->mode, extractor.get(), &a);
        canonicalise_entities(&a);
        synonyms->apply_to_facets(&a);
      }
      for (Article& a : batch) {
        for (const Problem& p : a.warnings) reporter->warned(p);
        if (!seen_ids.insert(hash64(a.id)).second) {
          std::string shown = a.id.size() > 80 ? a.id.substr(0, 80) + "..." : a.id;
          reporter->warned(make_problem(
              "duplicate-id", "id",
              "id '" + shown + "' was already read in this run; this article replaces it",
              a.origin));
        }
        Xapian::Document doc = builder.build(a);
        synonyms->add_terms(a, &doc);
        const unsigned p = shard_of(a.id, index->partitions());
        bool replaced = index->write(p, a.id, doc, a.title.size() + a.body.size());
        (replaced ? counters->replaced : counters->added).fetch_add(1, std::memory_order_relaxed);
        counters->indexed.fetch_add(1, std::memory_order_relaxed);
        // Commit often enough that Xapian's in-memory postings (std::maps that
        // every new posting is inserted into) stay small: past a few MiB of
        // text they cost more in cache misses than the commits they save.
        if (options.commit_every > 0
                ? index->pending(p) >= options.commit_every
                : index->pending_bytes(p) >= index->batch_bytes(p, options.commit_bytes) ||
                      index->pending(p) >= kMaxAutoBatch)
          index->commit(p);
        if (memory_threshold > 0 && --until_memory_check == 0) {
          until_memory_check = kMemoryCheckEvery;
          size_t pending = 0;
          for (unsigned q : mine) pending += index->pending(q);
          if (pending >= kMinMemoryCommit && resident_bytes() > memory_threshold) {
            for (unsigned q : mine) index->commit(q);
            release_free_memory();
            counters->memory_commits.fetch_add(1, std::memory_order_relaxed);
          }
        }
      }
    }
    if (counters->failed.load()) return;
    // Commits, and builds the derived data for fast exact facets
    // (common/facet_store.h) of every segment that changed; the searcher falls
    // back to the value slots if that fails or goes stale.
    for (unsigned q : mine) index->finish(q);
  } catch (...) {
    std::lock_guard lock(counters->error_mu);
    if (!counters->error) counters->error = std::current_exception();
    counters->failed = true;
  }
}

std::string thousands(long n) {
  std::string digits = std::to_string(n);
  std::string out;
  int k = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (k > 0 && k % 3 == 0 && *it != '-') out.push_back(',');
    out.push_back(*it);
    ++k;
  }
  return std::string(out.rbegin(), out.rend());
}

std::string reasons(const std::map<std::string, long>& counts) {
  std::string out;
  for (const auto& [reason, n] : counts) {
    if (!out.empty()) out += ", ";
    out += reason + " " + std::to_string(n);
  }
  return out;
}

}  // namespace

std::string progress_line(long read, long indexed, long skipped, double seconds, long merging,
                          const std::string& file) {
  std::string line = "indexing: " + thousands(read) + " read, " + thousands(indexed) +
                     " indexed, " + thousands(skipped) + " skipped, " +
                     thousands(seconds > 0 ? static_cast<long>(indexed / seconds) : 0) +
                     " articles/s";
  // A merge holds its partition for seconds to minutes: say so, or the line
  // looks stuck.
  if (merging > 0) line += ", merging segments of " + thousands(merging) + " articles";
  return line + "  " + file;
}

long IndexStats::total_skipped() const {
  long n = 0;
  for (const auto& [reason, count] : skipped)
    if (!is_file_problem(reason)) n += count;
  return n;
}

long IndexStats::total_warnings() const {
  long n = 0;
  for (const auto& [reason, count] : warnings) n += count;
  return n;
}

std::string derive_id(const Article& a) {
  if (!a.url.empty()) return hex64(hash64("url\n" + a.url));
  std::string key = "doc\n" + a.title + "\n";
  if (a.date.valid()) key += iso_datetime(a.date);
  key += "\n";
  key += a.body;
  return hex64(hash64(key));
}

namespace {

// --print-entities: each article goes through the entity stage in the reading
// thread and is printed as one JSON line; nothing is indexed.
class EntityPrinter : public ArticleSink {
 public:
  EntityPrinter(const IndexerOptions& options, const EntityStage& stage, Reporter* reporter,
                const std::atomic<bool>& interrupt)
      : options_(options), stage_(stage), extractor_(stage.make_extractor()),
        reporter_(reporter), interrupt_(interrupt) {}

  void accept(Article&& a) override {
    ++read;
    if (a.id.empty()) a.id = derive_id(a);
    ner::apply_entities(stage_.mode, extractor_.get(), &a);
    canonicalise_entities(&a);
    for (const Problem& p : a.warnings) reporter_->warned(p);
    line_.clear();
    JsonWriter w(&line_);
    w.begin_object();
    w.field("id", a.id);
    auto list = [&](const char* key, const std::vector<std::string>& values) {
      w.key(key);
      w.begin_array();
      for (const std::string& v : values) w.value(v);
      w.end_array();
    };
    list("persons", a.persons);
    list("places", a.places);
    list("groups", a.groups);
    w.key("date");
    if (a.date.valid()) w.value(iso_day(a.date));
    else w.null();
    w.end_object();
    line_ += '\n';
    std::fwrite(line_.data(), 1, line_.size(), stdout);
    ++printed;
  }

  void reject(Problem p) override {
    if (!is_file_problem(p.reason)) ++read;
    reporter_->skipped(p);
    if (options_.strict) halted = true;
  }

  bool stopped() const override { return interrupt_.load(std::memory_order_relaxed) || halted; }

  long read = 0;
  long printed = 0;
  bool halted = false;

 private:
  const IndexerOptions& options_;
  const EntityStage& stage_;
  std::unique_ptr<ner::Extractor> extractor_;
  Reporter* reporter_;
  const std::atomic<bool>& interrupt_;
  std::string line_;
};

IndexStats print_entities(const IndexerOptions& options, const std::atomic<bool>& interrupt) {
  const auto start = Clock::now();
  IndexStats stats;
  std::vector<Problem> input_problems;
  std::vector<InputFile> inputs =
      collect_inputs(options.inputs, options.format, &input_problems, &stats.files_ignored);
  Reporter reporter(options);
  for (const Problem& p : input_problems) reporter.skipped(p);
  const EntityStage stage(options);
  EntityPrinter printer(options, stage, &reporter, interrupt);
  for (const InputFile& input : inputs) {
    if (printer.stopped()) break;
    ++stats.files;
    read_input(input, options.reader, &printer);
  }
  count_files(printer, &stats);
  std::fflush(stdout);
  stats.read = printer.read;
  stats.indexed = printer.printed;
  stats.printed = true;
  stats.skipped = reporter.skipped_counts();
  stats.warnings = reporter.warning_counts();
  stats.interrupted = interrupt.load() || printer.halted;
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return stats;
}

}  // namespace

IndexStats run_indexer(const IndexerOptions& options, const std::atomic<bool>& interrupt) {
  if (options.inputs.empty()) throw UsageError("no input given (files, directories or -)");
  if (options.print_entities) return print_entities(options, interrupt);
  if (options.db.empty()) throw UsageError("--db DIR is required");
  const auto start = Clock::now();
  IndexStats stats;

  std::vector<Problem> input_problems;
  std::vector<InputFile> inputs =
      collect_inputs(options.inputs, options.format, &input_problems, &stats.files_ignored);

  unsigned jobs = options.jobs != 0 ? options.jobs : std::thread::hardware_concurrency();
  if (jobs == 0) jobs = 1;
  if (jobs > kMaxPartitions) jobs = kMaxPartitions;
  // Read before the index is touched: a bad file is a usage error.
  Synonyms synonyms;
  if (!options.synonyms_file.empty()) synonyms = Synonyms::load_file(options.synonyms_file);
  const LockWait lock_wait = LockWait::for_seconds(options.wait_seconds, &interrupt);
  IndexWriter index(options.db, jobs, lock_wait, options.sync);
  index.set_segment_size(options.segment_size);
  index.set_segment_terms(options.segment_terms);
  index.set_merge_factor(options.merge_factor);
  const unsigned partitions = index.partitions();
  // Synonyms live in every shard's metadata (committed with the articles); a
  // run without --synonyms keeps applying the index's.
  if (!options.synonyms_file.empty()) {
    index.set_shared_metadata(meta::kSynonyms, synonyms.stored());
  } else {
    synonyms = Synonyms::from_stored(index.share_metadata(meta::kSynonyms));
  }

  const unsigned workers = std::min(jobs, partitions);
  bool tty = isatty(STDERR_FILENO) != 0;
  bool show_progress = options.progress == Progress::kAlways ||
                       (options.progress == Progress::kAuto && tty && !options.quiet);
  Reporter reporter(options);
  for (const Problem& p : input_problems) reporter.skipped(p);
  Counters counters;
  const EntityStage entity_stage(options);

  std::vector<std::unique_ptr<BoundedQueue<Batch>>> queues;
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w)
    queues.push_back(std::make_unique<BoundedQueue<Batch>>(kQueueBatches));
  for (unsigned w = 0; w < workers; ++w) {
    std::vector<unsigned> mine;
    for (unsigned p = w; p < partitions; p += workers) mine.push_back(p);
    threads.emplace_back(run_worker, queues[w].get(), &index, std::move(mine), std::cref(options),
                         &entity_stage, &synonyms, &counters, &reporter);
  }

  // Progress line: redrawn a few times a second by its own thread.
  std::mutex progress_mu;
  std::condition_variable progress_cv;
  bool progress_done = false;
  std::string current_file;
  std::thread progress;
  if (show_progress) {
    progress = std::thread([&] {
      std::unique_lock lock(progress_mu);
      while (!progress_cv.wait_for(lock, std::chrono::milliseconds(250),
                                   [&] { return progress_done; })) {
        double secs = std::chrono::duration<double>(Clock::now() - start).count();
        reporter.draw_progress(progress_line(counters.read.load(), counters.indexed.load(),
                                             reporter.skipped_total(), secs, index.merging(),
                                             current_file));
      }
    });
  }

  Router router(partitions, &queues, &counters, &reporter, options, interrupt);
  for (const InputFile& input : inputs) {
    if (router.stopped()) break;
    if (show_progress) {
      std::lock_guard lock(progress_mu);
      current_file = input.path;
    }
    ++stats.files;
    read_input(input, options.reader, &router);
  }
  count_files(router, &stats);
  router.flush_all();
  for (auto& q : queues) q->close();
  for (auto& t : threads) t.join();
  if (progress.joinable()) {
    {
      std::lock_guard lock(progress_mu);
      progress_done = true;
    }
    progress_cv.notify_all();
    progress.join();
  }
  reporter.clear_progress();
  if (counters.error) std::rethrow_exception(counters.error);
  if (!options.sync) index.sync_to_disk();

  stats.read = counters.read;
  stats.indexed = counters.indexed;
  stats.added = counters.added;
  stats.replaced = counters.replaced;
  stats.skipped = reporter.skipped_counts();
  stats.warnings = reporter.warning_counts();
  stats.interrupted = interrupt.load() || counters.halted.load();
  stats.memory_commits = counters.memory_commits;
  stats.memory_budget = options.memory_budget;
  stats.shards = static_cast<unsigned>(index.shards());
  stats.merges = index.merges();
  stats.merged_articles = index.merged_articles();
  stats.merge_seconds = index.merge_seconds();
  stats.peak_rss = peak_rss_bytes();
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return stats;
}

size_t peak_rss_bytes() {
  struct rusage usage {};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return static_cast<size_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

std::string format_summary(const IndexStats& s, const std::string& db) {
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.2f s (%s articles/s)", s.seconds,
                thousands(s.seconds > 0 ? static_cast<long>(s.indexed / s.seconds) : 0).c_str());
  std::string out = "gazette-index: ";
  if (s.printed) {
    out += s.interrupted ? "interrupted; " : "";
    out += "entities of " + thousands(s.indexed) + (s.indexed == 1 ? " article" : " articles") +
           " printed (no index written) in " + rate + "\n";
    out += "  read " + thousands(s.read) + ", skipped " + thousands(s.total_skipped()) +
           ", warnings " + thousands(s.total_warnings()) + " (" + thousands(s.files) +
           (s.files == 1 ? " file" : " files");
    if (s.files_ignored > 0) out += ", " + thousands(s.files_ignored) + " ignored: not articles";
    out += ")\n";
    if (!s.skipped.empty()) out += "  skipped by reason: " + reasons(s.skipped) + "\n";
    if (!s.warnings.empty()) out += "  warnings by reason: " + reasons(s.warnings) + "\n";
    return out;
  }
  out += s.interrupted ? "interrupted; committed " : "";
  out += thousands(s.indexed) + (s.indexed == 1 ? " article" : " articles") + " indexed into '" +
         db + "' (" + std::to_string(s.shards) + (s.shards == 1 ? " shard" : " shards") + ") in " +
         rate + "\n";
  out += "  read " + thousands(s.read) + ", new " + thousands(s.added) + ", replaced " +
         thousands(s.replaced) + ", skipped " + thousands(s.total_skipped()) + ", warnings " +
         thousands(s.total_warnings()) + " (" + thousands(s.files) +
         (s.files == 1 ? " file" : " files");
  if (s.files_ignored > 0) out += ", " + thousands(s.files_ignored) + " ignored: not articles";
  out += ")\n";
  if (!s.skipped.empty()) out += "  skipped by reason: " + reasons(s.skipped) + "\n";
  if (!s.warnings.empty()) out += "  warnings by reason: " + reasons(s.warnings) + "\n";
  if (s.merges > 0) {
    char took[32];
    std::snprintf(took, sizeof took, "%.1f s", s.merge_seconds);
    out += "  merged segments " + thousands(s.merges) + (s.merges == 1 ? " time" : " times") +
           " (" + thousands(s.merged_articles) + " articles in the merged shards, " + took + ")\n";
  }
  out += "  peak memory " + thousands(static_cast<long>(s.peak_rss >> 20)) + " MiB";
  if (s.memory_budget > 0) {
    out += " (--memory " + thousands(static_cast<long>(s.memory_budget >> 20)) + " MiB";
    if (s.memory_commits > 0)
      out += "; " + thousands(s.memory_commits) + " early commits to stay within it";
    out += ")";
  }
  out += "\n";
  return out;
}

std::string format_summary_json(const IndexStats& s, const CompactStats* compact) {
  std::string out;
  JsonWriter w(&out);
  w.begin_object();
  w.field("read", s.read);
  w.field("indexed", s.indexed);
  w.field("added", s.added);
  w.field("replaced", s.replaced);
  w.field("skipped", s.total_skipped());
  w.key("skipped_by_reason");
  w.begin_object();
  for (const auto& [reason, n] : s.skipped) w.field(reason, n);
  w.end_object();
  w.field("warnings", s.total_warnings());
  w.key("warnings_by_reason");
  w.begin_object();
  for (const auto& [reason, n] : s.warnings) w.field(reason, n);
  w.end_object();
  w.field("files", s.files);
  w.field("files_ignored", s.files_ignored);
  w.field("shards", s.shards);
  w.field("merges", s.merges);
  w.field("merged_articles", s.merged_articles);
  w.key("merge_seconds");
  w.value(s.merge_seconds, 3);
  w.key("seconds");
  w.value(s.seconds, 3);
  w.field("interrupted", s.interrupted);
  w.field("peak_rss_bytes", static_cast<long>(s.peak_rss));
  w.field("memory_commits", s.memory_commits);
  if (compact != nullptr) {
    w.key("compact");
    write_compact_json(&w, *compact);
  }
  w.end_object();
  out += '\n';
  return out;
}

}  // namespace gazette

// gazette-index: parse options, run the pipeline, map failures to exit codes.

#include <xapian.h>

#include <atomic>
#include <optional>
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>

#include "common/error.h"
#include "common/json_writer.h"
#include "indexer/check.h"
#include "indexer/maintenance.h"
#include "indexer/options.h"
#include "indexer/pipeline.h"

namespace {

std::atomic<bool> g_interrupt{false};

extern "C" void on_signal(int) { g_interrupt.store(true); }

}  // namespace

int main(int argc, char** argv) try {
  gazette::IndexerOptions options;
  if (!gazette::parse_indexer_options(argc, argv, &options)) return gazette::kExitOk;

  struct sigaction sa = {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  if (options.check) {
    return gazette::check_index(options.db) == 0 ? gazette::kExitOk : gazette::kExitFailure;
  }
  const gazette::LockWait wait = gazette::LockWait::for_seconds(options.wait_seconds, &g_interrupt);
  std::optional<gazette::CompactStats> compacted;
  auto compact = [&] {
    compacted = gazette::compact_index(options.db, wait);
    std::fputs(gazette::format_compact_summary(*compacted, options.db).c_str(), stderr);
  };

  if (options.delete_ids || options.inputs.empty()) {  // --delete, or --compact alone
    if (options.rebuild_stores) {
      const unsigned shards = gazette::rebuild_stores(options.db, wait);
      std::fprintf(stderr, "gazette-index: rebuilt the facet store of %u shard%s of '%s'\n",
                   shards, shards == 1 ? "" : "s", options.db.c_str());
    }
    std::optional<gazette::DeleteStats> deleted;
    if (options.delete_ids) {
      deleted = gazette::delete_articles(options.db, gazette::collect_delete_ids(options.inputs),
                                         wait);
      std::fputs(gazette::format_delete_summary(*deleted, options.db).c_str(), stderr);
    }
    if (options.compact) compact();
    if (options.summary_json) {
      std::string out;
      gazette::JsonWriter w(&out);
      w.begin_object();
      if (deleted) gazette::write_delete_json(&w, *deleted);
      if (compacted) {
        w.key("compact");
        gazette::write_compact_json(&w, *compacted);
      }
      w.end_object();
      std::puts(out.c_str());
    }
    return gazette::kExitOk;
  }
  gazette::IndexStats stats = gazette::run_indexer(options, g_interrupt);
  std::fputs(gazette::format_summary(stats, options.db).c_str(), stderr);
  if (options.compact && !stats.interrupted && !stats.printed) compact();
  if (options.summary_json)
    std::fputs(gazette::format_summary_json(stats, compacted ? &*compacted : nullptr).c_str(), stdout);
  return stats.interrupted ? gazette::kExitFailure : gazette::kExitOk;
} catch (const gazette::UsageError& e) {
  std::cerr << "gazette-index: " << e.what() << "\n(see gazette-index --help)\n";
  return gazette::kExitUsage;
} catch (const gazette::Error& e) {
  std::cerr << "gazette-index: " << e.what() << '\n';
  return gazette::kExitFailure;
} catch (const Xapian::Error& e) {
  std::cerr << "gazette-index: " << e.get_description() << '\n';
  return gazette::kExitFailure;
} catch (const std::exception& e) {
  std::cerr << "gazette-index: " << e.what() << '\n';
  return gazette::kExitFailure;
}

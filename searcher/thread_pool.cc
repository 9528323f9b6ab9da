#include "searcher/thread_pool.h"

#include <chrono>

namespace gazette {
namespace {

// How long an idle worker, or a waiting caller, polls before it sleeps. A
// query's shard tasks take 0.05-0.5 ms and a batch sends the next query tens
// of microseconds after the last; a futex sleep and wake-up costs about as
// much on a small VM, so a short poll catches most hand-overs awake.
constexpr auto kSpin = std::chrono::microseconds(200);

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Polls `done` until it returns true or kSpin has passed; returns its last answer.
template <typename Pred>
bool spin_until(Pred done) {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  for (unsigned i = 0;; ++i) {
    if (done()) return true;
    cpu_relax();
    if ((i & 63) == 63 && std::chrono::steady_clock::now() >= until) return done();
  }
}

}  // namespace

ThreadPool::ThreadPool(size_t threads) {
  for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    stopping_.store(true, std::memory_order_release);
  }
  work_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void ThreadPool::submit(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    tasks_.push_back(std::move(task));
    queued_.fetch_add(1, std::memory_order_release);
    outstanding_.fetch_add(1, std::memory_order_release);
  }
  work_.notify_one();  // no system call when every worker is polling
}

void ThreadPool::wait() {
  spin_until([&] { return outstanding_.load(std::memory_order_acquire) == 0; });
  std::unique_lock lock(mu_);
  done_.wait(lock, [&] { return outstanding_.load(std::memory_order_relaxed) == 0; });
  if (error_) {
    std::exception_ptr e = error_;
    error_ = nullptr;
    std::rethrow_exception(e);
  }
}

void ThreadPool::loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    if (tasks_.empty() && !stop_) {
      lock.unlock();
      spin_until([&] {
        return queued_.load(std::memory_order_acquire) != 0 ||
               stopping_.load(std::memory_order_acquire);
      });
      lock.lock();
    }
    work_.wait(lock, [&] { return stop_ || !tasks_.empty(); });
    if (tasks_.empty()) return;  // stop_ and drained
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    queued_.fetch_sub(1, std::memory_order_relaxed);
    lock.unlock();
    try {
      task();
    } catch (...) {
      std::lock_guard guard(mu_);
      if (!error_) error_ = std::current_exception();
    }
    lock.lock();
    if (outstanding_.fetch_sub(1, std::memory_order_acq_rel) == 1) done_.notify_all();
  }
}

}  // namespace gazette

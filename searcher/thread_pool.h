#pragma once
// A small fixed-size thread pool for per-shard work. Tasks are submitted as a
// batch and waited for; an exception thrown by a task is rethrown by wait().
// Thread-safe for one submitting thread.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gazette {

class ThreadPool {
 public:
  explicit ThreadPool(size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  void submit(std::function<void()> task);
  // Blocks until every submitted task has finished; rethrows the first
  // exception a task threw.
  void wait();

  size_t size() const { return threads_.size(); }

 private:
  void loop();

  std::mutex mu_;
  std::condition_variable work_, done_;
  std::deque<std::function<void()>> tasks_;
  bool stop_ = false;
  // Read without the lock by polling threads (see thread_pool.cc).
  std::atomic<size_t> queued_{0};       // tasks not yet taken
  std::atomic<size_t> outstanding_{0};  // tasks not yet finished
  std::atomic<bool> stopping_{false};
  std::exception_ptr error_;
  std::vector<std::thread> threads_;
};

}  // namespace gazette

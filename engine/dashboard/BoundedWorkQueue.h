// The dashboard's workers: a fixed number of threads and a bounded queue of
// accepted requests. cpp-httplib's own pool (0.11, Debian 12's) queues
// every accepted connection without limit; with this one, once the queue is
// full the listener waits in enqueue() until a worker takes a request, and
// further connections wait in the kernel's listen backlog: what a flood of
// connections costs kithd is bounded here, not by the flood.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kith::engine {

class BoundedWorkQueue {
 public:
  BoundedWorkQueue(std::size_t workers, std::size_t max_waiting);
  ~BoundedWorkQueue();  // shutdown()
  BoundedWorkQueue(const BoundedWorkQueue&) = delete;
  BoundedWorkQueue& operator=(const BoundedWorkQueue&) = delete;

  // Blocks while max_waiting jobs are waiting; after shutdown() the job is
  // run on the caller's thread, so that what it holds (a socket) is still
  // released.
  void enqueue(std::function<void()> job);
  // Runs the jobs already queued, then joins the workers. Idempotent.
  void shutdown();
  std::size_t waiting() const;

 private:
  void work();

  const std::size_t max_waiting_;
  mutable std::mutex mutex_;
  std::condition_variable job_ready_;
  std::condition_variable room_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace kith::engine

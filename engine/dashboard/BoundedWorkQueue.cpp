#include "dashboard/BoundedWorkQueue.h"

#include <algorithm>

namespace kith::engine {

BoundedWorkQueue::BoundedWorkQueue(std::size_t workers, std::size_t max_waiting)
    : max_waiting_(std::max<std::size_t>(1, max_waiting)) {
  for (std::size_t i = 0; i < std::max<std::size_t>(1, workers); ++i) workers_.emplace_back([this] { work(); });
}

BoundedWorkQueue::~BoundedWorkQueue() { shutdown(); }

void BoundedWorkQueue::enqueue(std::function<void()> job) {
  {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return stopping_ || jobs_.size() < max_waiting_; });
    if (!stopping_) {
      jobs_.push_back(std::move(job));
      job_ready_.notify_one();
      return;
    }
  }
  job();
}

void BoundedWorkQueue::shutdown() {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
  }
  job_ready_.notify_all();
  room_.notify_all();
  for (auto& worker : workers_)
    if (worker.joinable()) worker.join();
  const std::lock_guard lock(mutex_);
  workers_.clear();
}

std::size_t BoundedWorkQueue::waiting() const {
  const std::lock_guard lock(mutex_);
  return jobs_.size();
}

void BoundedWorkQueue::work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      job_ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and nothing left
      job = std::move(jobs_.front());
      jobs_.pop_front();
      room_.notify_one();
    }
    job();
  }
}

}  // namespace kith::engine

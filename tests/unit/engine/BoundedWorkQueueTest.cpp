// The dashboard's bounded worker queue: jobs run on the workers, at most
// max_waiting wait, and one more blocks its caller until a worker takes one.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "dashboard/BoundedWorkQueue.h"

namespace kith::engine {
namespace bounded_work_queue_test {

using namespace std::chrono_literals;

TEST(BoundedWorkQueue, RunsEveryJobOnItsWorkers) {
  std::atomic<int> ran{0};
  std::atomic<bool> on_caller{false};
  const auto caller = std::this_thread::get_id();
  {
    BoundedWorkQueue queue(2, 4);
    for (int i = 0; i < 100; ++i)
      queue.enqueue([&] {
        if (std::this_thread::get_id() == caller) on_caller = true;
        ++ran;
      });
  }  // the destructor runs what is still queued
  EXPECT_EQ(ran, 100);
  EXPECT_FALSE(on_caller);
}

TEST(BoundedWorkQueue, AFullQueueHoldsTheCallerUntilAWorkerTakesAJob) {
  BoundedWorkQueue queue(1, 2);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  queue.enqueue([&] {
    started.set_value();
    released.wait();
  });
  started.get_future().wait();  // the worker is busy: nothing more is taken
  queue.enqueue([] {});
  queue.enqueue([] {});
  EXPECT_EQ(queue.waiting(), 2u);
  std::atomic<bool> fourth_in{false};
  std::thread caller([&] {
    queue.enqueue([] {});
    fourth_in = true;
  });
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(fourth_in) << "a third job waited beside two, past max_waiting";
  EXPECT_EQ(queue.waiting(), 2u);
  release.set_value();
  caller.join();
  EXPECT_TRUE(fourth_in);
  queue.shutdown();
  EXPECT_EQ(queue.waiting(), 0u);
}

TEST(BoundedWorkQueue, AfterShutdownAJobRunsOnTheCaller) {
  BoundedWorkQueue queue(1, 1);
  queue.shutdown();
  bool ran = false;
  queue.enqueue([&] { ran = true; });
  EXPECT_TRUE(ran);
  queue.shutdown();  // again: nothing happens
}

}  // namespace bounded_work_queue_test
}  // namespace kith::engine

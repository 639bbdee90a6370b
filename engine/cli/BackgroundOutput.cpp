#include "cli/BackgroundOutput.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <unistd.h>

namespace kith::engine {

namespace {

constexpr std::size_t kMaxQueued = 4;

// Every byte of `block` to `fd`; the error if one stops it.
std::string write_all(int fd, const BackgroundOutput::Block& block) {
  const char* p = block.data.get();
  std::size_t left = block.size;
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::strerror(errno);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return {};
}

}  // namespace

BackgroundOutput::BackgroundOutput(int fd, std::size_t block_bytes) : fd_(fd), block_bytes_(block_bytes) {}

namespace {

// What the program wrote through std::cout goes out before the blocks.
void flush_standard_output(int fd) {
  if (fd != STDOUT_FILENO) return;
  std::cout.flush();
  std::fflush(stdout);
}

}  // namespace

BackgroundOutput::~BackgroundOutput() { static_cast<void>(finish(Block{})); }

BackgroundOutput::Block BackgroundOutput::empty_block() {
  {
    const std::lock_guard lock(mutex_);
    if (!spare_.empty()) {
      Block block = std::move(spare_.back());
      spare_.pop_back();
      block.size = 0;
      return block;
    }
  }
  return {std::make_unique_for_overwrite<char[]>(block_bytes_), 0};
}

void BackgroundOutput::write(Block block) {
  if (block.size == 0) return;
  std::unique_lock lock(mutex_);
  if (!thread_.joinable()) {
    lock.unlock();
    flush_standard_output(fd_);
    lock.lock();
    thread_ = std::thread([this] { run(); });
  }
  changed_.wait(lock, [&] { return queue_.size() < kMaxQueued; });
  queue_.push_back(std::move(block));
  changed_.notify_all();
}

void BackgroundOutput::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return closing_ || !queue_.empty(); });
    if (queue_.empty()) return;  // closing, and all written
    Block block = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    if (error_.empty()) {
      // Written without the lock: the next block is being made meanwhile.
      lock.unlock();
      std::string error = write_all(fd_, block);
      lock.lock();
      if (error_.empty()) error_ = std::move(error);
    }
    spare_.push_back(std::move(block));
  }
}

std::string BackgroundOutput::finish(Block last) {
  if (!thread_.joinable()) {
    // Nothing queued: write here, without a thread.
    if (last.size > 0 && error_.empty()) {
      flush_standard_output(fd_);
      error_ = write_all(fd_, last);
    }
    return error_;
  }
  write(std::move(last));
  {
    const std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  thread_.join();
  const std::lock_guard lock(mutex_);
  closing_ = false;
  return error_;
}

}  // namespace kith::engine

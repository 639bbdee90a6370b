// Output (standard output, as a rule) written by a thread of its own, so that making the next
// block of a long list and the kernel's copying of the last one overlap:
// `kith contacts --json` over 50,000 people is 28 MB, and writing it to a
// file took a fifth of the command's time.
//
// Blocks are written in the order handed over; at most a few wait at a
// time (memory stays bounded whatever the list's length), and their
// buffers are used again. After finish() (or the destructor) everything
// handed over has been written or has failed, and the program may use
// std::cout again.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kith::engine {

class BackgroundOutput {
 public:
  struct Block {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
  };

  // Writes to the descriptor `fd`, which stays open and the caller's.
  BackgroundOutput(int fd, std::size_t block_bytes);
  BackgroundOutput(const BackgroundOutput&) = delete;
  BackgroundOutput& operator=(const BackgroundOutput&) = delete;
  ~BackgroundOutput();

  std::size_t block_bytes() const { return block_bytes_; }
  // An empty block of block_bytes() to fill (any thread may ask).
  Block empty_block();
  // Queues a filled block for writing; waits while the queue is full.
  void write(Block block);
  // Writes `last` after the queued blocks and waits until all are written
  // (a short output, all in `last`, starts no thread). The first write
  // error, if any, as text ("No space left on device"); empty when all
  // went out.
  std::string finish(Block last);

 private:
  void run();

  const int fd_;
  const std::size_t block_bytes_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Block> queue_;
  std::vector<Block> spare_;
  bool closing_ = false;
  std::string error_;
  std::thread thread_;  // started at the first write
};

}  // namespace kith::engine

// Realistic-looking mail for the IMAP benchmark: a fixed pool of people
// (some with RFC 2047 encoded display names), mailing lists, replies, dates
// spread over three years, short plain-text bodies. Deterministic for a
// given seed, so every run seeds the same mailbox.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace kith::bench {

struct GeneratedMessage {
  std::string raw;          // CRLF line ends
  std::int64_t time = 0;    // the Date header's instant (seconds since the epoch, UTC)
  bool seen = true;
};

class MailGenerator {
 public:
  // `owner` is the mailbox owner's address (From of Sent mail, To of most
  // INBOX mail); `people` the size of the correspondent pool.
  MailGenerator(std::uint64_t seed, std::string owner, std::size_t people = 2000);

  // `count` messages for INBOX (received) or Sent (sent by the owner), dated
  // in [from, to) in ascending order. The newest `unseen` carry no \Seen.
  std::vector<GeneratedMessage> inbox(std::size_t count, std::int64_t from, std::int64_t to, std::size_t unseen = 0);
  std::vector<GeneratedMessage> sent(std::size_t count, std::int64_t from, std::int64_t to);

  std::size_t people() const { return people_.size(); }
  std::size_t encoded_names() const { return encoded_names_; }
  // How many messages so far carried a List-Id.
  std::size_t list_messages() const { return list_messages_; }

 private:
  struct Person {
    std::string mailbox;  // header form: Name <addr>, "Last, First" <addr>, =?UTF-8?B?...?= <addr>, or addr
    std::string address;
    std::string first;    // for greetings and signatures in the body (UTF-8)
    std::string domain;
  };
  struct List {
    std::string id;          // List-Id value: Description <id>
    std::string address;     // posting address
    std::string unsubscribe; // List-Unsubscribe value
    std::string bot;         // a From used for automated list mail, or empty
  };

  std::vector<std::int64_t> times(std::size_t count, std::int64_t from, std::int64_t to);
  const Person& correspondent();  // skewed: a few people write often
  std::string message_id(std::int64_t time, const std::string& domain);
  std::string subject(bool reply);
  std::string body(const std::string& greeting_name, const std::string& signature);
  void common_tail(std::string& m, const std::string& subject_line, std::int64_t time, bool reply,
                   const std::string& domain);
  std::uint64_t pick(std::uint64_t n) { return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

  std::mt19937_64 rng_;
  std::string owner_;
  std::vector<Person> people_;
  std::vector<double> cumulative_;  // Zipf-like weights over people_
  std::vector<List> lists_;
  std::vector<std::string> recent_ids_;  // for In-Reply-To / References
  std::uint64_t counter_ = 0;
  std::size_t encoded_names_ = 0;
  std::size_t list_messages_ = 0;
};

}  // namespace kith::bench

#include "transport/ImapSession.h"

#include <algorithm>
#include <deque>
#include <sstream>
#include <type_traits>
#include <variant>

#include "protocol/ImapParser.h"

namespace kith::imap {
namespace {

// "UID FETCH", "LIST": the command's name after its tag, for messages.
std::string command_name(const std::string& text) {
  std::istringstream in(text);
  std::string tag, name, second;
  in >> tag >> name;
  if (name == "UID" && in >> second) name += " " + second;
  return name;
}

}  // namespace

ImapSession::ImapSession(std::unique_ptr<ImapConnection> connection, Logger& logger, FramerLimits limits,
                         CommandLimits command_limits)
    : connection_(std::move(connection)),
      logger_(logger),
      command_limits_(command_limits),
      framer_(limits),
      builder_(tags_),
      buffer_(256 * 1024) {}

Status ImapSession::send_command(const Command& command) {
  // Commands we build fit one part (no synchronizing literal); a part that
  // needed a continuation would stall here, so refuse it plainly.
  if (command.parts.size() != 1) return Status::internal("IMAP command needs a literal round trip: " + command.tag);
  return connection_->send(command.parts.front());
}

Status ImapSession::read_unit(std::string& unit) {
  auto got = read_unit_until(unit, std::chrono::steady_clock::time_point::max());
  return got.status();
}

Result<bool> ImapSession::read_unit_until(std::string& unit, std::chrono::steady_clock::time_point deadline) {
  while (next_ready_ >= ready_.size()) {
    ready_.clear();
    next_ready_ = 0;
    auto received = deadline == std::chrono::steady_clock::time_point::max()
                        ? connection_->receive(buffer_.data(), buffer_.size())
                        : connection_->receive_until(buffer_.data(), buffer_.size(), deadline);
    if (!received) return received.status();
    if (*received == 0) return false;
    if (!framer_.feed(std::string_view(buffer_.data(), *received)))
      return Status::transient("IMAP response too large or malformed: " + framer_.error().message);
    // Views die at the next feed(): copy every complete unit out now.
    while (auto view = framer_.next()) ready_.emplace_back(*view);
  }
  unit = std::move(ready_[next_ready_++]);
  return true;
}

Status ImapSession::run(const Command& command, const UntaggedHandler& on_untagged,
                        const std::optional<CommandLimits>& limits) {
  override_limits_ = limits;
  struct Restore {
    std::optional<CommandLimits>& limits;
    ~Restore() { limits.reset(); }
  } restore{override_limits_};
  Status result;
  auto on_completion = [&](std::size_t, const StatusResponse& status) -> Status {
    if (status.condition != Condition::Ok)
      result = Status::collection(std::string(to_string(status.condition)) + " " + status.text);
    return {};
  };
  auto on_malformed = [&](const std::string& problem, std::size_t) {
    logger_.log(LogLevel::Warn, "ignoring a malformed IMAP response: " + problem);
  };
  if (auto s = run_pipelined({command}, 1, on_untagged, on_completion, on_malformed); !s) return s;
  return result;
}

Status ImapSession::run_pipelined(const std::vector<Command>& commands, std::size_t depth,
                                  const UntaggedHandler& on_untagged, const CompletionHandler& on_completion,
                                  const MalformedHandler& on_malformed) {
  std::size_t next = 0;
  const CommandSource source = [&]() -> std::optional<Command> {
    if (next >= commands.size()) return std::nullopt;
    return commands[next++];
  };
  return run_pipelined(source, depth, on_untagged, on_completion, on_malformed);
}

Status ImapSession::run_pipelined(const CommandSource& next, std::size_t depth, const UntaggedHandler& on_untagged,
                                  const CompletionHandler& on_completion, const MalformedHandler& on_malformed) {
  using Clock = std::chrono::steady_clock;
  struct InFlight {
    std::size_t index;
    std::string tag;
    std::string name;  // "UID FETCH", for messages
    Clock::time_point deadline;
    std::size_t untagged = 0;
    std::size_t untagged_bytes = 0;
  };
  if (depth == 0) depth = 1;
  const CommandLimits limits = override_limits_.value_or(command_limits_);
  std::size_t sent = 0;
  bool exhausted = false;
  std::deque<InFlight> in_flight;  // oldest first
  std::string unit;
  while (!exhausted || !in_flight.empty()) {
    while (!exhausted && in_flight.size() < depth) {
      std::optional<Command> command = next();
      if (!command) {
        exhausted = true;
        break;
      }
      if (auto s = send_command(*command); !s) return s;
      in_flight.push_back({sent++, command->tag, command_name(command->parts.front()),
                           Clock::now() + limits.deadline});
    }
    if (in_flight.empty()) break;
    InFlight& oldest = in_flight.front();
    auto got = read_unit_until(unit, oldest.deadline);
    if (!got) return got.status();
    if (!*got)
      return Status::transient("IMAP server did not complete " + oldest.name + " within " +
                               std::to_string(limits.deadline.count() / 1000) + " s");
    auto parsed = parse_response(unit);
    if (!parsed) {
      // A garbled completion still names its command: do not wait forever.
      const auto tag = peek_tag(unit);
      bool completed = false;
      for (auto it = in_flight.begin(); it != in_flight.end(); ++it)
        if (!tag.empty() && it->tag == tag) {
          const std::size_t index = it->index;
          in_flight.erase(it);
          completed = true;
          StatusResponse status{std::string(tag), Condition::Bad, std::nullopt, "malformed completion"};
          if (auto s = on_completion(index, status); !s) return s;
          break;
        }
      if (!completed) on_malformed(parsed.error().message, in_flight.front().index);
      continue;
    }
    Response& response = *parsed;
    if (auto* status = std::get_if<StatusResponse>(&response)) {
      if (status->condition == Condition::Bye)
        return Status::transient("IMAP server closed the connection: " + status->text);
      if (status->tagged()) {
        bool matched = false;
        for (auto it = in_flight.begin(); it != in_flight.end(); ++it)
          if (it->tag == status->tag) {
            const std::size_t index = it->index;
            in_flight.erase(it);
            matched = true;
            if (auto s = on_completion(index, *status); !s) return s;
            break;
          }
        if (!matched) logger_.log(LogLevel::Warn, "IMAP completion for an unknown tag " + status->tag);
        continue;
      }
    }
    if (std::holds_alternative<ContinuationRequest>(response)) continue;  // nothing of ours waits for one
    oldest.untagged_bytes += unit.size();
    if (++oldest.untagged > limits.max_untagged || oldest.untagged_bytes > limits.max_untagged_bytes)
      return Status::transient("IMAP server sent more than " +
                               (oldest.untagged > limits.max_untagged
                                    ? std::to_string(limits.max_untagged) + " responses"
                                    : std::to_string(limits.max_untagged_bytes) + " bytes") +
                               " to one " + oldest.name + " command");
    on_untagged(response, oldest.index);
  }
  return {};
}

Result<bool> ImapSession::idle_until(std::chrono::steady_clock::time_point deadline) {
  using Clock = std::chrono::steady_clock;
  for (;;) {
    const Command command = builder_.idle();
    if (auto s = send_command(command); !s) return s;
    const auto slice_end = std::min(deadline, Clock::now() + std::chrono::minutes(25));
    bool changed = false, idling = true;
    std::string unit;
    while (idling) {
      auto got = read_unit_until(unit, slice_end);
      if (!got) return got.status();
      if (!*got) break;  // time to renew, or to give up
      auto parsed = parse_response(unit);
      if (!parsed) continue;
      std::visit(
          [&](auto& r) {
            using T = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<T, ExistsResponse> || std::is_same_v<T, ExpungeResponse> ||
                          std::is_same_v<T, VanishedResponse> || std::is_same_v<T, FetchResponse>)
              changed = true;
            if constexpr (std::is_same_v<T, StatusResponse>) {
              if (r.tagged()) idling = false;  // the server refused or ended the IDLE
              if (r.condition == Condition::Bye) changed = true;  // let a sync find out what happened
            }
          },
          *parsed);
      if (changed) break;
    }
    // End the IDLE and wait for its completion.
    if (idling) {
      if (auto s = connection_->send(CommandBuilder::done()); !s) return s;
      for (;;) {
        if (auto s = read_unit(unit); !s) return s;
        auto parsed = parse_response(unit);
        if (!parsed) continue;
        if (auto* st = std::get_if<StatusResponse>(&*parsed); st && st->tagged()) break;
        if (std::holds_alternative<ExistsResponse>(*parsed)) changed = true;
      }
    }
    if (changed) return true;
    if (Clock::now() >= deadline) return false;
  }
}

void ImapSession::logout() {
  const Command command = builder_.logout();
  (void)run(command, [](Response&, std::size_t) {});
}

}  // namespace kith::imap

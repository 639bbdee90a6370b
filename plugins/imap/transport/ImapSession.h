// Commands and responses over one logged-in ImapConnection: reads bytes,
// frames and parses them, matches tagged completions to commands, and
// keeps several commands in flight when asked (pipelining).
#pragma once

#include <cstddef>
#include <chrono>
#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "kith/Host.h"
#include "kith/Status.h"
#include "protocol/ImapCommand.h"
#include "protocol/ImapFramer.h"
#include "protocol/ImapResponse.h"
#include "protocol/ImapTag.h"
#include "transport/ImapConnection.h"

namespace kith::imap {

// What one command may cost, whatever the server sends: at most
// `max_untagged` untagged responses of at most `max_untagged_bytes` in
// all before its completion, and at most `deadline` from sending it to
// its completion (silence alone is timed by the connection's I/O
// timeout). Past any, the run ends with a Transient error naming the
// command.
struct ImapCommandLimits {
  std::size_t max_untagged = 100000;
  std::size_t max_untagged_bytes = 256u * 1024 * 1024;
  std::chrono::milliseconds deadline{std::chrono::minutes(10)};
};

class ImapSession {
 public:
  // Called for every untagged response while commands run. `in_flight`
  // is the index (in the list given to run_pipelined) of the oldest command
  // not yet completed: the one untagged data belongs to on servers that
  // answer in order.
  using UntaggedHandler = std::function<void(Response& response, std::size_t in_flight)>;
  // Called once per command, in completion order, with its tagged status.
  // Return non-OK to stop the whole run.
  using CompletionHandler = std::function<Status(std::size_t index, const StatusResponse& status)>;
  // Called for a unit that does not parse; the session goes on.
  using MalformedHandler = std::function<void(const std::string& problem, std::size_t in_flight)>;
  // The next command to send, built only when there is room in the
  // pipeline; nullopt when there are no more. Commands are numbered from 0
  // in the order this returns them.
  using CommandSource = std::function<std::optional<Command>()>;

  using CommandLimits = ImapCommandLimits;

  ImapSession(std::unique_ptr<ImapConnection> connection, Logger& logger, FramerLimits limits,
              CommandLimits command_limits = {});

  CommandBuilder& commands() { return builder_; }

  // Runs one command to completion. A tagged NO/BAD is returned as a
  // Collection error carrying the server's text (the caller decides how
  // bad it is); BYE or a lost connection as Transient.
  // `limits` replaces the session's for this command (LIST has tighter ones).
  Status run(const Command& command, const UntaggedHandler& on_untagged,
             const std::optional<CommandLimits>& limits = std::nullopt);

  // Sends `commands` keeping at most `depth` of them in flight.
  Status run_pipelined(const std::vector<Command>& commands, std::size_t depth, const UntaggedHandler& on_untagged,
                       const CompletionHandler& on_completion, const MalformedHandler& on_malformed);
  // The same with commands built as they are sent, so memory stays
  // proportional to `depth`, not to how many commands there are.
  Status run_pipelined(const CommandSource& next, std::size_t depth, const UntaggedHandler& on_untagged,
                       const CompletionHandler& on_completion, const MalformedHandler& on_malformed);

  // IDLE (RFC 2177) on the selected mailbox until the server reports new
  // mail, an expunge or a flag change (true), or `deadline` (false).
  // Re-issued every 25 minutes: servers drop an IDLE after 30.
  Result<bool> idle_until(std::chrono::steady_clock::time_point deadline);

  // Sends LOGOUT and waits briefly; errors are ignored (we are leaving).
  void logout();

 private:
  Status send_command(const Command& command);
  // Reads until at least one unit is framed; parses the next one.
  Status read_unit(std::string& unit);
  // The same, but gives up at `deadline` (false: nothing arrived).
  Result<bool> read_unit_until(std::string& unit, std::chrono::steady_clock::time_point deadline);

  std::unique_ptr<ImapConnection> connection_;
  Logger& logger_;
  CommandLimits command_limits_;
  Framer framer_;
  TagGenerator tags_;
  CommandBuilder builder_;
  std::vector<char> buffer_;
  std::vector<std::string> ready_;  // framed units not yet handled
  // The limits of the command run() is running, when it overrides them.
  std::optional<CommandLimits> override_limits_;
  std::size_t next_ready_ = 0;
};

}  // namespace kith::imap

#include "sync/ImapProvider.h"

#include <algorithm>
#include <map>

#include "kith/Boundary.h"
#include "sync/FolderList.h"
#include "sync/FolderSync.h"
#include "transport/ImapSession.h"

namespace kith::imap {

ImapProvider::ImapProvider(const ProviderContext& context)
    : context_(context), settings_(ImapSettings::from(context)) {}

Status ImapProvider::sync(const SyncState& state, BatchSink& sink) noexcept {
  return at_provider_boundary("imap", context_.cancellation(), [&] { return sync_pass(state, sink); });
}

Result<std::unique_ptr<ImapSession>> ImapProvider::open_session(ServerFeatures& features) {
  ImapConnectionOptions options;
  options.url = settings_.url;
  options.username = settings_.username;
  if (context_.secrets().has("oauth_token")) {
    auto token = context_.secrets().resolve("oauth_token");
    if (!token) return token.status();
    options.oauth_token = *token;
  } else {
    auto password = context_.secrets().resolve("password");
    if (!password) return password.status();
    options.password = *password;
  }
  options.require_starttls = settings_.use_starttls;
  if (settings_.url.rfind("imap://", 0) == 0 && !settings_.use_starttls)
    context_.logger().log(LogLevel::Warn, std::string(options.oauth_token ? "the token" : "the password") +
                                              " goes unencrypted to " + settings_.url +
                                              " (imap:// without STARTTLS" +
                                              (ImapConnection::is_loopback_url(settings_.url) ? ", on this machine)" : ")"));
  options.verify_tls = settings_.tls_verify;
  options.ca_file = settings_.ca_file;
  options.io_timeout = settings_.timeout;
  options.connect_timeout = std::min<std::chrono::milliseconds>(settings_.timeout, std::chrono::seconds(60));

  auto connection = ImapConnection::open(options, context_.cancellation());
  if (!connection) return connection.status();
  FramerLimits limits;
  limits.max_literal_bytes = settings_.max_header_bytes;
  limits.max_unit_bytes = settings_.max_header_bytes + 64 * 1024;
  ImapSession::CommandLimits command_limits;
  command_limits.deadline = settings_.command_timeout;
  // A FETCH chunk asks for chunk_size messages; twice that in answers
  // (flag updates come along) is generous.
  command_limits.max_untagged = std::max<std::size_t>(2 * settings_.chunk_size + 1000, 10000);
  auto session = std::make_unique<ImapSession>(std::move(*connection), context_.logger(), limits, command_limits);

  // The capabilities after login (the greeting's list is shorter).
  Status s = session->run(session->commands().capability(), [&](Response& r, std::size_t) {
    if (auto* caps = std::get_if<CapabilityResponse>(&r)) {
      features.condstore = caps->has("CONDSTORE") || caps->has("QRESYNC");
      features.esearch = caps->has("ESEARCH");
      features.special_use = caps->has("SPECIAL-USE");
      features.xlist = caps->has("XLIST");
      features.idle = caps->has("IDLE");
    }
  });
  if (!s) return Status::transient("CAPABILITY failed: " + s.message());
  return session;
}

Result<WatchOutcome> ImapProvider::watch(std::int64_t max_wait_ms) noexcept {
  return at_provider_boundary("imap", context_.cancellation(), [&] { return watch_pass(max_wait_ms); });
}

Result<CheckReport> ImapProvider::check() noexcept {
  return at_provider_boundary("imap", context_.cancellation(), [&] { return check_pass(); });
}

Result<CheckReport> ImapProvider::check_pass() {
  ServerFeatures features;
  auto session = open_session(features);
  if (!session) return session.status();
  auto listing = list_folders(**session, features);
  if (!listing) return listing.status();
  const auto synced = select_folders(*listing, settings_);
  CheckReport report;
  report.supported = true;
  for (const auto& entry : *listing) {
    if (entry.has_attribute("\\NonExistent")) continue;
    CollectionInfo info;
    info.name = entry.mailbox;
    info.role = to_string(folder_role(entry));
    info.synced = std::any_of(synced.begin(), synced.end(), [&](const Folder& f) { return f.name == entry.mailbox; });
    report.collections.push_back(std::move(info));
  }
  (*session)->logout();
  return report;
}

Result<WatchOutcome> ImapProvider::watch_pass(std::int64_t max_wait_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(max_wait_ms);
  ServerFeatures features;
  auto session = open_session(features);
  if (!session) return session.status();
  if (!features.idle) return WatchOutcome::Unsupported;
  auto examine = (*session)->commands().examine("INBOX");
  if (!examine) return Status::internal(examine.error().message);
  if (auto s = (*session)->run(*examine, [](Response&, std::size_t) {}); !s) return s;
  auto changed = (*session)->idle_until(deadline);
  if (!changed) return changed.status();
  (*session)->logout();
  return *changed ? WatchOutcome::Changed : WatchOutcome::TimedOut;
}

Status ImapProvider::sync_pass(const SyncState& state, BatchSink& sink) {
  auto& log = context_.logger();
  ServerFeatures features;
  auto opened = open_session(features);
  if (!opened) return opened.status();
  ImapSession& session = **opened;
  Status s;

  auto listing = list_folders(session, features);
  if (!listing) return listing.status();
  const auto folders = select_folders(*listing, settings_);
  log.log(LogLevel::Debug, "syncing " + std::to_string(folders.size()) + " folders");

  // One pipelined round of STATUS tells which folders have anything new, so
  // a sync with nothing to do costs one round trip, not one per folder.
  StatusItems items{.uid_next = true, .uid_validity = true, .highest_modseq = features.condstore};
  std::vector<Command> status_commands;
  for (const auto& folder : folders) {
    auto c = session.commands().status(folder.name, items);
    if (!c) return Status::internal(c.error().message);
    status_commands.push_back(std::move(*c));
  }
  std::vector<std::optional<MailboxStatusResponse>> statuses(folders.size());
  s = session.run_pipelined(
      status_commands, status_commands.size(),
      [&](Response& r, std::size_t in_flight) {
        if (auto* st = std::get_if<MailboxStatusResponse>(&r)) {
          // Match by name; fall back to the command it answers.
          for (std::size_t i = 0; i < folders.size(); ++i)
            if (folders[i].name == st->mailbox) {
              statuses[i] = *st;
              return;
            }
          if (in_flight < statuses.size()) statuses[in_flight] = *st;
        }
      },
      [&](std::size_t, const StatusResponse&) -> Status { return {}; },
      [&](const std::string& problem, std::size_t) { log.log(LogLevel::Warn, "malformed STATUS answer: " + problem); });
  if (!s) return s;

  Status worst;
  FolderSync folder_sync(session, settings_, features, context_, sink);
  for (std::size_t i = 0; i < folders.size(); ++i) {
    if (context_.cancellation().requested()) return Status::cancelled();
    const auto& folder = folders[i];
    std::optional<FolderCursor> cursor;
    if (auto it = state.cursors.find(folder.name); it != state.cursors.end()) {
      cursor = FolderCursor::decode(it->second);
      if (!cursor) log.log(LogLevel::Warn, "unreadable cursor for '" + folder.name + "'; reading the folder again");
    }
    if (statuses[i] && folder_unchanged(cursor, *statuses[i])) continue;
    s = folder_sync.run(folder, cursor);
    if (s.kind() == ErrorKind::Collection) {
      // One bad folder must not stop the others.
      log.log(LogLevel::Warn, s.message());
      worst = s;
      continue;
    }
    if (!s) return s;
  }
  session.logout();
  return worst;
}

}  // namespace kith::imap

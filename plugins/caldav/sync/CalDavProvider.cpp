#include "sync/CalDavProvider.h"

#include <algorithm>

#include "kith/Boundary.h"
#include "sync/CalendarSync.h"
#include "sync/Discovery.h"
#include "transport/HttpClient.h"

namespace kith::caldav {

CalDavProvider::CalDavProvider(const ProviderContext& context)
    : context_(context), settings_(CalDavSettings::from(context)) {}

Status CalDavProvider::sync(const SyncState& state, BatchSink& sink) noexcept {
  return at_provider_boundary("caldav", context_.cancellation(), [&] { return sync_pass(state, sink); });
}

Result<HttpOptions> CalDavProvider::http_options() const {
  HttpOptions options;
  options.account_url = settings_.url;
  options.trusted_hosts = settings_.trusted_hosts;
  options.username = settings_.username;
  if (context_.secrets().has("oauth_token")) {
    auto token = context_.secrets().resolve("oauth_token");
    if (!token) return token.status();
    options.bearer_token = *token;
  } else if (context_.secrets().has("password")) {
    auto password = context_.secrets().resolve("password");
    if (!password) return password.status();
    options.password = *password;
  }
  options.verify_tls = settings_.tls_verify;
  options.ca_file = settings_.ca_file;
  options.timeout = settings_.timeout;
  if (settings_.url.rfind("http://", 0) == 0 && (options.password || options.bearer_token))
    context_.logger().log(LogLevel::Warn, std::string(options.bearer_token ? "the token" : "the password") +
                                              " goes unencrypted to " + settings_.url + " (http://, not https://)");
  return options;
}

Result<CheckReport> CalDavProvider::check() noexcept {
  return at_provider_boundary("caldav", context_.cancellation(), [&] { return check_pass(); });
}

Result<CheckReport> CalDavProvider::check_pass() {
  auto options = http_options();
  if (!options) return options.status();
  HttpClient http(*options, context_.cancellation());
  auto all = discover_calendars(http, settings_);
  if (!all) return all.status();
  const auto synced = select_calendars(*all, settings_);
  CheckReport report;
  report.supported = true;
  for (const auto& calendar : *all) {
    CollectionInfo info;
    info.name = calendar.displayname.empty() ? calendar.path : calendar.displayname;
    info.role = "calendar";
    info.synced = std::any_of(synced.begin(), synced.end(),
                              [&](const CalendarInfo& c) { return c.path == calendar.path; });
    report.collections.push_back(std::move(info));
  }
  return report;
}

Status CalDavProvider::sync_pass(const SyncState& state, BatchSink& sink) {
  auto& log = context_.logger();
  auto options = http_options();
  if (!options) return options.status();
  HttpClient http(*options, context_.cancellation());

  auto all = discover_calendars(http, settings_);
  if (!all) return all.status();
  const auto calendars = select_calendars(*all, settings_);
  log.log(LogLevel::Debug, "syncing " + std::to_string(calendars.size()) + " of " + std::to_string(all->size()) + " calendars");

  Status worst;
  CalendarSync calendar_sync(http, settings_, context_, sink);
  for (const auto& calendar : calendars) {
    if (context_.cancellation().requested()) return Status::cancelled();
    std::optional<CalendarCursor> cursor;
    if (auto it = state.cursors.find(calendar.path); it != state.cursors.end()) {
      cursor = CalendarCursor::decode(it->second);
      if (!cursor) log.log(LogLevel::Warn, "unreadable cursor for '" + calendar.path + "'; listing it again");
    }
    Status s = calendar_sync.run(calendar, cursor);
    if (s.kind() == ErrorKind::Collection) {
      log.log(LogLevel::Warn, s.message());  // one bad calendar must not stop the others
      worst = s;
      continue;
    }
    if (!s) return s;
  }
  return worst;
}

}  // namespace kith::caldav

#include "sync/CardDavProvider.h"

#include <algorithm>

#include "dav/transport/AccountHttpOptions.h"
#include "dav/xml/DavProtocol.h"
#include "kith/Boundary.h"
#include "sync/AddressBookDiscovery.h"
#include "sync/AddressBookSync.h"

namespace kith::carddav {

CardDavProvider::CardDavProvider(const ProviderContext& context)
    : context_(context), settings_(CardDavSettings::from(context)) {}

Status CardDavProvider::sync(const SyncState& state, BatchSink& sink) noexcept {
  return at_provider_boundary("carddav", context_.cancellation(), [&] { return sync_pass(state, sink); });
}

Result<CheckReport> CardDavProvider::check() noexcept {
  return at_provider_boundary("carddav", context_.cancellation(), [&] { return check_pass(); });
}

Result<CheckReport> CardDavProvider::check_pass() {
  auto options = dav::account_http_options(settings_.connection, context_, dav::kCardDavProtocol.name);
  if (!options) return options.status();
  dav::HttpClient http(*options, context_.cancellation());
  auto all = discover_addressbooks(http, settings_);
  if (!all) return all.status();
  const auto synced = select_addressbooks(*all, settings_);
  CheckReport report;
  report.supported = true;
  for (const auto& book : *all) {
    CollectionInfo info;
    info.name = book.displayname.empty() ? book.path : book.displayname;
    info.role = "addressbook";
    info.synced = std::any_of(synced.begin(), synced.end(),
                              [&](const dav::DavCollection& c) { return c.path == book.path; });
    report.collections.push_back(std::move(info));
  }
  return report;
}

Status CardDavProvider::sync_pass(const SyncState& state, BatchSink& sink) {
  auto& log = context_.logger();
  auto options = dav::account_http_options(settings_.connection, context_, dav::kCardDavProtocol.name);
  if (!options) return options.status();
  dav::HttpClient http(*options, context_.cancellation());

  auto all = discover_addressbooks(http, settings_);
  if (!all) return all.status();
  const auto books = select_addressbooks(*all, settings_);
  log.log(LogLevel::Debug, "syncing " + std::to_string(books.size()) + " of " + std::to_string(all->size()) +
                               " address books");

  Status worst;
  AddressBookSync book_sync(http, settings_, context_, sink);
  for (const auto& book : books) {
    if (context_.cancellation().requested()) return Status::cancelled();
    std::optional<dav::CollectionCursor> cursor;
    if (auto it = state.cursors.find(book.path); it != state.cursors.end()) {
      cursor = dav::CollectionCursor::decode(it->second);
      if (!cursor) log.log(LogLevel::Warn, "unreadable cursor for '" + book.path + "'; listing it again");
    }
    Status s = book_sync.run(book, cursor);
    if (s.kind() == ErrorKind::Collection) {
      log.log(LogLevel::Warn, s.message());  // one bad address book must not stop the others
      worst = s;
      continue;
    }
    if (!s) return s;
  }
  return worst;
}

}  // namespace kith::carddav

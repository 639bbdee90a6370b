// An address book's first sync: its cards by one addressbook-query, stored
// while the server lists the address book (dav/sync/FirstSyncQuery.h).
#include "dav/sync/FirstSyncQuery.h"
#include "dav/xml/AddressBookRequests.h"
#include "sync/AddressBookSync.h"

namespace kith::carddav {

Result<bool> AddressBookSync::first_sync_by_query(const dav::DavCollection& book) {
  auto request = dav::addressbook_query();
  if (!request) return Status::internal(request.error().message);
  Pending pending;  // filled on the query's thread, read here once it is done
  auto changes = dav::first_sync_by_query(
      http_, book,
      {dav::kCardDavProtocol, *request, "addressbook-query", change_options_, settings_.max_addressbook_members},
      context_.logger(), context_.cancellation(), [&](dav::DavResponse&& r, std::size_t done) -> Status {
        read_member(book, std::move(r), pending, nullptr);
        if (pending.resources < settings_.batch_size) return {};
        return commit(book, pending, done);
      });
  if (!changes) return changes.status();
  if (!*changes) return false;
  if (pending.resources > 0)
    if (auto s = commit(book, pending, (*changes)->delivered); !s) return s;
  queried_ = true;
  if (auto s = fetch_and_commit(book, **changes); !s) return s;
  return true;
}

}  // namespace kith::carddav

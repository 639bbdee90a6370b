#include "sync/AddressBookSync.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "dav/sync/CollectionRequests.h"
#include "dav/xml/DavProtocol.h"
#include "dav/xml/DavRequests.h"
#include "dav/xml/Multistatus.h"
#include "kith/contacts/VCardReader.h"
#include "kith/kit/BatchWriter.h"

namespace kith::carddav {

AddressBookSync::AddressBookSync(dav::HttpClient& http, const CardDavSettings& settings,
                                 const ProviderContext& context, BatchSink& sink)
    : http_(http), settings_(settings), context_(context), sink_(sink) {
  change_options_.use_sync_token = settings.use_sync_token;
  change_options_.max_members = settings.max_addressbook_members;
  change_options_.max_members_setting = "max_addressbook_members";
  change_options_.keep_members = true;  // see AddressBookSync.h
}

Status AddressBookSync::fetch_and_commit(const dav::DavCollection& book, dav::CollectionChanges& changes) {
  // The kit's batch writer: one commit per multiget answer, without a
  // cursor (a crash re-reads the address book from the stored one); the
  // last commit carries the removals and the new cursor.
  kit::BatchWriter out(sink_, book.path, {.batch_size = SIZE_MAX, .total = changes.changed.size()});
  std::optional<std::string> cursor;  // set only for the last commit
  out.cursor_after([&cursor] { return cursor; });

  for (std::size_t start = 0; start < changes.changed.size(); start += settings_.multiget_size) {
    if (context_.cancellation().requested()) return Status::cancelled();
    const std::size_t end = std::min(changes.changed.size(), start + settings_.multiget_size);
    std::vector<std::string> hrefs(changes.changed.begin() + static_cast<std::ptrdiff_t>(start),
                                   changes.changed.begin() + static_cast<std::ptrdiff_t>(end));
    auto request = dav::multiget(dav::kCardDavProtocol, hrefs);
    if (!request) return Status::internal(request.error().message);
    auto response = http_.perform(dav::to_http(*request, book.url));
    if (!response) return response.status();
    if (response->status != 207) return dav::collection_failed("addressbook-multiget of", book, response->status);
    // Each card is read as it arrives, so one answer costs the cards it
    // holds, not its XML. Failures are reported only once the whole answer
    // has proved readable, and at most one answer per href asked: a server
    // that sends more gets the rest ignored.
    std::vector<ContactCard> cards;
    std::vector<ContactRemoval> removals;
    std::vector<std::pair<std::string, Status>> failures;
    std::size_t answered = 0;
    auto ms = dav::for_each_response(response->body, [&](dav::DavResponse&& r) {
      if (++answered > hrefs.size()) return;
      std::string resource = dav::normalized(r.href);
      if (r.status == 404) {  // deleted between the listing and now
        changes.next.etags.erase(resource);
        removals.push_back({book.path, std::move(resource)});
        return;
      }
      if (!r.address_data) {
        failures.emplace_back(std::move(resource), Status::item("the server sent no address data"));
        return;
      }
      auto parsed = kith::contacts::read_vcards(*r.address_data, book.path, resource);
      if (!parsed) {
        failures.emplace_back(std::move(resource), parsed.status());
        return;
      }
      for (auto& card : *parsed) cards.push_back(std::move(card));
    });
    if (!ms) return Status::transient("unreadable multiget answer for '" + book.path + "': " + ms.error().message);
    if (answered > hrefs.size()) {
      context_.logger().log(LogLevel::Warn, "addressbook-multiget of '" + book.path + "' answered " +
                                                std::to_string(answered) + " resources for " +
                                                std::to_string(hrefs.size()) + " asked; the rest were ignored");
    }
    for (const auto& [resource, status] : failures) out.item_failed(resource, status);
    if (auto s = out.add_group(std::move(cards)); !s) return s;
    if (auto s = out.add_group(std::move(removals)); !s) return s;
    out.progress_at(end);  // resources, not cards
    if (auto s = out.commit(); !s) return s;
  }

  std::vector<ContactRemoval> removed;
  for (const auto& href : changes.removed) removed.push_back({book.path, href});
  if (auto s = out.add_group(std::move(removed)); !s) return s;
  cursor = changes.next.encode();
  return out.finish();
}

Status AddressBookSync::run(const dav::DavCollection& book, const std::optional<dav::CollectionCursor>& stored) {
  dav::ChangeFinder finder(http_, change_options_, context_.logger());
  auto changes = finder.find(book, stored);
  if (!changes) return changes.status();
  if (changes->unchanged) return {};
  return fetch_and_commit(book, *changes);
}

}  // namespace kith::carddav

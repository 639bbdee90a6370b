#include "sync/AddressBookSync.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "dav/sync/CollectionRequests.h"
#include "dav/sync/QueryListing.h"
#include "dav/xml/AddressBookRequests.h"
#include "dav/xml/DavProtocol.h"
#include "dav/xml/DavRequests.h"
#include "dav/xml/Multistatus.h"
#include "kith/contacts/VCardReader.h"

namespace kith::carddav {

AddressBookSync::AddressBookSync(dav::HttpClient& http, const CardDavSettings& settings,
                                 const ProviderContext& context, BatchSink& sink)
    : http_(http), settings_(settings), context_(context), sink_(sink) {
  change_options_.use_sync_token = settings.use_sync_token;
  change_options_.max_members = settings.max_addressbook_members;
  change_options_.max_members_setting = "max_addressbook_members";
  change_options_.keep_members = true;  // see AddressBookSync.h
}

// What one member of an answer (a listing with data, or a multiget) holds
// for the address book: its cards, its removal, or why it cannot be read.
void AddressBookSync::read_member(const dav::DavCollection& book, dav::DavResponse&& r, Pending& into,
                                  dav::CollectionCursor* cursor) const {
  ++into.resources;
  std::string resource = dav::normalized(r.href);
  if (r.status == 404) {  // deleted between the listing and now
    if (cursor) cursor->etags.erase(resource);
    into.removals.push_back({book.path, std::move(resource)});
    return;
  }
  if (!r.address_data) {
    into.failures.emplace_back(std::move(resource), Status::item("the server sent no address data"));
    return;
  }
  auto parsed = kith::contacts::read_vcards(*r.address_data, book.path, resource);
  if (!parsed) {
    into.failures.emplace_back(std::move(resource), parsed.status());
    return;
  }
  for (auto& card : *parsed) into.cards.push_back(std::move(card));
}

// The kit's batch writer, made at the first commit of the pass: one commit
// per multiget answer or per batch_size members of a listing, without a
// cursor (a crash re-reads the address book from the stored one); the last
// commit carries the removals and the new cursor.
kit::BatchWriter& AddressBookSync::writer(const dav::DavCollection& book) {
  if (!out_) {
    out_.emplace(sink_, book.path, kit::BatchOptions{.batch_size = SIZE_MAX, .total = 0});
    out_->cursor_after([this] { return cursor_; });
  }
  return *out_;
}

Status AddressBookSync::commit(const dav::DavCollection& book, Pending& pending, std::uint64_t done) {
  kit::BatchWriter& out = writer(book);
  for (const auto& [resource, status] : pending.failures) out.item_failed(resource, status);
  if (auto s = out.add_group(std::move(pending.cards)); !s) return s;
  if (auto s = out.add_group(std::move(pending.removals)); !s) return s;
  pending = Pending{};
  out.progress_at(done);  // resources, not cards
  return out.commit();
}

// A listing from scratch that did not bring the cards: every card in one
// addressbook-query (dav/sync/QueryListing.h); what it did not return stays
// in `changes.changed` for the multiget.
Status AddressBookSync::query_listed(const dav::DavCollection& book, dav::CollectionChanges& changes) {
  auto request = dav::addressbook_query();
  if (!request) return Status::internal(request.error().message);
  Pending pending;
  auto read = dav::fetch_listed_by_query(http_, dav::kCardDavProtocol, book, *request, "addressbook-query", changes,
                                         settings_.multiget_size, context_.logger(),
                                         [&](dav::DavResponse&& r, std::size_t done) -> Status {
                                           read_member(book, std::move(r), pending, &changes.next);
                                           if (pending.resources < settings_.batch_size) return {};
                                           return commit(book, pending, done);
                                         });
  if (!read) return read;
  if (pending.resources > 0) return commit(book, pending, changes.delivered);
  return {};
}

Status AddressBookSync::fetch_and_commit(const dav::DavCollection& book, dav::CollectionChanges& changes) {
  // What the listing brought and is not committed yet goes first.
  if (listed_.resources > 0)
    if (auto s = commit(book, listed_, changes.delivered); !s) return s;
  if (changes.full_listing && !queried_ && changes.changed.size() > settings_.multiget_size)
    if (auto s = query_listed(book, changes); !s) return s;
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
    Pending answer;
    std::size_t answered = 0;
    auto ms = dav::for_each_response(response->body, [&](dav::DavResponse&& r) {
      if (++answered > hrefs.size()) return;
      read_member(book, std::move(r), answer, &changes.next);
    });
    if (!ms) return Status::transient("unreadable multiget answer for '" + book.path + "': " + ms.error().message);
    if (answered > hrefs.size()) {
      context_.logger().log(LogLevel::Warn, "addressbook-multiget of '" + book.path + "' answered " +
                                                std::to_string(answered) + " resources for " +
                                                std::to_string(hrefs.size()) + " asked; the rest were ignored");
    }
    if (auto s = commit(book, answer, changes.delivered + end); !s) return s;
  }

  std::vector<ContactRemoval> removed;
  for (const auto& href : changes.removed) removed.push_back({book.path, href});
  kit::BatchWriter& out = writer(book);
  if (auto s = out.add_group(std::move(removed)); !s) return s;
  cursor_ = changes.next.encode();
  return out.finish();
}

Status AddressBookSync::run(const dav::DavCollection& book, const std::optional<dav::CollectionCursor>& stored) {
  out_.reset();
  cursor_.reset();
  listed_ = Pending{};
  queried_ = false;
  if (!stored && settings_.first_sync_query) {
    auto done = first_sync_by_query(book);
    if (!done) return done.status();
    if (*done) return {};
  }
  // The listing is the fetch where the server sends each card with it:
  // those are read and committed as they come, batch_size at a time.
  std::size_t delivered = 0;
  if (settings_.listing_data) {
    change_options_.with_data = &dav::kCardDavProtocol;
    change_options_.on_member = [&](dav::DavResponse&& member, bool) -> Status {
      if (context_.cancellation().requested()) return Status::cancelled();
      read_member(book, std::move(member), listed_, nullptr);
      ++delivered;
      if (listed_.resources < settings_.batch_size) return {};
      return commit(book, listed_, delivered);
    };
  }
  dav::ChangeFinder finder(http_, change_options_, context_.logger());
  auto changes = finder.find(book, stored);
  change_options_.on_member = nullptr;
  if (!changes) return changes.status();
  if (changes->unchanged) return {};
  return fetch_and_commit(book, *changes);
}

}  // namespace kith::carddav

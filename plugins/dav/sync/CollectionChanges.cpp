#include "dav/sync/CollectionChanges.h"

#include <map>
#include <set>

#include "dav/sync/CollectionRequests.h"
#include "dav/xml/DavError.h"
#include "dav/xml/DavRequests.h"
#include "dav/xml/Href.h"
#include "dav/xml/Multistatus.h"

namespace kith::dav {
namespace {

// Thrown from a response visitor to stop reading a listing over the cap,
// or after on_member failed.
struct TooManyMembers {};
struct MemberFailed {};

}  // namespace

Status ChangeFinder::too_many_members(const DavCollection& collection) const {
  return Status::collection("'" + collection.path + "' lists more than " + std::to_string(options_.max_members) +
                            " members; raise " + std::string(options_.max_members_setting) + " to sync it");
}

Result<CollectionChanges> ChangeFinder::by_token(const DavCollection& collection,
                                                 const std::optional<CollectionCursor>& stored) {
  std::string token = stored && stored->kind == CollectionCursor::Kind::SyncToken ? stored->token : "";
  // What was delivered before (when kept), and what is current as the
  // answers come in.
  const std::map<std::string, std::string> previous =
      options_.keep_members && stored ? stored->etags : std::map<std::string, std::string>{};
  std::map<std::string, std::string> members = previous;
  CollectionChanges changes;
  // Members' text in the listing, until the server refuses it.
  bool with_data = options_.with_data != nullptr && static_cast<bool>(options_.on_member);
  auto without_data = [&](const std::string& why) {
    log_.log(LogLevel::Info, "sync-collection of '" + collection.path + "' with " +
                                 std::string(options_.with_data->data) + " " + why + "; asking for etags only");
    with_data = false;
  };
  // A truncated answer (507) comes with a token to continue from.
  for (int round = 0; round < 1000; ++round) {
    auto request = sync_collection(token, with_data ? options_.with_data : nullptr);
    if (!request) return Status::internal(request.error().message);
    auto response = http_.perform(to_http(*request, collection.url));
    if (!response) {
      // Over the size limit (or refused in some way of the server's own)
      // with every member's text: the etags alone are far smaller.
      if (with_data && response.status().kind() == ErrorKind::Collection) {
        without_data("failed (" + response.status().message() + ")");
        continue;
      }
      return response.status();
    }
    // A refusal that names the token is the token's (below), not the data's.
    if (response->status != 207 && response->status != 401 && with_data &&
        !(!token.empty() && is_invalid_sync_token_error(response->body))) {
      without_data("was answered HTTP " + std::to_string(response->status));
      continue;
    }
    if (response->status != 207) {
      // RFC 6578: an unknown or expired token is a 403/409 with
      // DAV:valid-sync-token; some servers answer 412 or even 500. Any
      // refusal of a token we sent means: list from scratch.
      const bool token_refused =
          !token.empty() && (response->status == 403 || response->status == 409 || response->status == 412 ||
                             response->status == 500 || is_invalid_sync_token_error(response->body));
      if (token_refused) {
        log_.log(LogLevel::Info, "sync token of '" + collection.path + "' no longer valid; listing it again");
        token.clear();
        changes = CollectionChanges{};
        with_data = options_.with_data != nullptr && static_cast<bool>(options_.on_member);
        continue;
      }
      return collection_failed("sync-collection of", collection, response->status);
    }
    // A listing from scratch replaces what was known.
    if (token.empty()) members.clear();
    const bool from_scratch = token.empty();
    // An answer that proves bad halfway fails the whole pass, so what it
    // added is dropped with `changes` (what on_member took stays taken).
    bool truncated = false;
    Status member_failed;
    auto listed = [&] { return changes.changed.size() + changes.removed.size() + changes.delivered; };
    auto ms = for_each_response(response->body, [&](DavResponse&& r) {
      if (same_href(r.href, collection.path)) {
        if (r.status == 507) truncated = true;
        return;
      }
      if (r.status == 404) {
        if (options_.keep_members) members.erase(normalized(r.href));
        changes.removed.push_back(normalized(r.href));
      } else if (r.status == 507) {
        truncated = true;
      } else if (!r.status || *r.status == 200) {
        if (options_.keep_members) members[normalized(r.href)] = r.etag.value_or("");
        if (with_data && (r.*(options_.with_data->member_data)).has_value()) {
          ++changes.delivered;
          if (listed() > options_.max_members) throw TooManyMembers{};
          member_failed = options_.on_member(std::move(r), from_scratch);
          if (!member_failed) throw MemberFailed{};
        } else {
          changes.changed.push_back(std::move(r.href));
        }
      }
      if (listed() > options_.max_members || members.size() > options_.max_members) throw TooManyMembers{};
    });
    if (!member_failed) return member_failed;
    if (listed() > options_.max_members || members.size() > options_.max_members) return too_many_members(collection);
    if (!ms)
      return Status::transient("unreadable sync-collection answer for '" + collection.path + "': " + ms.error().message);
    if (token.empty()) changes.full_listing = true;
    if (!ms->sync_token || ms->sync_token->empty())
      return Status::collection("sync-collection of '" + collection.path + "' returned no sync-token");
    changes.next.kind = CollectionCursor::Kind::SyncToken;
    changes.next.token = *ms->sync_token;
    if (!truncated || *ms->sync_token == token) break;
    token = *ms->sync_token;
  }
  if (options_.keep_members) {
    if (changes.full_listing) {
      // Whatever was delivered before and is not listed now is gone.
      std::set<std::string> removed(changes.removed.begin(), changes.removed.end());
      for (const auto& [href, etag] : previous)
        if (!members.count(href)) removed.insert(href);
      changes.removed.assign(removed.begin(), removed.end());
    }
    changes.next.etags = std::move(members);
  }
  changes.unchanged = !changes.full_listing && changes.changed.empty() && changes.removed.empty() &&
                      changes.delivered == 0 && stored &&
                      stored->token == changes.next.token;
  return changes;
}

Result<CollectionChanges> ChangeFinder::by_etags(const DavCollection& collection,
                                                 const std::optional<CollectionCursor>& stored) {
  CollectionChanges changes;
  const bool have_listing = stored && stored->kind == CollectionCursor::Kind::Etags;
  // A token cursor that keeps its members knows them as well as a listing.
  const bool knows_members = have_listing || (options_.keep_members && stored);
  // Same ctag: nothing changed, not even a deletion.
  if (have_listing && collection.ctag && !collection.ctag->empty() && *collection.ctag == stored->token) {
    changes.unchanged = true;
    return changes;
  }
  auto request = propfind_etags();
  if (!request) return Status::internal(request.error().message);
  auto response = http_.perform(to_http(*request, collection.url));
  if (!response) return response.status();
  if (response->status != 207) return collection_failed("listing", collection, response->status);
  changes.next.kind = CollectionCursor::Kind::Etags;
  changes.next.token = collection.ctag.value_or("");
  std::size_t members = 0, readable = 0;
  auto ms = for_each_response(response->body, [&](DavResponse&& r) {
    if (same_href(r.href, collection.path) || r.is_collection) return;
    if (++members > options_.max_members) throw TooManyMembers{};
    const auto version = r.etag ? r.etag : r.getlastmodified;
    if (!version) return;
    ++readable;
    const std::string key = normalized(r.href);
    changes.next.etags[key] = *version;
    if (!knows_members) {
      changes.changed.push_back(std::move(r.href));
    } else if (auto it = stored->etags.find(key); it == stored->etags.end() || it->second != *version) {
      changes.changed.push_back(std::move(r.href));
    }
  });
  if (members > options_.max_members) return too_many_members(collection);
  if (!ms) return Status::transient("unreadable listing of '" + collection.path + "': " + ms.error().message);

  // Members we cannot read are not an empty collection: deleting the
  // history of a collection because the server hid its etags would be wrong.
  if (members > 0 && readable == 0)
    return Status::collection("every member of '" + collection.path + "' came back without an etag or date");
  if (knows_members) {
    for (const auto& [href, etag] : stored->etags)
      if (!changes.next.etags.count(href)) changes.removed.push_back(href);
  }
  if (!have_listing) changes.full_listing = true;
  return changes;
}

Result<CollectionChanges> ChangeFinder::find(const DavCollection& listed,
                                             const std::optional<CollectionCursor>& stored) {
  DavCollection collection = listed;
  bool by_sync_token = options_.use_sync_token && collection.sync_collection.value_or(false);
  if (!by_sync_token) {
    // Ask the collection itself for its ctag, and for a sync-token when the
    // server did not say whether it has sync-collection (as before RFC 6578
    // servers reported supported-report-set, a token is the sign).
    const bool ask_token = options_.use_sync_token && !collection.sync_collection.has_value();
    auto request = propfind_change_tags(ask_token);
    if (!request) return Status::internal(request.error().message);
    auto response = http_.perform(to_http(*request, collection.url));
    if (!response) return response.status();
    if (response->status == 401) return collection_failed("reading the change tag of", collection, response->status);
    // Anything else unreadable only costs a full etag listing.
    if (response->status == 207) {
      if (auto ms = parse_multistatus(response->body)) {
        if (const DavResponse* r = find_response(*ms, collection.path)) {
          collection.ctag = r->ctag;
          by_sync_token = ask_token && r->sync_token_prop && !r->sync_token_prop->empty();
        }
      }
    }
  }
  return by_sync_token ? by_token(collection, stored) : by_etags(collection, stored);
}

}  // namespace kith::dav

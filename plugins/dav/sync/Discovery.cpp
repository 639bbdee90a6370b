#include "dav/sync/Discovery.h"

#include <algorithm>

#include "dav/xml/DavRequests.h"
#include "dav/xml/DavNames.h"
#include "dav/xml/Href.h"
#include "dav/xml/Multistatus.h"

namespace kith::dav {
namespace {

std::string origin_of(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto path = url.find('/', scheme_end + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

// Names the server that answered, which need not be the configured one.
Status login_refused(const DavAccount& settings, const DavProtocol& protocol, const std::string& url) {
  return Status::account(std::string(protocol.name) + " server " + url_host(url) + " refused the login of '" +
                         settings.username + (settings.signs_in_with_token ? "' (expired or wrong token?)" : "' (wrong password?)"));
}

Status http_failure(const std::string& what, const HttpResponse& r, const DavAccount& settings,
                    const DavProtocol& protocol, const std::string& url) {
  if (r.status == 401) return login_refused(settings, protocol, url);
  const std::string message = what + " at " + url_host(url) + " answered HTTP " + std::to_string(r.status);
  return r.status >= 500 ? Status::transient(message) : Status::account(message);
}

// A PROPFIND answer and the URL that gave it (after any redirect), which
// the hrefs in it are relative to.
struct Answer {
  Multistatus multistatus;
  std::string base;
};

// PROPFIND `request` on `url`; the parsed multistatus or why not.
Result<Answer> propfind(HttpClient& http, const std::string& url, const Expected<DavRequest>& request,
                        const DavAccount& settings, const DavProtocol& protocol, const std::string& what,
                        bool follow = true) {
  if (!request) return Status::internal(request.error().message);
  HttpRequest r;
  r.method = std::string(request->method);
  r.url = url;
  r.body = request->body;
  if (request->depth) r.depth = std::string(*request->depth);
  r.follow_redirects = follow;
  auto response = http.perform(r);
  if (!response) return response.status();
  if (response->status != 207) return http_failure(what, *response, settings, protocol, url);
  auto parsed = parse_multistatus(response->body);
  if (!parsed) return Status::transient(what + ": unreadable answer from " + url_host(url) + ": " + parsed.error().message);
  return Answer{std::move(*parsed), response->effective_url.empty() ? url : response->effective_url};
}

Result<std::string> find_principal(HttpClient& http, const DavAccount& settings, const DavProtocol& protocol) {
  auto try_url = [&](const std::string& url, bool follow) -> Result<std::string> {
    auto answer = propfind(http, url, propfind_current_user_principal(), settings, protocol, "looking for your principal",
                           follow);
    if (!answer) return answer.status();
    for (const auto& r : answer->multistatus.responses)
      if (r.current_user_principal_href) {
        auto resolved = resolve_href(answer->base, *r.current_user_principal_href);
        if (resolved) return std::move(*resolved);
      }
    return Status::account("no current-user-principal at " + url);
  };
  auto direct = try_url(settings.url, true);
  if (direct || direct.status().kind() == ErrorKind::Transient || direct.status().kind() == ErrorKind::Cancelled)
    return direct;
  if (direct.status().message().find("refused the login") != std::string::npos) return direct;
  // RFC 6764: a bare host says where the service lives through a well-known URL.
  auto well_known = try_url(origin_of(settings.url) + std::string(protocol.well_known_path), true);
  if (well_known) return well_known;
  return Status::account("no " + std::string(protocol.name) + " service found at " + settings.url + " (" + direct.status().message() + "; " +
                         well_known.status().message() + ")");
}

}  // namespace

Result<DavHome> discover_home(HttpClient& http, const DavAccount& account, const DavProtocol& protocol,
                              CollectionFilter keep) {
  auto principal = find_principal(http, account, protocol);
  if (!principal) return principal.status();

  const std::string collections(protocol.collections);
  auto homes = propfind(http, *principal, propfind_home_set(protocol), account, protocol,
                        "looking for your " + collections);
  if (!homes) return homes.status();
  DavHome home;
  for (const auto& r : homes->multistatus.responses)
    if (const auto& href = r.*protocol.home_set_href) {
      if (auto resolved = resolve_href(homes->base, *href)) home.url = *resolved;
      break;
    }
  if (home.url.empty())
    return Status::account("the principal " + *principal + " has no " + std::string(protocol.home_set));

  auto listing =
      propfind(http, home.url, propfind_collection_list(protocol), account, protocol, "listing your " + collections);
  if (!listing) return listing.status();
  const auto home_path = normalize_href(home.url);
  for (const auto& r : listing->multistatus.responses) {
    auto url = resolve_href(listing->base, r.href);
    auto path = normalize_href(r.href);
    if (!url || !path) continue;
    if (home_path && *path != *home_path) home.member_names.push_back(path->substr(path->find_last_of('/') + 1));
    if (!(r.*protocol.is_collection_type)) continue;
    if (keep != nullptr && !keep(r)) continue;
    std::optional<bool> sync_collection;
    if (r.supported_reports) {
      sync_collection = std::any_of(r.supported_reports->begin(), r.supported_reports->end(), [](const DavName& n) {
        return n.is(ns::kDav, name::kSyncCollection);
      });
    }
    DavCollection info{*url, *path, r.displayname.value_or(""), std::nullopt, sync_collection, r.supported_components};
    home.collections.push_back(std::move(info));
  }
  return home;
}

Result<std::vector<DavCollection>> discover_collections(HttpClient& http, const DavAccount& account,
                                                        const DavProtocol& protocol, CollectionFilter keep) {
  auto home = discover_home(http, account, protocol, keep);
  if (!home) return home.status();
  return std::move(home->collections);
}

std::vector<DavCollection> select_collections(const std::vector<DavCollection>& all,
                                              const std::vector<std::string>& include,
                                              const std::vector<std::string>& exclude) {
  auto matches = [](const DavCollection& c, const std::vector<std::string>& names) {
    const std::string last = c.path.substr(c.path.find_last_of('/') + 1);
    return std::any_of(names.begin(), names.end(), [&](const std::string& n) {
      return n == c.displayname || n == last || same_href(n, c.path);
    });
  };
  std::vector<DavCollection> out;
  for (const auto& c : all) {
    if (!include.empty() && !matches(c, include)) continue;
    if (matches(c, exclude)) continue;
    out.push_back(c);
  }
  return out;
}

}  // namespace kith::dav

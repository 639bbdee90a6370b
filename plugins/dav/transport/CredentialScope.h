// Where an account's credentials may go. A CalDAV or CardDAV server names other URLs
// (principal, calendar home, calendars); a hostile or broken one can name
// any host. Credentials go only to:
//   - the configured origin (scheme, host and port of the account's url);
//   - over https://, another host of the same registrable domain, decided
//     by the Public Suffix List through libpsl (iCloud sends every account
//     from caldav.icloud.com to a partition host such as
//     p68-caldav.icloud.com);
//   - over https://, a host the user listed in the account's trusted_hosts.
// Never over plain http:// unless the configured url is http:// itself,
// and then only to the configured origin or a trusted host.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kith::dav {

struct Origin {
  std::string scheme;  // lower case: "https"
  std::string host;    // lower case, IPv6 literals in brackets
  long port = 0;       // the scheme's default when the URL has none

  bool operator==(const Origin&) const = default;
  std::string text() const;  // "https://host:port"
};

// Parsed with libcurl's URL parser; nullopt for a URL it refuses.
std::optional<Origin> origin_of(const std::string& url);

class CredentialScope {
 public:
  // `configured_url` must parse (the settings check it first).
  CredentialScope(const std::string& configured_url, std::vector<std::string> trusted_hosts);

  // nullopt when credentials may go to `url`; otherwise a one-line reason
  // naming the URL's origin and the key that would allow it.
  std::optional<std::string> refusal(const std::string& url) const;

 private:
  std::optional<Origin> configured_;
  std::vector<std::string> trusted_hosts_;  // lower case
};

}  // namespace kith::dav

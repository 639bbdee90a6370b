// The HTTP options of one DAV account: its connection settings and its
// secret (oauth_token before password), resolved when a pass starts.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dav/transport/HttpClient.h"
#include "kith/Plugin.h"
#include "kith/kit/Settings.h"
#include "kith/Status.h"

namespace kith::dav {

// The settings every DAV provider reads the same way.
struct DavConnection {
  std::string url;
  std::string username;
  bool tls_verify = true;
  std::optional<std::string> ca_file;
  std::vector<std::string> trusted_hosts;
  std::chrono::seconds timeout{120};
};

// Reads url (http:// or https://), username, ca_file (which must exist)
// and trusted_hosts as every DAV provider declares them; tls_verify and
// timeout_seconds with the defaults of the provider's `specs`. Throws
// std::invalid_argument with a message naming the setting.
DavConnection read_connection(const AccountSettings& settings, bool tls_verify, std::int64_t timeout_seconds);
template <std::size_t N>
DavConnection read_connection(const AccountSettings& settings, const SettingSpec (&specs)[N]) {
  return read_connection(settings, kit::bool_setting(settings, specs, "tls_verify"),
                         kit::integer_setting(settings, specs, "timeout_seconds"));
}

// Warns (in the account's log) when a secret would go over plain http://.
// The secret's own error when it cannot be resolved.
Result<HttpOptions> account_http_options(const DavConnection& connection, const ProviderContext& context,
                                         std::string_view service);

}  // namespace kith::dav

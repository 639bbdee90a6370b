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

// Warns (in the account's log) when a secret would go over plain http://.
// The secret's own error when it cannot be resolved.
Result<HttpOptions> account_http_options(const DavConnection& connection, const ProviderContext& context,
                                         std::string_view service);

}  // namespace kith::dav

#include "dav/transport/AccountHttpOptions.h"

namespace kith::dav {

Result<HttpOptions> account_http_options(const DavConnection& connection, const ProviderContext& context,
                                         std::string_view service) {
  HttpOptions options;
  options.service = std::string(service);
  options.account_url = connection.url;
  options.trusted_hosts = connection.trusted_hosts;
  options.username = connection.username;
  if (context.secrets().has("oauth_token")) {
    auto token = context.secrets().resolve("oauth_token");
    if (!token) return token.status();
    options.bearer_token = *token;
  } else if (context.secrets().has("password")) {
    auto password = context.secrets().resolve("password");
    if (!password) return password.status();
    options.password = *password;
  }
  options.verify_tls = connection.tls_verify;
  options.ca_file = connection.ca_file;
  options.timeout = connection.timeout;
  if (connection.url.rfind("http://", 0) == 0 && (options.password || options.bearer_token))
    context.logger().log(LogLevel::Warn, std::string(options.bearer_token ? "the token" : "the password") +
                                             " goes unencrypted to " + connection.url + " (http://, not https://)");
  return options;
}

}  // namespace kith::dav

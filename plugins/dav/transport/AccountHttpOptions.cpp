#include "dav/transport/AccountHttpOptions.h"

#include <filesystem>
#include <stdexcept>

namespace kith::dav {

DavConnection read_connection(const AccountSettings& s, bool tls_verify, std::int64_t timeout_seconds) {
  DavConnection c;
  c.url = s.get_string("url").value_or("");
  if (c.url.rfind("https://", 0) != 0 && c.url.rfind("http://", 0) != 0)
    throw std::invalid_argument("'url' must be an http:// or https:// address, not '" + c.url + "'");
  c.username = s.get_string("username").value_or("");
  c.tls_verify = tls_verify;
  c.ca_file = s.get_string("ca_file");
  // Named but missing is a mistake to report, even where TLS would not use it.
  if (std::error_code ec; c.ca_file && !std::filesystem::is_regular_file(*c.ca_file, ec))
    throw std::invalid_argument("ca_file '" + *c.ca_file + "' cannot be read");
  c.trusted_hosts = s.get_string_list("trusted_hosts").value_or(std::vector<std::string>{});
  c.timeout = std::chrono::seconds(timeout_seconds);
  return c;
}

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

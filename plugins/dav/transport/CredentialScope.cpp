#include "dav/transport/CredentialScope.h"

#include <curl/curl.h>
#include <libpsl.h>

#include <algorithm>
#include <memory>

#include "dav/xml/AsciiText.h"

namespace kith::dav {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = ascii::to_lower(c);
  return text;
}

// The part of curl's parse named by `part`, or "".
std::string url_part(CURLU* url, CURLUPart part, unsigned flags = 0) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, flags) != CURLUE_OK || value == nullptr) return {};
  std::string out(value);
  curl_free(value);
  return out;
}

bool is_ip_literal(const std::string& host) {
  if (!host.empty() && host.front() == '[') return true;  // IPv6
  return !host.empty() && host.find_first_not_of("0123456789.") == std::string::npos;
}

// The newest list libpsl has: the system's (package publicsuffix) when it
// is newer than the one built in.
const psl_ctx_t* suffix_list() {
  static const std::unique_ptr<psl_ctx_t, void (*)(psl_ctx_t*)> latest(psl_latest(nullptr), psl_free);
  return latest ? latest.get() : psl_builtin();
}

std::optional<std::string> registrable_domain(const std::string& host) {
  if (is_ip_literal(host)) return std::nullopt;  // an address has no registrable domain
  const psl_ctx_t* list = suffix_list();
  if (list == nullptr) return std::nullopt;
  const char* domain = psl_registrable_domain(list, host.c_str());
  if (domain == nullptr) return std::nullopt;
  return std::string(domain);
}

}  // namespace

std::string Origin::text() const { return scheme + "://" + host + ":" + std::to_string(port); }

std::optional<Origin> origin_of(const std::string& text) {
  std::unique_ptr<CURLU, void (*)(CURLU*)> url(curl_url(), curl_url_cleanup);
  if (!url || curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) return std::nullopt;
  Origin origin;
  origin.scheme = lower(url_part(url.get(), CURLUPART_SCHEME));
  origin.host = lower(url_part(url.get(), CURLUPART_HOST));
  const std::string port = url_part(url.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  if (origin.scheme.empty() || origin.host.empty() || port.empty()) return std::nullopt;
  origin.port = std::strtol(port.c_str(), nullptr, 10);
  return origin;
}

CredentialScope::CredentialScope(const std::string& configured_url, std::vector<std::string> trusted_hosts)
    : configured_(origin_of(configured_url)) {
  for (auto& host : trusted_hosts) trusted_hosts_.push_back(lower(std::move(host)));
}

std::optional<std::string> CredentialScope::refusal(const std::string& url) const {
  const auto target = origin_of(url);
  if (!target) return "'" + url + "' is not a URL credentials can be sent to";
  if (!configured_) return "the account's url does not parse";
  if (*target == *configured_) return std::nullopt;

  const std::string where = target->text();
  if (target->scheme != "https" && configured_->scheme == "https")
    return "the server pointed to " + where + ", plain HTTP; credentials never go unencrypted from an https:// account";
  const bool trusted = std::find(trusted_hosts_.begin(), trusted_hosts_.end(), target->host) != trusted_hosts_.end();
  if (trusted && (target->scheme == "https" || configured_->scheme == "http")) return std::nullopt;
  if (target->scheme == "https") {
    const auto theirs = registrable_domain(target->host);
    if (theirs && theirs == registrable_domain(configured_->host)) return std::nullopt;
  }
  return "the server pointed to " + where + ", outside this account's origin " + configured_->text() +
         "; credentials are not sent there (add \"" + target->host + "\" to the account's trusted_hosts to allow it)";
}

}  // namespace kith::dav

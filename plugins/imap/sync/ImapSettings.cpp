#include "sync/ImapSettings.h"

#include <stdexcept>

#include "transport/ImapConnection.h"

namespace kith::imap {

const SettingSpec kImapSettingSpecs[10] = {
    {"use_starttls", SettingType::Boolean, "imap:// only: require STARTTLS (default: true, false for loopback hosts)"},
    {"tls_verify", SettingType::Boolean, "check the server's TLS certificate (default true)"},
    {"ca_file", SettingType::Path, "PEM file with the certificate(s) to trust for this server"},
    {"folders", SettingType::StringList, "folders to sync (default: all but junk and drafts)"},
    {"exclude_folders", SettingType::StringList, "folders to skip"},
    {"chunk_size", SettingType::Integer, "UIDs per FETCH command (default 500)"},
    {"pipeline_depth", SettingType::Integer, "FETCH commands in flight (default 4)"},
    {"max_header_bytes", SettingType::Integer, "largest header block accepted (default 1048576)"},
    {"timeout_seconds", SettingType::Integer, "seconds without an answer before giving up (default 120)"},
    {"command_timeout_seconds", SettingType::Integer,
     "seconds one command may take from sending to completion, however busy the server (default 600)"},
};

namespace {

std::size_t positive(const AccountSettings& s, const char* key, std::size_t fallback, std::size_t max) {
  const auto value = s.get_integer(key);
  if (!value) return fallback;
  if (*value < 1 || static_cast<std::size_t>(*value) > max)
    throw std::invalid_argument(std::string(key) + " must be between 1 and " + std::to_string(max));
  return static_cast<std::size_t>(*value);
}

}  // namespace

ImapSettings ImapSettings::from(const ProviderContext& context) {
  const auto& s = context.settings();
  ImapSettings out;
  out.url = s.get_string("url").value_or("");
  if (out.url.empty()) throw std::invalid_argument("'url' is required (imaps://host or imap://host)");
  if (out.url.rfind("imaps://", 0) != 0 && out.url.rfind("imap://", 0) != 0)
    throw std::invalid_argument("'url' must start with imaps:// or imap://, not '" + out.url + "'");
  out.username = s.get_string("username").value_or("");
  if (out.username.empty()) throw std::invalid_argument("'username' is required");
  out.use_starttls = s.get_bool("use_starttls").value_or(!ImapConnection::is_loopback_url(out.url));
  out.tls_verify = s.get_bool("tls_verify").value_or(true);
  out.ca_file = s.get_string("ca_file");
  out.folders = s.get_string_list("folders").value_or(std::vector<std::string>{});
  out.exclude_folders = s.get_string_list("exclude_folders").value_or(std::vector<std::string>{});
  out.chunk_size = positive(s, "chunk_size", out.chunk_size, 10000);
  out.pipeline_depth = positive(s, "pipeline_depth", out.pipeline_depth, 64);
  out.max_header_bytes = positive(s, "max_header_bytes", out.max_header_bytes, 64 * 1024 * 1024);
  out.timeout = std::chrono::seconds(positive(s, "timeout_seconds", 120, 86400));
  out.command_timeout = std::chrono::seconds(positive(s, "command_timeout_seconds", 600, 86400));
  if (!context.secrets().has("password") && !context.secrets().has("oauth_token"))
    throw std::invalid_argument("set password_command or password_env (or oauth_token_command) for the login");
  return out;
}

}  // namespace kith::imap

#include "sync/ImapSettings.h"

#include <filesystem>
#include <stdexcept>

#include "kith/kit/Settings.h"
#include "transport/ImapConnection.h"

namespace kith::imap {

const SettingSpec kImapSettingSpecs[14] = {
    {"url", SettingType::String, "server address: imaps://host[:port] or imap://host[:port]"},
    {"username", SettingType::String, "login name; counts as an owner identity when it is an address"},
    {"password", SettingType::Secret, "the login password"},
    {"oauth_token", SettingType::Secret, "an OAuth2 access token (XOAUTH2), instead of a password"},
    {"use_starttls", SettingType::Boolean, "imap:// only: require STARTTLS (default: true, false for loopback hosts)"},
    {"tls_verify", SettingType::Boolean, "check the server's TLS certificate", "true"},
    {"ca_file", SettingType::Path, "PEM file with the certificate(s) to trust for this server"},
    {"folders", SettingType::StringList, "folders to sync (default: all but junk and drafts)"},
    {"exclude_folders", SettingType::StringList, "folders to skip"},
    {"chunk_size", SettingType::Integer, "UIDs per FETCH command", "500", 1, 10000},
    {"pipeline_depth", SettingType::Integer, "FETCH commands in flight", "4", 1, 64},
    {"max_header_bytes", SettingType::Integer, "largest header block accepted", "1048576", 1, 64 * 1024 * 1024},
    {"timeout_seconds", SettingType::Integer, "seconds without an answer before giving up", "120", 1, 86400},
    {"command_timeout_seconds", SettingType::Integer,
     "seconds one command may take from sending to completion, however busy the server", "600", 1, 86400},
};

namespace {

std::size_t count_setting(const AccountSettings& s, const char* key) {
  return static_cast<std::size_t>(kit::integer_setting(s, kImapSettingSpecs, key));
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
  out.tls_verify = kit::bool_setting(s, kImapSettingSpecs, "tls_verify");
  out.ca_file = s.get_string("ca_file");
  // Named but missing is a mistake to report, even where TLS would not use it.
  if (std::error_code ec; out.ca_file && !std::filesystem::is_regular_file(*out.ca_file, ec))
    throw std::invalid_argument("ca_file '" + *out.ca_file + "' cannot be read");
  out.folders = s.get_string_list("folders").value_or(std::vector<std::string>{});
  out.exclude_folders = s.get_string_list("exclude_folders").value_or(std::vector<std::string>{});
  // Ranges and defaults are declared above; the engine has checked them.
  out.chunk_size = count_setting(s, "chunk_size");
  out.pipeline_depth = count_setting(s, "pipeline_depth");
  out.max_header_bytes = count_setting(s, "max_header_bytes");
  out.timeout = std::chrono::seconds(count_setting(s, "timeout_seconds"));
  out.command_timeout = std::chrono::seconds(count_setting(s, "command_timeout_seconds"));
  if (!context.secrets().has("password") && !context.secrets().has("oauth_token"))
    throw std::invalid_argument("set password_command or password_env (or oauth_token_command) for the login");
  return out;
}

}  // namespace kith::imap

#include "config/StarterConfig.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <toml++/toml.h>

#include "config/Config.h"

namespace kith::engine {
namespace fs = std::filesystem;

namespace {

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

// `key = value`, formatted by toml++.
template <typename Value>
std::string toml_line(std::string_view key, Value&& value) {
  toml::table table;
  table.insert(key, std::forward<Value>(value));
  std::ostringstream out;
  out << table;
  return out.str() + "\n";
}

std::string render_account(const StarterAccount& account) {
  std::string text = "\n[[account]]\n";
  text += toml_line("name", account.name);
  text += toml_line("provider", account.provider);
  text += toml_line("url", account.url);
  text += toml_line("username", account.username);
  text += toml_line(account.secret.kind == SecretSource::Kind::Command ? "password_command" : "password_env",
                    account.secret.value);
  if (account.provider == "imap") {
    text += "# folders = [\"INBOX\", \"Sent\"]         # default: every folder but junk and drafts\n";
    text += "# exclude_folders = [\"Lists/announce\"]\n";
  } else if (account.provider == "caldav") {
    text += "# calendars = [\"Work\"]                  # default: every calendar with events\n";
    text += "# exclude_calendars = [\"Birthdays\"]\n";
  } else if (account.provider == "carddav") {
    text += "# addressbooks = [\"Contacts\"]             # default: every address book\n";
    text += "# exclude_addressbooks = [\"Old phone\"]\n";
  }
  text += "# interval = 300                         # kithd: seconds between syncs\n";
  return text;
}

constexpr const char* kExampleAccounts = R"(
# No account yet. Add one per mailbox, calendar or address book server, for example:
#
# [[account]]
# name = "mail"
# provider = "imap"
# url = "imaps://mail.example.org"
# username = "you@example.org"
# password_command = "pass show mail"     # or: password_env = "KITH_MAIL_PASSWORD"
#
# [[account]]
# name = "calendar"
# provider = "caldav"
# url = "https://dav.example.org"
# username = "you"
# password_command = "pass show dav"
#
# [[account]]
# name = "contacts"
# provider = "carddav"
# url = "https://dav.example.org"
# username = "you"
# password_command = "pass show dav"
)";

Status system_error(const std::string& what, const fs::path& path, int error) {
  return Status::account("cannot " + what + " '" + path.string() + "': " + std::strerror(error));
}

Status already_exists(const fs::path& path) {
  std::string message(1, '\'');
  message += path.string();
  message += "' already exists; kith init never overwrites a config (edit it, or remove it first)";
  return Status::account(message);
}

}  // namespace

Status validate_starter(const StarterConfig& starter) {
  for (const auto& address : starter.addresses) {
    const auto at = address.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == address.size() || address.find_first_of(" \t\r\n") != std::string::npos)
      return Status::account("'" + address + "' is not an email address");
  }
  for (const auto& account : starter.accounts) {
    const std::string what = account.provider + " account '" + account.name + "'";
    if (account.provider == "imap" && !starts_with(account.url, "imaps://") && !starts_with(account.url, "imap://"))
      return Status::account(what + ": the URL must start with imaps:// (TLS) or imap:// (STARTTLS), not '" +
                             account.url + "'");
    if ((account.provider == "caldav" || account.provider == "carddav") && !starts_with(account.url, "https://") &&
        !starts_with(account.url, "http://"))
      return Status::account(what + ": the URL must start with https:// or http://, not '" + account.url + "'");
    if (account.username.empty()) return Status::account(what + " needs a username (--username)");
    if (account.secret.value.empty())
      return Status::account(what + " needs a way to get its password: --password-command CMD or --password-env VAR");
  }
  return Status::ok();
}

std::string render_starter_config(const StarterConfig& starter) {
  std::string text =
      "# Kith configuration, written by `kith init`. Reference: man 5 kith.toml.\n"
      "# Secrets never go in this file: each account names a command that prints\n"
      "# its password (password_command) or an environment variable that holds it\n"
      "# (password_env).\n"
      "\n"
      "[identity]\n"
      "# Your own addresses: mail from them is sent by you, mail to them is for you.\n";
  toml::array addresses;
  for (const auto& a : starter.addresses) addresses.push_back(a);
  text += starter.addresses.empty() ? "addresses = []\n" : toml_line("addresses", std::move(addresses));
  text +=
      "\n"
      "# [store]\n"
      "# path = \"~/.local/share/kith/history.db\"   # where the history is kept\n"
      "\n"
      "# [extraction]\n"
      "# max_recipients = 20                      # mail to more people than this is not personal\n"
      "\n"
      "# [events]\n"
      "# calendars = [\"Conferences\"]             # every occurrence in these calendars is an event\n"
      "# met_window_days = 14                     # first contact this soon after an event: likely met there\n"
      "\n"
      "# [reminders]                              # `kith remind` writes tasks to your own calendar\n"
      "# account = \"calendar\"                    # a caldav (or local) account below\n"
      "# calendar = \"Kith\"                       # created when absent\n";
  if (starter.accounts.empty()) text += kExampleAccounts;
  for (const auto& account : starter.accounts) text += render_account(account);
  return text;
}

Status check_config_absent(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return Status::ok();
  return already_exists(path);
}

Status write_new_config(const fs::path& path, const std::string& text) {
  if (auto s = check_config_absent(path); !s) return s;
  std::error_code ec;
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::exists(folder, ec)) {
    fs::create_directories(folder, ec);
    if (ec) return Status::account("cannot create '" + folder.string() + "': " + ec.message());
    fs::permissions(folder, fs::perms::owner_all, ec);
  }

  std::string temp = (folder / ".config.toml.XXXXXX").string();
  const int fd = ::mkstemp(temp.data());  // mode 0600
  if (fd < 0) return system_error("create a file in", folder, errno);
  struct Cleanup {
    std::string name;
    ~Cleanup() { ::unlink(name.c_str()); }
  } cleanup{temp};
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      return system_error("write", temp, error);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return system_error("write", temp, errno);

  // What we wrote must be a config kith reads back.
  if (auto loaded = load_config(temp, true); !loaded)
    return Status::internal("the config kith init wrote does not load: " + loaded.status().message());
  if (::link(temp.c_str(), path.c_str()) != 0) {
    if (errno == EEXIST) return already_exists(path);
    return system_error("create", path, errno);
  }
  return Status::ok();
}

}  // namespace kith::engine

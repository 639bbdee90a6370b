// The commented config file `kith init` writes: what the user answered, as
// TOML the loader accepts, with the keys they did not set shown as comments.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kith/Status.h"

namespace kith::engine {

// How an account's password is found. The secret itself never goes in.
struct SecretSource {
  enum class Kind { Command, Environment } kind = Kind::Command;
  std::string value;  // the command, or the variable's name
};

struct StarterAccount {
  std::string name;      // "mail", "calendar"
  std::string provider;  // "imap", "caldav", "carddav"
  std::string url;
  std::string username;
  SecretSource secret;
};

struct StarterConfig {
  std::vector<std::string> addresses;
  std::vector<StarterAccount> accounts;
};

// Checks what the user gave (addresses look like addresses; IMAP URLs are
// imap:// or imaps://, CalDAV URLs http:// or https://; every account has a
// username and a secret source) and says what is wrong in one line.
Status validate_starter(const StarterConfig& starter);

// The file's text. Every value is written by toml++, so quotes, backslashes
// and non-ASCII in a command or address come out as valid TOML.
std::string render_starter_config(const StarterConfig& starter);

// An error when something exists at `path`: kith init never overwrites.
Status check_config_absent(const std::filesystem::path& path);

// Writes `text` to `path` with mode 0600, creating its folder (0700) when
// missing. Never replaces an existing file: the text goes to a temporary
// file beside it, is checked by loading it as a config, and is then linked
// into place, which fails if something appeared at `path` meanwhile.
Status write_new_config(const std::filesystem::path& path, const std::string& text);

}  // namespace kith::engine

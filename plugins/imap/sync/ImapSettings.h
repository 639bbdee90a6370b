// The imap provider's settings, read once from the account.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kith/Host.h"
#include "kith/Plugin.h"

namespace kith::imap {

struct ImapSettings {
  std::string url;
  std::string username;
  bool use_starttls = true;  // imap:// only; default off for loopback hosts
  bool tls_verify = true;
  std::optional<std::string> ca_file;
  std::vector<std::string> folders;          // empty: every selectable folder but junk and drafts
  std::vector<std::string> exclude_folders;
  std::size_t chunk_size = 500;      // UIDs per UID FETCH command
  std::size_t pipeline_depth = 4;    // UID FETCH commands in flight
  std::size_t max_header_bytes = 1024 * 1024;  // one message's header block
  std::chrono::seconds timeout{120};
  std::chrono::seconds command_timeout{600};  // one command, sent to completed

  // Throws std::invalid_argument with a message naming the setting.
  static ImapSettings from(const ProviderContext& context);
};

extern const SettingSpec kImapSettingSpecs[14];

}  // namespace kith::imap

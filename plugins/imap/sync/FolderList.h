// Which folders an account syncs, and what each one is for.
#pragma once

#include <string>
#include <vector>

#include "kith/Items.h"
#include "kith/Status.h"
#include "protocol/ImapResponse.h"
#include "sync/ImapSettings.h"
#include "transport/ImapSession.h"

namespace kith::imap {

struct Folder {
  std::string name;  // as the server spells it
  FolderRole role = FolderRole::Other;
};

// The role from RFC 6154 attributes when the server sends them, else from
// well-known names.
FolderRole folder_role(const ListResponse& entry);

// Picks the folders to sync from a LIST answer: `folders` when set
// (case-sensitive, INBOX in any case), else every selectable folder but
// junk and drafts; minus `exclude_folders`.
std::vector<Folder> select_folders(const std::vector<ListResponse>& listing, const ImapSettings& settings);

// At most this many LIST answers (and 16 MiB of them) are read; more is
// a Transient error, not an ever-growing folder list.
inline constexpr std::size_t kMaxFolders = 10000;

// LIST "" "*" (with RETURN (SPECIAL-USE) when the server has it).
Result<std::vector<ListResponse>> list_folders(ImapSession& session, bool special_use);

}  // namespace kith::imap

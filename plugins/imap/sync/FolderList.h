// Which folders an account syncs, and what each one is for.
#pragma once

#include <string>
#include <vector>

#include "kith/Items.h"
#include "kith/Status.h"
#include "protocol/ImapResponse.h"
#include "sync/ServerFeatures.h"
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

// LIST "" "*" (with RETURN (SPECIAL-USE) when the server has it). A server
// that announces XLIST but not SPECIAL-USE tells folder roles only through
// XLIST, so it is asked with XLIST instead (LIST if XLIST is refused); its
// \Inbox folder, which XLIST may name in the user's language, is INBOX.
Result<std::vector<ListResponse>> list_folders(ImapSession& session, const ServerFeatures& features);

}  // namespace kith::imap

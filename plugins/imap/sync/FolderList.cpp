#include "sync/FolderList.h"

#include <algorithm>

#include "kith/Ascii.h"
#include "kith/mail/FolderRoles.h"

namespace kith::imap {
namespace {

bool is_inbox(const std::string& name) { return kith::ascii::iequals(name, "INBOX"); }

bool same_folder(const std::string& a, const std::string& b) { return a == b || (is_inbox(a) && is_inbox(b)); }

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return same_folder(n, name); });
}

}  // namespace

FolderRole folder_role(const ListResponse& entry) {
  if (is_inbox(entry.mailbox)) return FolderRole::Inbox;
  for (const auto& attribute : entry.attributes) {
    const FolderRole role = kith::mail::role_from_special_use(attribute);
    if (role != FolderRole::Other) return role;
  }
  return kith::mail::role_from_name(entry.mailbox);
}

std::vector<Folder> select_folders(const std::vector<ListResponse>& listing, const ImapSettings& settings) {
  std::vector<Folder> out;
  for (const auto& entry : listing) {
    if (entry.has_attribute("\\Noselect") || entry.has_attribute("\\NonExistent")) continue;
    const FolderRole role = folder_role(entry);
    if (settings.folders.empty()) {
      if (role == FolderRole::Junk || role == FolderRole::Drafts) continue;
    } else if (!listed(settings.folders, entry.mailbox)) {
      continue;
    }
    if (listed(settings.exclude_folders, entry.mailbox)) continue;
    out.push_back({entry.mailbox, role});
  }
  return out;
}

Result<std::vector<ListResponse>> list_folders(ImapSession& session, const ServerFeatures& features) {
  // A real account has hundreds of folders, not a flood of them.
  ImapSession::CommandLimits limits;
  limits.max_untagged = kMaxFolders;
  limits.max_untagged_bytes = 16u * 1024 * 1024;
  auto run = [&](const Command& command, std::vector<ListResponse>& listing) {
    return session.run(command, [&](Response& r, std::size_t) {
      if (auto* entry = std::get_if<ListResponse>(&r)) listing.push_back(std::move(*entry));
    }, limits);
  };
  std::vector<ListResponse> listing;
  if (features.xlist && !features.special_use) {
    if (run(session.commands().xlist(), listing)) {
      for (auto& entry : listing)
        if (entry.has_attribute("\\Inbox")) entry.mailbox = "INBOX";
      return listing;
    }
    listing.clear();  // refused after all: LIST still names the folders
  }
  const Status s = run(session.commands().list(features.special_use), listing);
  if (!s) return Status::account("listing folders failed: " + s.message());
  return listing;
}

}  // namespace kith::imap

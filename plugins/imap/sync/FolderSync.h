// One folder's pass: find the UIDs not yet delivered, fetch their headers
// in pipelined chunks, and commit each chunk with the cursor after it.
#pragma once

#include <optional>
#include <string>

#include "kith/Host.h"
#include "kith/Provider.h"
#include "protocol/ImapResponse.h"
#include "sync/FolderCursor.h"
#include "sync/FolderList.h"
#include "sync/ServerFeatures.h"
#include "sync/ImapSettings.h"
#include "transport/ImapSession.h"

namespace kith::imap {


// True when STATUS shows nothing new since `cursor`: the same UIDVALIDITY
// and no UID at or above the cursor. Flag changes and expunges never alter
// a header, and expunged mail stays in the history, so they need no work.
bool folder_unchanged(const std::optional<FolderCursor>& cursor, const MailboxStatusResponse& status);

class FolderSync {
 public:
  FolderSync(ImapSession& session, const ImapSettings& settings, const ServerFeatures& features,
             const ProviderContext& context, BatchSink& sink)
      : session_(session), settings_(settings), features_(features), context_(context), sink_(sink) {}

  // Syncs `folder` from `stored` (nullopt: never synced, or unreadable).
  // Returns a Collection error when the server refuses the folder,
  // Transient/Cancelled when the connection or the user stops it, or what
  // the sink returned.
  Status run(const Folder& folder, const std::optional<FolderCursor>& stored);

 private:
  MessageHeaders to_headers(const Folder& folder, const FetchResponse& fetch, bool& ok);

  ImapSession& session_;
  const ImapSettings& settings_;
  const ServerFeatures& features_;
  const ProviderContext& context_;
  BatchSink& sink_;
};

}  // namespace kith::imap

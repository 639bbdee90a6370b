// messages.csv and Invitations.csv -> conversation messages. A changed file
// is delivered whole: the engine keeps each message once (its message_id),
// so what an older import already stored adds nothing.
#pragma once

#include "sync/SyncPass.h"

namespace kith::linkedin {

// The cursor collections of the two files.
inline constexpr const char* kMessagesCursor = "messages";
inline constexpr const char* kInvitationsCursor = "invitations";

// Both return a non-OK status only when the pass must stop (cancelled, a
// failed commit); a file that cannot be read goes to pass.file_failed.
Status sync_messages(SyncPass& pass);
Status sync_invitations(SyncPass& pass);

}  // namespace kith::linkedin

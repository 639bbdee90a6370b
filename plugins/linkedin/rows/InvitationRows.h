// Invitations.csv: connection invitations sent and received, read by
// column name:
//
//   From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl
//   Ann Lee,Alex Morgan,"11/3/24, 6:04 PM",,INCOMING,https://...,https://...
//
// Each becomes a ConversationMessage from the inviter to the invitee with
// the subject "Invitation", so who invited whom counts as a touch in the
// right direction. The invitation's own text is never delivered.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "csv/ColumnMap.h"
#include "csv/CsvReader.h"
#include "kith/Items.h"
#include "kith/Status.h"

namespace kith::linkedin {

inline constexpr std::string_view kInvitationsFile = "Invitations.csv";
// Every invitation's collection.
inline constexpr const char* kInvitationsCollection = "invitations";
inline constexpr const char* kInvitationSubject = "Invitation";

enum InvitationColumn : std::size_t { Inviter, Invitee, SentAt, Direction, InviterUrl, InviteeUrl };
std::span<const ColumnSpec> invitation_columns();

// The message of one row. Older exports have no profile URL columns: the
// owner's side is then `owner_profile_url` (the account's profile_url;
// Direction says which side is the owner's), and a row whose other side
// has no URL is an Item error, as is a "Sent At" that is not a date.
Result<ConversationMessage> invitation_message(const ColumnMap& columns, const CsvRow& row,
                                               std::string_view owner_profile_url);

}  // namespace kith::linkedin

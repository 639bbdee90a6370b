#include "rows/InvitationRows.h"

#include <array>

#include "kith/Ascii.h"
#include "kith/Title.h"
#include "rows/ExportDates.h"
#include "rows/ProfileUrl.h"

namespace kith::linkedin {
namespace {

constexpr std::array<std::string_view, 2> kFrom = {"From", "Inviter"};
constexpr std::array<std::string_view, 2> kTo = {"To", "Invitee"};
constexpr std::array<std::string_view, 2> kSentAt = {"Sent At", "Date"};
constexpr std::array<std::string_view, 1> kDirection = {"Direction"};
constexpr std::array<std::string_view, 2> kInviterUrl = {"inviterProfileUrl", "Inviter Profile URL"};
constexpr std::array<std::string_view, 2> kInviteeUrl = {"inviteeProfileUrl", "Invitee Profile URL"};

constexpr std::array<ColumnSpec, 6> kInvitationColumns = {{{kFrom, true},
                                                          {kTo, true},
                                                          {kSentAt, true},
                                                          {kDirection, false},
                                                          {kInviterUrl, false},
                                                          {kInviteeUrl, false}}};

}  // namespace

std::span<const ColumnSpec> invitation_columns() { return kInvitationColumns; }

Result<ConversationMessage> invitation_message(const ColumnMap& columns, const CsvRow& row,
                                               std::string_view owner_profile_url) {
  const std::string where = "line " + std::to_string(row.line) + ": ";
  const std::string_view sent_at = columns.field(row, SentAt);
  // LinkedIn writes "11/3/24, 6:04 PM"; the messages' form is accepted too.
  auto date = parse_month_day_year_time(sent_at);
  if (!date) date = parse_utc_timestamp(sent_at);
  if (!date) return Status::item(where + "Sent At '" + clean_title(sent_at) + "' is not a date like '11/3/24, 6:04 PM'");

  const std::string direction = ascii::upper(columns.field(row, Direction));
  std::string inviter_url = clean_title(columns.field(row, InviterUrl));
  std::string invitee_url = clean_title(columns.field(row, InviteeUrl));
  if (inviter_url.empty() && direction == "OUTGOING") inviter_url = clean_title(owner_profile_url);
  if (invitee_url.empty() && direction == "INCOMING") invitee_url = clean_title(owner_profile_url);
  if (inviter_url.empty()) return Status::item(where + "no inviterProfileUrl" + (direction == "OUTGOING" ? " (set profile_url)" : ""));
  if (invitee_url.empty()) return Status::item(where + "no inviteeProfileUrl" + (direction == "INCOMING" ? " (set profile_url)" : ""));

  ConversationMessage message;
  message.channel = "linkedin";
  message.collection = kInvitationsCollection;
  message.item_id = std::string(kInvitationsFile) + " line " + std::to_string(row.line);
  message.date = *date;
  message.sender = Handle{HandleKind::Uri, inviter_url, clean_title(columns.field(row, Inviter))};
  message.recipients = {Handle{HandleKind::Uri, invitee_url, clean_title(columns.field(row, Invitee))}};
  message.subject = kInvitationSubject;
  message.message_id =
      "invitation|" + std::to_string(*date) + "|" + profile_key(inviter_url) + "|" + profile_key(invitee_url);
  return message;
}

}  // namespace kith::linkedin

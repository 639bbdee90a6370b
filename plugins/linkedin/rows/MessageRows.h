// messages.csv: one row per message, read by column name (more columns
// follow in newer exports):
//
//   CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,
//   RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER
//
// Who wrote to whom, when, and the subject or conversation title become a
// ConversationMessage on channel "linkedin". CONTENT is never delivered:
// it only tells two messages of the same second apart (see message_id).
#pragma once

#include <cstddef>
#include <optional>
#include <unordered_map>
#include <span>
#include <string>
#include <string_view>

#include "csv/ColumnMap.h"
#include "csv/CsvReader.h"
#include "kith/Items.h"
#include "kith/Status.h"

namespace kith::linkedin {

inline constexpr std::string_view kMessagesFile = "messages.csv";
inline constexpr const char* kChannel = "linkedin";

enum MessageColumn : std::size_t {
  ConversationId, ConversationTitle, From, SenderUrl, To, RecipientUrls, Date, Subject, Content, Folder
};
std::span<const ColumnSpec> message_columns();

struct MessageRow {
  // nullopt for a row of a folder that holds no conversation: SPAM and
  // DRAFT (a draft was never sent, spam is nobody the owner talks to).
  std::optional<ConversationMessage> message;
  bool in_sent_folder = false;  // FOLDER is SENT: the sender is the owner
};

// The message of one row. Its collection is the conversation id; its
// message_id is "<conversation id>|<unix date>|<sender profile_key>" (the
// export has no message id of its own). Nothing of the CONTENT goes into
// it, not even a digest: a short digest would let anyone holding the store
// confirm a guess at a short message. Two messages one person sent in the
// same second of one conversation are told apart by MessageOrdinals. An
// Item error when DATE is not a date or the row has no sender.
Result<MessageRow> message_row(const ColumnMap& columns, const CsvRow& row);

// Numbers the messages of one file that share an id: the second becomes
// "<id>|2", and so on, in the file's order (an export lists a
// conversation's messages in a fixed order, so the numbers hold from one
// export to the next). Holds one entry per distinct id: bounded by the
// file's rows (max_rows).
class MessageOrdinals {
 public:
  std::string number(std::string id);

 private:
  std::unordered_map<std::string, std::uint32_t> seen_;
};

// The URLs of "RECIPIENT PROFILE URLS" (separated by commas, semicolons or
// blanks), paired with the names of "TO" when there are as many of each.
std::vector<Handle> recipient_handles(std::string_view urls, std::string_view names);

}  // namespace kith::linkedin

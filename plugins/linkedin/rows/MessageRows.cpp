#include "rows/MessageRows.h"

#include <array>

#include "kith/Ascii.h"
#include "kith/Title.h"
#include "rows/ExportDates.h"
#include "rows/ProfileUrl.h"

namespace kith::linkedin {
namespace {

constexpr std::array<std::string_view, 1> kConversationId = {"CONVERSATION ID"};
constexpr std::array<std::string_view, 1> kConversationTitle = {"CONVERSATION TITLE"};
constexpr std::array<std::string_view, 2> kFrom = {"FROM", "SENDER"};
constexpr std::array<std::string_view, 2> kSenderUrl = {"SENDER PROFILE URL", "SENDER URL"};
constexpr std::array<std::string_view, 2> kTo = {"TO", "RECIPIENTS"};
constexpr std::array<std::string_view, 3> kRecipientUrls = {"RECIPIENT PROFILE URLS", "RECIPIENT PROFILE URL",
                                                            "RECIPIENT URLS"};
constexpr std::array<std::string_view, 2> kDate = {"DATE", "SENT AT"};
constexpr std::array<std::string_view, 1> kSubject = {"SUBJECT"};
constexpr std::array<std::string_view, 2> kContent = {"CONTENT", "BODY"};
constexpr std::array<std::string_view, 1> kFolder = {"FOLDER"};

constexpr std::array<ColumnSpec, 10> kMessageColumns = {{{kConversationId, true},
                                                        {kConversationTitle, false},
                                                        {kFrom, false},
                                                        {kSenderUrl, true},
                                                        {kTo, false},
                                                        {kRecipientUrls, false},
                                                        {kDate, true},
                                                        {kSubject, false},
                                                        {kContent, false},
                                                        {kFolder, false}}};

std::vector<std::string_view> split(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find_first_of(separators, start);
    const std::string_view part =
        ascii::trim(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (!part.empty()) out.push_back(part);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

std::span<const ColumnSpec> message_columns() { return kMessageColumns; }

std::vector<Handle> recipient_handles(std::string_view urls, std::string_view names) {
  const auto url_list = split(urls, ",; \t\r\n");
  const auto name_list = split(names, ",");
  std::vector<Handle> out;
  for (std::size_t i = 0; i < url_list.size(); ++i) {
    out.push_back({HandleKind::Uri, clean_title(url_list[i]),
                   name_list.size() == url_list.size() ? clean_title(name_list[i]) : std::string()});
  }
  return out;
}

Result<MessageRow> message_row(const ColumnMap& columns, const CsvRow& row) {
  const std::string where = "line " + std::to_string(row.line) + ": ";
  MessageRow result;
  const std::string folder = ascii::upper(columns.field(row, Folder));
  if (folder == "SPAM" || folder == "DRAFT" || folder == "DRAFTS") return result;
  result.in_sent_folder = folder == "SENT";

  const std::string_view date_text = columns.field(row, Date);
  const auto date = parse_utc_timestamp(date_text);
  if (!date)
    return Status::item(where + "DATE '" + clean_title(date_text) + "' is not a date like '2024-05-01 14:22:10 UTC'");
  const std::string_view sender_url = columns.field(row, SenderUrl);
  if (profile_key(sender_url).empty()) return Status::item(where + "no SENDER PROFILE URL");
  const std::string conversation = clean_title(columns.field(row, ConversationId));
  if (conversation.empty()) return Status::item(where + "no CONVERSATION ID");

  ConversationMessage message;
  message.channel = kChannel;
  message.collection = conversation;
  message.item_id = std::string(kMessagesFile) + " line " + std::to_string(row.line);
  message.date = *date;
  message.sender = Handle{HandleKind::Uri, clean_title(sender_url), clean_title(columns.field(row, From))};
  message.recipients = recipient_handles(columns.field(row, RecipientUrls), columns.field(row, To));
  message.subject = clean_title(columns.field(row, Subject));
  if (message.subject.empty()) message.subject = clean_title(columns.field(row, ConversationTitle));

  message.message_id = conversation;
  message.message_id.append("|").append(std::to_string(*date)).append("|").append(profile_key(sender_url));
  result.message = std::move(message);
  return result;
}

std::string MessageOrdinals::number(std::string id) {
  const std::uint32_t n = ++seen_[id];
  if (n > 1) id.append("|").append(std::to_string(n));
  return id;
}

}  // namespace kith::linkedin

#include <gtest/gtest.h>

#include "csv/CsvTable.h"
#include "rows/ExportDates.h"
#include "rows/InvitationRows.h"
#include "rows/MessageRows.h"
#include "sync/LinkedInCursor.h"
#include "LinkedInTestSupport.h"

namespace kith::linkedin {
namespace {

TEST(ExportDates, ConnectedOn) {
  const auto d = parse_day_month_year("12 Jan 2024");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 1);
  EXPECT_EQ(d->day, 12);
  EXPECT_TRUE(parse_day_month_year("3 september 2019"));
  EXPECT_FALSE(parse_day_month_year("31 Feb 2024"));
  EXPECT_FALSE(parse_day_month_year("01/12/24"));  // day or month first? not ours to guess
  EXPECT_FALSE(parse_day_month_year("12 Jan 2024x"));
  EXPECT_FALSE(parse_day_month_year("12 Janu 2024"));
}

TEST(ExportDates, MessageDates) {
  EXPECT_EQ(parse_utc_timestamp("2024-05-01 14:22:10 UTC"), 1714573330);
  EXPECT_EQ(parse_utc_timestamp("2024-05-01 14:22:10"), 1714573330);
  EXPECT_FALSE(parse_utc_timestamp("2024-05-01 14:22:10 PST"));
  EXPECT_FALSE(parse_utc_timestamp("2024-13-01 14:22:10 UTC"));
  EXPECT_FALSE(parse_utc_timestamp("2024-05-01T14:22:10Z"));
}

TEST(ExportDates, InvitationDatesAreMonthFirstWithA12HourClock) {
  EXPECT_EQ(parse_month_day_year_time("11/3/24, 6:04 PM"), 1730657040);   // 2024-11-03 18:04 UTC
  EXPECT_EQ(parse_month_day_year_time("11/3/24, 6:04\xE2\x80\xAFPM"), 1730657040);  // narrow no-break space
  EXPECT_EQ(parse_month_day_year_time("1/1/2025, 12:00 AM"), 1735689600);  // midnight
  EXPECT_EQ(parse_month_day_year_time("1/1/25, 12:30 PM"), 1735734600);    // half past noon
  EXPECT_FALSE(parse_month_day_year_time("13/3/24, 6:04 PM"));  // no 13th month: day-first is refused, not guessed
  EXPECT_FALSE(parse_month_day_year_time("11/3/24 6:04 PM"));
  EXPECT_FALSE(parse_month_day_year_time("11/3/24, 18:04"));
  EXPECT_FALSE(parse_month_day_year_time("11/3/24, 13:04 PM"));
}

// Every record of `csv` through `read` after its header.
template <typename Read>
void for_each_record(std::span<const ColumnSpec> columns, std::string_view csv, Read read) {
  CsvTable table(columns, {}, [&](const ColumnMap& map, const CsvRow& row) {
    read(map, row);
    return Status::ok();
  });
  ASSERT_TRUE(table.feed(csv));
  ASSERT_TRUE(table.finish());
}

TEST(MessageRows, WhoWhenAndSubjectButNeverTheContent) {
  std::vector<MessageRow> rows;
  for_each_record(message_columns(), test::kMessagesCsv, [&](const ColumnMap& map, const CsvRow& row) {
    auto parsed = message_row(map, row);
    ASSERT_TRUE(parsed) << parsed.status().message();
    rows.push_back(*parsed);
  });
  ASSERT_EQ(rows.size(), 4u);
  const ConversationMessage& first = *rows[0].message;
  EXPECT_EQ(first.channel, "linkedin");
  EXPECT_EQ(first.collection, "2-abc==");
  EXPECT_EQ(first.item_id, "messages.csv line 2");
  EXPECT_EQ(first.date, 1714573330);
  EXPECT_EQ(first.sender->value, "https://www.linkedin.com/in/ann-lee");
  EXPECT_EQ(first.sender->name, "Ann Lee");
  EXPECT_EQ(first.sender->kind, HandleKind::Uri);
  ASSERT_EQ(first.recipients.size(), 1u);
  EXPECT_EQ(first.recipients[0].value, "https://www.linkedin.com/in/alex-morgan");
  EXPECT_EQ(first.recipients[0].name, "Alex Morgan");
  EXPECT_EQ(first.subject, "Coffee in Berlin?");
  EXPECT_EQ(first.message_id, "2-abc==|1714573330|https://www.linkedin.com/in/ann-lee");
  EXPECT_FALSE(rows[0].in_sent_folder);
  // The multi-line content ended where the quote closed: the next row is on line 6.
  EXPECT_EQ(rows[1].message->item_id, "messages.csv line 6");
  EXPECT_TRUE(rows[1].in_sent_folder);

  // A group message: each recipient with its name; the title as subject.
  const ConversationMessage& group = *rows[2].message;
  ASSERT_EQ(group.recipients.size(), 2u);
  EXPECT_EQ(group.recipients[1].value, "https://www.linkedin.com/in/cleo-diaz");
  EXPECT_EQ(group.recipients[1].name, "Cleo Diaz");
  EXPECT_EQ(group.subject, "Team sync");

  EXPECT_FALSE(rows[3].message);  // SPAM
  for (const auto& row : rows) {
    if (!row.message) continue;
    EXPECT_EQ(row.message->message_id.find("Sure"), std::string::npos);
    EXPECT_EQ(row.message->subject.find("Einstein"), std::string::npos);
  }
}

TEST(MessageRows, TwoMessagesOfOneSecondAreTwoAndNoIdHoldsTheContent) {
  const std::string header = "CONVERSATION ID,FROM,SENDER PROFILE URL,DATE,CONTENT\n";
  const std::string row = "c1,Ann,https://www.linkedin.com/in/ann,2024-05-01 14:22:10 UTC,";
  std::vector<std::string> ids, again;
  for (auto* out : {&ids, &again}) {
    MessageOrdinals ordinals;  // one per file read
    for_each_record(message_columns(), header + row + "One\n" + row + "Two\n" + "c1,Bo,https://www.linkedin.com/in/bo," +
                                           "2024-05-01 14:22:10 UTC,One\n",
                    [&](const ColumnMap& map, const CsvRow& r) {
                      out->push_back(ordinals.number(message_row(map, r)->message->message_id));
                    });
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"c1|1714573330|https://www.linkedin.com/in/ann",
                                           "c1|1714573330|https://www.linkedin.com/in/ann|2",
                                           "c1|1714573330|https://www.linkedin.com/in/bo"}));
  EXPECT_EQ(again, ids) << "the same file numbers them the same";
}

TEST(MessageRows, RecipientsPairWithNamesOnlyWhenTheyLineUp) {
  auto handles = recipient_handles("https://a/in/x https://a/in/y", "X One,Y Two");
  ASSERT_EQ(handles.size(), 2u);
  EXPECT_EQ(handles[1].value, "https://a/in/y");
  EXPECT_EQ(handles[1].name, "Y Two");
  handles = recipient_handles("https://a/in/x,https://a/in/y", "Lee, Ann, Y Two");
  ASSERT_EQ(handles.size(), 2u);
  EXPECT_EQ(handles[0].name, "");
}

TEST(MessageRows, ABadDateOrNoSenderIsAnItemError) {
  std::vector<std::string> errors;
  for_each_record(message_columns(),
                  "CONVERSATION ID,SENDER PROFILE URL,DATE\nc,https://a/in/x,yesterday\nc,,2024-05-01 14:22:10 UTC\n",
                  [&](const ColumnMap& map, const CsvRow& r) { errors.push_back(message_row(map, r).status().message()); });
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "line 2: DATE 'yesterday' is not a date like '2024-05-01 14:22:10 UTC'",
                        "line 3: no SENDER PROFILE URL"}));
}

TEST(InvitationRows, InviterToInviteeWithTheSubjectInvitationOnly) {
  std::vector<ConversationMessage> messages;
  for_each_record(invitation_columns(), test::kInvitationsCsv, [&](const ColumnMap& map, const CsvRow& row) {
    auto m = invitation_message(map, row, "");
    ASSERT_TRUE(m) << m.status().message();
    messages.push_back(*m);
  });
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].sender->value, "https://www.linkedin.com/in/dana-kim");
  EXPECT_EQ(messages[0].sender->name, "Dana Kim");
  EXPECT_EQ(messages[0].recipients[0].value, "https://www.linkedin.com/in/alex-morgan");
  EXPECT_EQ(messages[0].subject, "Invitation");
  EXPECT_EQ(messages[0].date, 1730657040);
  EXPECT_EQ(messages[0].collection, "invitations");
  EXPECT_EQ(messages[1].sender->value, "https://www.linkedin.com/in/alex-morgan");
  EXPECT_EQ(messages[1].recipients[0].value, "https://www.linkedin.com/in/eli-stone");
}

TEST(InvitationRows, WithoutUrlColumnsTheOwnersSideIsTheProfileUrlSetting) {
  const std::string csv = "From,To,Sent At,Message,Direction\nAlex Morgan,Eli Stone,\"1/15/25, 9:30 AM\",,OUTGOING\n";
  for_each_record(invitation_columns(), csv, [&](const ColumnMap& map, const CsvRow& row) {
    EXPECT_EQ(invitation_message(map, row, "").status().message(), "line 2: no inviterProfileUrl (set profile_url)");
    auto m = invitation_message(map, row, "https://www.linkedin.com/in/alex-morgan");
    // The invitee's side has no URL either: still an error, never a guess.
    EXPECT_EQ(m.status().message(), "line 2: no inviteeProfileUrl");
  });
}

TEST(LinkedInCursor, RoundTripsAndRefusesWhatItDidNotWrite) {
  FileCursor plain{"123-00000000000000ff", std::nullopt};
  EXPECT_EQ(decode_cursor(encode_cursor(plain)), plain);
  FileCursor cards{"9-0123456789abcdef",
                   std::map<std::string, std::string>{{"https://www.linkedin.com/in/ann-lee", "aa"},
                                                      {"https://www.linkedin.com/in/ann-li", "bb"},
                                                      {"name:bo park|", "cc"}}};
  const std::string text = encode_cursor(cards);
  EXPECT_EQ(decode_cursor(text), cards);
  EXPECT_NE(text.find("\n33 bb i\n"), std::string::npos) << text;  // front-coded
  EXPECT_FALSE(decode_cursor(""));
  EXPECT_FALSE(decode_cursor("v2 1-2"));
  EXPECT_FALSE(decode_cursor(text.substr(0, text.size() - 20)));
  EXPECT_FALSE(decode_cursor("v1 9-x 2\n0 aa b\n0 bb a"));  // not sorted
}

}  // namespace
}  // namespace kith::linkedin

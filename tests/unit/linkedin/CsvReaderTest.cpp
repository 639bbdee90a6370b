#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "csv/CsvReader.h"
#include "csv/CsvTable.h"
#include "rows/ConnectionRows.h"
#include "LinkedInTestSupport.h"

namespace kith::linkedin {
namespace {

struct Parsed {
  std::vector<CsvRow> rows;
  Status status;
};

// `text` fed in pieces of `piece` bytes, so that rows, marks and quotes
// split across feeds are read the same.
Parsed parse(std::string_view text, CsvLimits limits = {}, std::size_t piece = 7) {
  Parsed out;
  CsvReader reader(limits, [&](CsvRow& row) {
    out.rows.push_back(row);
    return Status::ok();
  });
  for (std::size_t i = 0; i < text.size() && out.status.is_ok(); i += piece) out.status = reader.feed(text.substr(i, piece));
  if (out.status) out.status = reader.finish();
  return out;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, QuotedFieldsSpanLinesAndKeepDoubledQuotes) {
  const auto parsed = parse("a,b\n\"line one\nline \"\"two\"\"\",x\nlast,row\n");
  ASSERT_TRUE(parsed.status) << parsed.status.message();
  ASSERT_EQ(parsed.rows.size(), 3u);
  EXPECT_EQ(parsed.rows[1].fields, (Fields{"line one\nline \"two\"", "x"}));
  EXPECT_EQ(parsed.rows[1].line, 2u);
  EXPECT_EQ(parsed.rows[2].fields, (Fields{"last", "row"}));
  EXPECT_EQ(parsed.rows[2].line, 4u);
}

TEST(CsvReader, CrlfAndByteOrderMarkAndNoFinalNewline) {
  for (std::size_t piece : {1u, 2u, 64u}) {
    const auto parsed = parse("\xEF\xBB\xBF\"First Name\",Last\r\nAnn,Lee\r\nBo,Park", {}, piece);
    ASSERT_TRUE(parsed.status) << parsed.status.message();
    ASSERT_EQ(parsed.rows.size(), 3u) << piece;
    EXPECT_EQ(parsed.rows[0].fields, (Fields{"First Name", "Last"})) << piece;
    EXPECT_EQ(parsed.rows[2].fields, (Fields{"Bo", "Park"})) << piece;
    EXPECT_EQ(parsed.rows[2].line, 3u);
  }
}

TEST(CsvReader, ShortInputsThatLookLikeTheStartOfAMark) {
  const auto parsed = parse("\xEF\xBB", {}, 1);
  ASSERT_TRUE(parsed.status) << parsed.status.message();
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].fields, (Fields{"\xEF\xBB"}));
  EXPECT_TRUE(parse("").rows.empty());
}

TEST(CsvReader, AStrayQuoteIsAnErrorNamingTheLine) {
  const auto parsed = parse("a,b\nc,d\"e\n");
  ASSERT_FALSE(parsed.status);
  EXPECT_EQ(parsed.status.kind(), ErrorKind::Collection);
  EXPECT_NE(parsed.status.message().find("line 2: malformed CSV"), std::string::npos) << parsed.status.message();
}

TEST(CsvReader, TenMegabytesInAnUnterminatedQuoteStopAtTheFieldCap) {
  std::string text = "a,b\nx,\"";
  text.append(10 * 1024 * 1024, 'y');
  CsvLimits limits;
  limits.max_field_bytes = 1024 * 1024;
  std::size_t fed = 0;
  CsvReader reader(limits, [](CsvRow&) { return Status::ok(); });
  Status status;
  for (; fed < text.size() && status; fed += 4096) status = reader.feed(std::string_view(text).substr(fed, 4096));
  ASSERT_FALSE(status);
  // Stopped soon after the cap, not at the end of the input.
  EXPECT_LT(fed, 2u * 1024 * 1024);
  EXPECT_EQ(status.message(),
            "a field that starts after line 1 is longer than 1048576 bytes (a quote never closed?)");
  EXPECT_EQ(status.message().find('\n'), std::string::npos);
}

TEST(CsvReader, AQuoteNeverClosedIsAnErrorAtTheEnd) {
  const auto parsed = parse("a,b\nc,\"open\nmore\n");
  ASSERT_FALSE(parsed.status);
  EXPECT_EQ(parsed.status.message(), "a quoted field that starts after line 1 is never closed (end of file on line 4)");
}

TEST(CsvReader, AHundredThousandColumnsAreRefusedAtTheColumnCap) {
  std::string text = "a";
  for (int i = 0; i < 100000; ++i) text += ",x";
  text += "\n";
  const auto parsed = parse(text, {}, 65536);
  ASSERT_FALSE(parsed.status);
  EXPECT_EQ(parsed.status.message(), "line 1: more than 1000 columns");
  EXPECT_TRUE(parsed.rows.empty());
}

TEST(CsvReader, RowsBeyondTheCapAreRefused) {
  CsvLimits limits;
  limits.max_rows = 2;
  const auto parsed = parse("a\nb\nc\n", limits);
  ASSERT_FALSE(parsed.status);
  EXPECT_EQ(parsed.status.message(), "line 3: more than 2 rows");
  EXPECT_EQ(parsed.rows.size(), 2u);
}

// --- the table: header row and columns by name -----------------------------

struct TableRead {
  std::vector<ContactCard> cards;
  std::vector<std::string> failures;
  Status status;
};

TableRead read_connections(std::string_view text) {
  TableRead out;
  CsvTable table(connection_columns(), {}, [&](const ColumnMap& columns, const CsvRow& row) {
    auto card = connection_card(columns, row);
    if (card)
      out.cards.push_back(*card);
    else
      out.failures.push_back(card.status().message());
    return Status::ok();
  });
  out.status = table.feed(text);
  if (out.status) out.status = table.finish();
  return out;
}

TEST(CsvTable, TheHeaderRowComesAfterTheNotesLines) {
  for (std::string_view eol : {"\n", "\r\n"}) {
    const auto read = read_connections(test::connections_csv(test::kConnectionRows, eol));
    ASSERT_TRUE(read.status) << read.status.message();
    ASSERT_EQ(read.cards.size(), 3u);
    EXPECT_EQ(read.cards[0].formatted_name, "Ann Lee");
    EXPECT_EQ(read.cards[1].family_name, "Park, Jr.");
    EXPECT_EQ(read.cards[1].organization, "Acme \"Rockets\" Inc");
  }
}

TEST(CsvTable, ColumnsAreFoundByNameInAnyOrderAndUnderOtherNames) {
  // An older export: no URL, other order, other case, a BOM, a column more.
  const auto read = read_connections(
      "\xEF\xBB\xBF" "connected on,EMAIL,Position,Last Name,first name,Company,Tags\n"
      "5 Aug 2015,ann@example.net,Head of Research,Lee,Ann,Example GmbH,x\n");
  ASSERT_TRUE(read.status) << read.status.message();
  ASSERT_EQ(read.cards.size(), 1u);
  const ContactCard& ann = read.cards[0];
  EXPECT_EQ(ann.given_name, "Ann");
  EXPECT_EQ(ann.family_name, "Lee");
  EXPECT_EQ(ann.title, "Head of Research");
  EXPECT_EQ(ann.organization, "Example GmbH");
  ASSERT_EQ(ann.handles.size(), 1u);
  EXPECT_EQ(ann.handles[0].value, "ann@example.net");
  EXPECT_EQ(ann.resource, "name:ann lee|ann@example.net");
  ASSERT_TRUE(ann.connected);
  EXPECT_EQ(ann.connected->year, 2015);

  // "Profile URL" is the URL column too.
  const auto renamed = read_connections("First Name,Last Name,Profile URL\nBo,Park,https://www.linkedin.com/in/Bo-Park/\n");
  ASSERT_TRUE(renamed.status) << renamed.status.message();
  ASSERT_EQ(renamed.cards.size(), 1u);
  EXPECT_EQ(renamed.cards[0].resource, "https://www.linkedin.com/in/bo-park");
  EXPECT_EQ(renamed.cards[0].handles[0].value, "https://www.linkedin.com/in/Bo-Park/");
}

TEST(CsvTable, AFileWithoutTheHeaderSaysWhatIsMissing) {
  const auto read = read_connections("Name,Company\nAnn Lee,Example\n");
  ASSERT_FALSE(read.status);
  EXPECT_EQ(read.status.message(), "no header row naming First Name, Last Name");
  std::string many;
  for (int i = 0; i < 30; ++i) many += "note " + std::to_string(i) + "\n";
  const auto late = read_connections(many + "First Name,Last Name\n");
  ASSERT_FALSE(late.status);
  EXPECT_EQ(late.status.message(), "no header row naming First Name, Last Name in the first 20 rows");
}

TEST(CsvTable, ABadDateIsAnItemErrorNamingTheLine) {
  const auto read = read_connections(test::connections_csv("Ann,Lee,https://x/in/ann,,,,2024-01-12\nBo,Park,https://x/in/bo,,,,\n"));
  ASSERT_TRUE(read.status) << read.status.message();
  ASSERT_EQ(read.failures.size(), 1u);
  EXPECT_EQ(read.failures[0], "line 5: Connected On '2024-01-12' is not a date like '12 Jan 2024'");
  ASSERT_EQ(read.cards.size(), 1u);
  EXPECT_FALSE(read.cards[0].connected);
}

}  // namespace
}  // namespace kith::linkedin

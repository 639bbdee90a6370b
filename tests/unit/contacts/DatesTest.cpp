// BDAY, ANNIVERSARY and REV in the forms exporters write.
#include "VCardTestSupport.h"

namespace kith::contacts::testing {
namespace {

std::optional<PartialDate> birthday(std::string_view property) {
  return read_one(vcard("3.0", {property})).birthday;
}

std::string text(const std::optional<PartialDate>& date) {
  if (!date) return "none";
  return std::to_string(date->year) + "-" + std::to_string(date->month) + "-" + std::to_string(date->day);
}

TEST(Dates, EveryFormOfABirthday) {
  EXPECT_EQ(text(birthday("BDAY:19840415")), "1984-4-15");
  EXPECT_EQ(text(birthday("BDAY:1984-04-15")), "1984-4-15");
  EXPECT_EQ(text(birthday("BDAY:--0415")), "0-4-15");
  EXPECT_EQ(text(birthday("BDAY:--04-15")), "0-4-15");
  EXPECT_EQ(text(birthday("BDAY:1984-04-15T00:00:00Z")), "1984-4-15");
  EXPECT_EQ(text(birthday("BDAY;VALUE=date-and-or-time:19840415T101500")), "1984-4-15");
  EXPECT_EQ(text(birthday("BDAY;VALUE=date:--0229")), "0-2-29");  // no year: Feb 29 exists
  EXPECT_EQ(text(birthday("BDAY:0000-04-15")), "0-4-15");
}

TEST(Dates, AppleOmitYear) {
  EXPECT_EQ(text(birthday("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15")), "0-4-15");
  EXPECT_EQ(text(birthday("BDAY;X-APPLE-OMIT-YEAR=1604:1984-04-15")), "1984-4-15");
  EXPECT_EQ(text(birthday("BDAY:1604-04-15")), "1604-4-15");  // without the parameter, a year
}

TEST(Dates, ImpossibleOrIncompleteDatesAreDroppedNotErrors) {
  for (std::string_view bad : {"BDAY:1984-13-01", "BDAY:1983-02-29", "BDAY:2024-02-30", "BDAY:--0431",
                               "BDAY:1984-00-10", "BDAY:1984", "BDAY:1984-04", "BDAY:---15", "BDAY:--04",
                               "BDAY;VALUE=text:circa 1800", "BDAY:", "BDAY:1984-04-15junk", "BDAY:T101500"}) {
    EXPECT_EQ(text(birthday(bad)), "none") << bad;
  }
  EXPECT_EQ(text(birthday("BDAY:2024-02-29")), "2024-2-29");
}

TEST(Dates, AnniversaryFromEveryExporter) {
  for (std::string_view property : {"ANNIVERSARY:20100612", "X-ANNIVERSARY:2010-06-12", "X-MS-ANNIVERSARY:20100612",
                                    "X-EVOLUTION-ANNIVERSARY:2010-06-12"}) {
    EXPECT_EQ(text(read_one(vcard("3.0", {property})).anniversary), "2010-6-12") << property;
  }
  // Apple's other dated items are not anniversaries.
  EXPECT_EQ(text(read_one(vcard("3.0", {"item1.X-ABDATE:2010-06-12", "item1.X-ABLabel:Kennengelernt"})).anniversary),
            "none");
}

TEST(Dates, RevisionTimestamps) {
  const auto rev = [](std::string_view property) { return read_one(vcard("4.0", {property})).revision; };
  EXPECT_EQ(rev("REV:20240115T101500Z"), utc(2024, 1, 15, 10, 15, 0));
  EXPECT_EQ(rev("REV:2024-01-15T10:15:00Z"), utc(2024, 1, 15, 10, 15, 0));
  EXPECT_EQ(rev("REV:2024-01-15T10:15:00.250Z"), utc(2024, 1, 15, 10, 15, 0));
  EXPECT_EQ(rev("REV:2024-01-15T11:15:00+01:00"), utc(2024, 1, 15, 10, 15, 0));
  EXPECT_EQ(rev("REV:20240115T051500-0500"), utc(2024, 1, 15, 10, 15, 0));
  EXPECT_EQ(rev("REV:20240115T1015Z"), utc(2024, 1, 15, 10, 15, 0));
  EXPECT_EQ(rev("REV:2024-01-15"), utc(2024, 1, 15));
  EXPECT_EQ(rev("REV:20240115"), utc(2024, 1, 15));
  for (std::string_view bad : {"REV:yesterday", "REV:2024-13-01T00:00:00Z", "REV:20240115T251500Z",
                               "REV:--0115", "REV:20240115T101500Zjunk", "REV:20240115T10"}) {
    EXPECT_FALSE(rev(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace kith::contacts::testing

// Whole resources: grouping by UID, and what happens with broken input.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "CalendarTestSupport.h"

namespace kith::calendar {
namespace {

using testing::crlf;
using testing::parse;
using testing::read_data_file;
using testing::single_event;
using testing::utc;
using testing::vcalendar;

TEST(Resource, TwoUidsInOneResource) {
  const std::string ics = vcalendar(
      crlf({"BEGIN:VEVENT", "UID:first@example.org", "DTSTART:20260105T100000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:second@example.org", "DTSTART:20260106T100000Z",
            "RRULE:FREQ=DAILY;COUNT=2", "END:VEVENT", "BEGIN:VEVENT", "UID:second@example.org",
            "RECURRENCE-ID:20260107T100000Z", "DTSTART:20260107T150000Z", "END:VEVENT"}));
  auto result = parse_calendar_resource(ics, "cal", "both.ics", testing::kDefaultOptions);
  ASSERT_TRUE(result) << result.status().message();
  ASSERT_EQ(result->size(), 2u);
  const CalendarEvent& first = (*result)[0];
  const CalendarEvent& second = (*result)[1];
  EXPECT_EQ(first.uid, "first@example.org");
  EXPECT_EQ(second.uid, "second@example.org");
  for (const CalendarEvent* e : {&first, &second}) {
    EXPECT_EQ(e->collection, "cal");
    EXPECT_EQ(e->resource, "both.ics");
  }
  ASSERT_EQ(first.occurrences.size(), 1u);
  EXPECT_EQ(first.occurrences[0].start, utc(2026, 1, 5, 10));
  ASSERT_EQ(second.occurrences.size(), 2u);
  EXPECT_EQ(second.occurrences[1].start, utc(2026, 1, 7, 15));
}

TEST(Resource, ATaskOrAJournalEntryIsNoEventAndNoError) {
  for (const char* component : {"VTODO", "VJOURNAL"}) {
    const std::string begin = std::string("BEGIN:") + component, end = std::string("END:") + component;
    auto result = parse_calendar_resource(vcalendar(crlf({begin.c_str(), "UID:t", "SUMMARY:Call Dana", end.c_str()})),
                                          "cal", "t.ics", testing::kDefaultOptions);
    ASSERT_TRUE(result) << component << ": " << result.status().message();
    EXPECT_TRUE(result->empty()) << component;
  }
}

TEST(Resource, EventWithNoOccurrenceInRangeIsStillReported) {
  // Delivering the event again must replace what was there, even if empty.
  auto result = parse(single_event({"UID:a", "DTSTART:20300105T100000Z"}),
                      testing::options_at(utc(2026, 1, 1), 30));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->size(), 1u);
  EXPECT_TRUE((*result)[0].occurrences.empty());
}

TEST(Resource, VeventWithoutUidIsSkipped) {
  const std::string ics =
      vcalendar(crlf({"BEGIN:VEVENT", "DTSTART:20260105T100000Z", "END:VEVENT", "BEGIN:VEVENT",
                      "UID:ok", "DTSTART:20260105T100000Z", "END:VEVENT"}));
  auto result = parse(ics);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->size(), 1u);
  EXPECT_EQ((*result)[0].uid, "ok");
}

TEST(Resource, ByteOrderMarkAndLfLineEndings) {
  const std::string ics =
      "\xEF\xBB\xBF"
      "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:bom\n"
      "DTSTART:20260105T100000Z\nEND:VEVENT\nEND:VCALENDAR\n";
  auto result = parse(ics);
  ASSERT_TRUE(result) << result.status().message();
  EXPECT_EQ((*result)[0].uid, "bom");
}

TEST(Resource, PropertiesLibicalWouldPrintAboutAreDropped) {
  // Found by fuzzing: libical writes to stderr for TASK-MODE and X-LIC-CLASS
  // whatever their value. They carry nothing Kith needs.
  const std::string ics = vcalendar(
      "BEGIN:VEVENT\r\nUID:quiet\r\nTASK-MODE:ECLLED\r\nx-lic-class;X=1:PUBLIC\r\n"
      "TASK-\r\n MODE:folded\r\nDTSTART:20260105T100000Z\r\nLOCATION:zoom.us/j/1\r\n"
      "END:VEVENT\r\n");
  ::testing::internal::CaptureStderr();
  auto result = parse(ics);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  ASSERT_TRUE(result) << result.status().message();
  ASSERT_EQ((*result)[0].occurrences.size(), 1u);
  EXPECT_EQ((*result)[0].occurrences[0].start, utc(2026, 1, 5, 10));
  EXPECT_TRUE((*result)[0].occurrences[0].has_video_link);
}

TEST(Resource, FoldedAfterCarriageReturnOnlyLine) {
  // "\r\n" followed by an indented line is unfolded (by libical too).
  auto result = parse(
      "\r\n BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n"
      "DTSTART:20260105T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  ASSERT_TRUE(result) << result.status().message();
  EXPECT_EQ((*result)[0].uid, "x");
}

TEST(Resource, ConcatenatedCalendars) {
  const std::string ics = single_event({"UID:one", "DTSTART:20260105T100000Z"}) +
                          single_event({"UID:two", "DTSTART:20260106T100000Z"});
  auto result = parse(ics);
  ASSERT_TRUE(result) << result.status().message();
  ASSERT_EQ(result->size(), 2u);
  EXPECT_EQ((*result)[1].uid, "two");
}

struct BrokenCase {
  const char* name;
  std::string ics;
  std::string message_part;  // the error must name the problem
};

// Test names instead of byte dumps in failure messages.
void PrintTo(const BrokenCase& c, std::ostream* os) { *os << c.name; }

class BrokenResources : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenResources, ReturnItemErrorSilently) {
  const BrokenCase& c = GetParam();
  ::testing::internal::CaptureStderr();
  auto result = parse(c.ics);
  const std::string printed = ::testing::internal::GetCapturedStderr();
  ASSERT_FALSE(result);
  EXPECT_EQ(result.status().kind(), ErrorKind::Item);
  EXPECT_NE(result.status().message().find(c.message_part), std::string::npos)
      << "message: " << result.status().message();
  EXPECT_EQ(printed, "") << "libical wrote to stderr";
  EXPECT_EQ(result.status().message().find_first_of("\r\n"), std::string::npos)
      << "message on more than one line: " << result.status().message();
}

const std::string kGoodEvent =
    crlf({"BEGIN:VEVENT", "UID:x", "DTSTART:20260105T100000Z", "END:VEVENT"});

const BrokenCase kBrokenCases[] = {
    {"Empty", "", "empty"},
    {"Blank", " \r\n\r\n", "empty"},
    {"PlainText", "hello world, this is not a calendar\n", "no BEGIN:VCALENDAR"},
    {"BinaryWithNul", std::string("\x89PNG\r\n\x1a\n\0\0\xff", 11), "NUL"},
    {"BinaryWithoutNul", "\x89PNG\r\n\x1a\n\xff\xfe\x01", "no BEGIN:VCALENDAR"},
    {"Json", "{\"kind\": \"calendar#event\", \"id\": \"x\"}", "no BEGIN:VCALENDAR"},
    {"NoVevent", vcalendar(crlf({"BEGIN:VFREEBUSY", "UID:t", "END:VFREEBUSY"})), "no VEVENT"},
    {"EmptyCalendar", vcalendar(""), "no VEVENT"},
    {"OnlyVeventsWithoutUid",
     vcalendar(crlf({"BEGIN:VEVENT", "DTSTART:20260105T100000Z", "END:VEVENT"})),
     "no VEVENT with a UID"},
    {"MissingDtstart", vcalendar(crlf({"BEGIN:VEVENT", "UID:x", "SUMMARY:no start", "END:VEVENT"})),
     "no valid DTSTART"},
    {"UnparseableDtstart",
     vcalendar(crlf({"BEGIN:VEVENT", "UID:x", "DTSTART:2026-01-05 10:00", "END:VEVENT"})),
     "no valid DTSTART"},
    {"TruncatedInsideVevent", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260105T1000",
     "truncated"},
    {"TruncatedBeforeEndVcalendar", "BEGIN:VCALENDAR\r\n" + kGoodEvent, "truncated"},
    {"EndWithoutBegin", vcalendar(kGoodEvent) + "END:VCALENDAR\r\n", "without a BEGIN"},
    {"MismatchedEnd", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
     "does not close BEGIN:VEVENT"},
    {"BeginWithoutName", "BEGIN:VCALENDAR\r\nBEGIN:\r\nEND:VCALENDAR\r\n",
     "without a component name"},
    {"BareVevent", kGoodEvent, "not a VCALENDAR"},
    // Found by fuzzing: libical does not take an indented line for BEGIN or
    // END (and then prints "Encountered END before BEGIN").
    {"IndentedBeginVcalendar", "\t\tBEGIN:VCALENDAR\r\n" + kGoodEvent + "END:VCALENDAR\r\n",
     "not a VCALENDAR"},
    // Found by fuzzing: after an empty line libical does not unfold.
    {"IndentedAfterEmptyLine", "\n BEGIN:VCALENDAR\r\n" + kGoodEvent + "END:VCALENDAR\r\n",
     "not a VCALENDAR"},
    {"CarriageReturnBeforeBegin",
     "BEGIN:VCALENDAR\n\rBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260105T100000Z\r\nEND:VEVENT\r\nEND:"
     "VCALENDAR\r\n",
     "does not close BEGIN:VCALENDAR"},
    // A carriage return inside a component name is shown as '?': the
    // message stays on one line.
    {"CarriageReturnInAComponentName",
     "BEGIN:VCALENDAR\r\nBEGIN:VEV\rENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
     "close BEGIN:VEV?ENT"},
    {"NestedTooDeep",
     "BEGIN:VCALENDAR\r\n" +
         [] {
           std::string s;
           for (int i = 0; i < 40; ++i) s += "BEGIN:X-DEEP\r\n";
           for (int i = 0; i < 40; ++i) s += "END:X-DEEP\r\n";
           return s;
         }() +
         "END:VCALENDAR\r\n",
     "nested too deeply"},
};

INSTANTIATE_TEST_SUITE_P(Calendar, BrokenResources, ::testing::ValuesIn(kBrokenCases),
                         [](const ::testing::TestParamInfo<BrokenCase>& info) {
                           return info.param.name;
                         });

// Damaged copies of real resources: every prefix (truncation) and
// deterministic byte corruption. Each must give a value or an Item error,
// never a crash, a hang or output on stderr (ASan/UBSan builds check the
// rest).
std::vector<std::string> damaged_variants(const std::string& ics) {
  std::vector<std::string> out;
  for (std::size_t cut = 0; cut < ics.size(); cut += 7) out.push_back(ics.substr(0, cut));
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return (state >> 8) & 0xFFFFFFu;
  };
  const char replacements[] = {':', ';', '\n', ' ', '"', ',', '=', '\\', 'Z', '0', '\x80', '\x7f'};
  for (int round = 0; round < 300; ++round) {
    std::string copy = ics;
    const int edits = 1 + static_cast<int>(next() % 4);
    for (int e = 0; e < edits && !copy.empty(); ++e) {
      const std::size_t at = next() % copy.size();
      switch (next() % 3) {
        case 0: copy[at] = replacements[next() % sizeof replacements]; break;
        case 1: copy.erase(at, 1 + next() % 20); break;
        default: copy.insert(at, copy.substr(next() % copy.size(), 1 + next() % 40)); break;
      }
    }
    out.push_back(std::move(copy));
  }
  return out;
}

class DamagedFiles : public ::testing::TestWithParam<const char*> {};

TEST_P(DamagedFiles, NeverCrashNorPrint) {
  const std::string original = read_data_file(GetParam());
  ASSERT_FALSE(original.empty());
  ASSERT_TRUE(parse(original));
  std::size_t ok = 0;
  std::size_t errors = 0;
  ::testing::internal::CaptureStderr();
  for (const std::string& variant : damaged_variants(original)) {
    auto result = parse(variant);
    if (result) {
      ++ok;
      for (const CalendarEvent& e : *result) EXPECT_FALSE(e.uid.empty());
    } else {
      ++errors;
      EXPECT_EQ(result.status().kind(), ErrorKind::Item);
      EXPECT_FALSE(result.status().message().empty());
    }
  }
  const std::string printed = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(printed, "");
  EXPECT_GT(errors, 0u);  // truncations must be reported
  EXPECT_GT(ok, 0u);      // and mild damage tolerated
}

INSTANTIATE_TEST_SUITE_P(Calendar, DamagedFiles,
                         ::testing::Values("google_weekly_with_overrides.ics",
                                           "outlook_windows_zone_no_vtimezone.ics"));

TEST(Resource, IcalErrnoIsNeitherReadStaleNorLeaked) {
  // A stale error in this thread's icalerrno must not fail a good parse,
  // and our own libical errors must not leak back to the caller.
  icalerrno = ICAL_FILE_ERROR;
  EXPECT_TRUE(parse(single_event({"UID:x", "DTSTART:20260105T100000Z"})));
  EXPECT_EQ(icalerrno, ICAL_FILE_ERROR);
  icalerror_clear_errno();
  EXPECT_FALSE(parse(single_event({"UID:x", "DTSTART;VALUE=DATE:2026garbage"})));
  EXPECT_TRUE(parse(single_event(
      {"UID:x", "DTSTART:20260105T100000Z", "RRULE:FREQ=YEARLY;BYMONTH=6;BYYEARDAY=1"})));
  EXPECT_EQ(icalerrno, ICAL_NO_ERROR);
}

TEST(Resource, ConcurrentCallsAgree) {
  // Several threads expanding zoned, recurring events at once (libical's
  // shared zone cache is in play) get what a single thread gets.
  std::vector<std::string> inputs;
  for (const char* zone : {"Europe/Berlin", "America/New_York", "W. Europe Standard Time",
                           "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo"}) {
    inputs.push_back(
        single_event({"UID:t", std::string("DTSTART;TZID=") + zone + ":20200106T090000",
                      "DURATION:P1D", "RRULE:FREQ=WEEKLY"}));
  }
  inputs.push_back(read_data_file("google_weekly_with_overrides.ics"));
  std::vector<std::vector<UnixSeconds>> expected;
  for (const std::string& ics : inputs) {
    auto result = parse(ics);
    ASSERT_TRUE(result);
    expected.push_back(testing::starts_of(result->front()));
  }
  std::vector<int> mismatches(8, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 4; ++round) {
        for (std::size_t i = 0; i < inputs.size(); ++i) {
          const std::size_t k = (i + t) % inputs.size();
          auto result = parse(inputs[k]);
          if (!result || testing::starts_of(result->front()) != expected[k]) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace kith::calendar

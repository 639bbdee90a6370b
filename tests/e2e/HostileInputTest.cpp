// Input built to hurt, through the real `kith` binary and the `local`
// provider: the poisoned item is quarantined at once, the rest syncs.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../unit/engine/TempDir.h"
#include "KithProcess.h"

namespace kith::test {
namespace {

std::string event(const std::string& uid, const std::string& extra) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260105T090000Z\r\nDTEND:20260105T100000Z\r\n"
         "ORGANIZER:mailto:me@example.org\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:" + uid + "@example.net\r\n" + extra +
         "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

TEST(HostileInput, AnEndlessRecurrenceRuleIsQuarantinedAndTheRestSyncs) {
  TempDir dir;
  std::filesystem::create_directories(dir / "vdir" / "cal");
  std::ofstream(dir / "vdir" / "cal" / "poison.ics") << event("poison", "RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\r\n");
  std::ofstream(dir / "vdir" / "cal" / "slow.ics") << event("slow", "RRULE:FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=29\r\n");
  std::ofstream(dir / "vdir" / "cal" / "fine.ics") << event("fine", "");
  std::ofstream(dir / "kith.toml") << "[identity]\naddresses = [\"me@example.org\"]\n[[account]]\nname = \"cal\"\n"
                                      "provider = \"local\"\nvdir = \"vdir\"\n";
  const std::string env = "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " ";
  const std::vector<std::string> base = {"--config", (dir / "kith.toml").string(), "--db", (dir / "h.db").string()};

  auto args = base;
  args.push_back("sync");
  const auto started = std::chrono::steady_clock::now();
  auto sync = run_kith(args, dir.path(), "timeout 120 env " + env);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(sync.exit_code, 0) << sync.err;  // item errors are warnings
  EXPECT_LT(seconds, 60.0) << "a hostile rule held the sync for " << seconds << " s";
  EXPECT_NE(sync.err.find("poison.ics"), std::string::npos) << sync.err;
  EXPECT_NE(sync.err.find("slow.ics"), std::string::npos) << sync.err;

  args = base;
  args.insert(args.end(), {"contacts", "--json"});
  auto contacts = run_kith(args, dir.path(), env);
  ASSERT_EQ(contacts.exit_code, 0) << contacts.err;
  const auto list = nlohmann::json::parse(contacts.out);
  ASSERT_EQ(list.size(), 1u) << list.dump();
  EXPECT_EQ(list[0]["addresses"][0], "fine@example.net");

  args = base;
  args.insert(args.end(), {"status", "--json"});
  auto status = run_kith(args, dir.path(), env);
  EXPECT_NE(status.out.find("every second or minute"), std::string::npos) << status.out;
}

// Server-supplied text never reaches the terminal raw: an attendee's CN, a
// folder name, an item's error. ESC and BEL would retitle or clear it.
TEST(HostileInput, TerminalEscapesFromDataNeverReachTheTerminal) {
  TempDir dir;
  const std::string esc = "\x1b]0;owned\x07\x1b[2J";
  const std::string csi = "\xc2\x9b" "2J";  // U+009B, CSI as one character
  std::filesystem::create_directories(dir / "vdir" / ("cal" + esc));
  std::ofstream(dir / "vdir" / ("cal" + esc) / "e.ics")
      << event("x", "ATTENDEE;CN=\"Eve" + esc + csi + "\";PARTSTAT=ACCEPTED:mailto:eve@example.net\r\n");
  std::ofstream(dir / "vdir" / ("cal" + esc) / ("broken" + esc + ".ics")) << "BEGIN:VCALENDAR\r\n";
  for (const char* sub : {"cur", "new", "tmp"}) std::filesystem::create_directories(dir / "mail" / ("." + esc) / sub);
  for (const char* sub : {"cur", "new", "tmp"}) std::filesystem::create_directories(dir / "mail" / sub);
  std::ofstream(dir / "kith.toml") << "[identity]\naddresses = [\"me@example.org\"]\n[[account]]\nname = \"cal\"\n"
                                      "provider = \"local\"\nvdir = \"vdir\"\nmaildir = \"mail\"\n";
  const std::string env = "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " ";
  const std::vector<std::string> base = {"--config", (dir / "kith.toml").string(), "--db", (dir / "h.db").string()};
  const auto clean = [&](const ProcessResult& r, const std::string& what) {
    for (const std::string* text : {&r.out, &r.err}) {
      EXPECT_EQ(text->find('\x1b'), std::string::npos) << what << ": " << *text;
      EXPECT_EQ(text->find('\x07'), std::string::npos) << what << ": " << *text;
      EXPECT_EQ(text->find("\xc2\x9b"), std::string::npos) << what << ": " << *text;
    }
  };
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"sync"}, {"contacts"}, {"history", "eve@example.net"}, {"status"},
        {"accounts", "--check"}, {"--log-level", "debug", "sync"}}) {
    auto args = base;
    args.insert(args.end(), command.begin(), command.end());
    auto r = run_kith(args, dir.path(), env);
    clean(r, command.back());
    if (command.front() == "contacts") {
      EXPECT_NE(r.out.find("Eve"), std::string::npos) << r.out;
    }
  }
}

}  // namespace
}  // namespace kith::test

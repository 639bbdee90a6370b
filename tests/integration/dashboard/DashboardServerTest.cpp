// The dashboard's server and pages without a browser: the address rules,
// the token file, the refusals, what a change runs (a stand-in `kith` that
// records its arguments and prints canned JSON), the limits on requests,
// and that text from the store is never markup.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "../../unit/engine/TempDir.h"
#include "WebDriver.h"
#include "dashboard/Charts.h"
#include "dashboard/DashboardFiles.h"
#include "dashboard/DashboardServer.h"
#include "dashboard/Html.h"
#include "dashboard/KithRunner.h"
#include "dashboard/Pages.h"
#include "util/Time.h"
#include "host/StderrLogger.h"

namespace kith::engine {
namespace {

using kith::test::TempDir;
using kith::test::browser::http;
using nlohmann::json;

TEST(DashboardAddress, LoopbackOnlyUnlessAllowed) {
  struct Case {
    std::string text;
    bool ok;
    std::string host;
    int port;
    bool loopback;
  };
  for (const auto& c : std::vector<Case>{{"127.0.0.1:8417", true, "127.0.0.1", 8417, true},
                                         {"127.1.2.3:0", true, "127.1.2.3", 0, true},
                                         {"localhost:80", true, "127.0.0.1", 80, true},
                                         {"[::1]:8417", true, "::1", 8417, true},
                                         {"0.0.0.0:8417", true, "0.0.0.0", 8417, false},
                                         {"192.168.1.20:8417", true, "192.168.1.20", 8417, false},
                                         {"127.0.0.1", false, "", 0, false},
                                         {"127.0.0.1:70000", false, "", 0, false},
                                         {"127.0.0.1:80x", false, "", 0, false},
                                         {"::1:80", false, "", 0, false},
                                         {"dashboard.example:80", false, "", 0, false}}) {
    auto a = parse_listen_address(c.text);
    ASSERT_EQ(static_cast<bool>(a), c.ok) << c.text;
    if (!a) {
      EXPECT_NE(a.status().message().find(c.text), std::string::npos) << a.status().message();
      continue;
    }
    EXPECT_EQ(a->host, c.host);
    EXPECT_EQ(a->port, c.port);
    EXPECT_EQ(a->loopback, c.loopback) << c.text;
  }
  StderrLogger log;
  DashboardSettings settings;
  settings.listen = "0.0.0.0:0";
  settings.token = std::string(64, 'a');
  auto refused = DashboardServer::start(settings, log);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.status().message().find("allow_remote"), std::string::npos) << refused.status().message();
}

TEST(DashboardFiles, TheTokenIsMadeOncePrivateAndAReadableOneIsRefused) {
  TempDir dir;
  const auto files = dashboard_files(dir.path() / "history.db");
  EXPECT_EQ(files.token, dir.path() / "history.db.dashboard-token");
  auto token = load_or_create_token(files.token);
  ASSERT_TRUE(token) << token.status().message();
  EXPECT_EQ(token->size(), 64u);
  EXPECT_EQ(token->find_first_not_of("0123456789abcdef"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(files.token.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = load_or_create_token(files.token);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *token);
  // Another file's token differs.
  auto other = load_or_create_token(dir.path() / "other.dashboard-token");
  ASSERT_TRUE(other);
  EXPECT_NE(*other, *token);
  ::chmod(files.token.c_str(), 0644);
  auto readable = load_or_create_token(files.token);
  ASSERT_FALSE(readable);
  EXPECT_NE(readable.status().message().find("may be read by others"), std::string::npos);

  ASSERT_TRUE(write_link(files.link, "http://127.0.0.1:1/?token=x"));
  auto link = read_link(files.link);
  ASSERT_TRUE(link);
  EXPECT_EQ(*link, "http://127.0.0.1:1/?token=x");
  ASSERT_EQ(::stat(files.link.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_TRUE(same_token("abc", "abc"));
  EXPECT_FALSE(same_token("abc", "abd"));
  EXPECT_FALSE(same_token("abc", "abcd"));
}

TEST(DashboardPages, TextFromTheStoreIsNeverMarkup) {
  const std::string evil = "<img src=x onerror=alert(1)> & \"q\" 'a'";
  EXPECT_EQ(html::escape(evil), "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39;");
  const json show = {{"id", 7}, {"name", evil}, {"handles", json::array({{{"kind", "email"}, {"value", evil}}})},
                     {"tags", json::array({evil})}, {"strength", 3.25}, {"met_at", json::array()},
                     {"upcoming_meetings", json::array()}};
  const json history = {{"interactions", json::array({{{"when", "2026-11-03T10:00:00Z"}, {"kind", "email_sent"},
                                                       {"subject", evil}, {"address", "a@b.example"},
                                                       {"upcoming", false}}})}};
  const std::string page = pages::person(show, json::object(), history, 1796601600 /* 2026-12-07 */, "tok");
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("&lt;img src=x"), std::string::npos);
  const std::string chart = charts::share_bars("c", evil, evil, {{evil, 0.5, evil}});
  EXPECT_EQ(chart.find("<img"), std::string::npos);
}

// A big network has thousands due: `kith week --limit 50` prints the
// first 50 of each list and its count; a section shows them and links to
// the rest, which the same page shows whole when asked (`--limit 0`).
TEST(DashboardPages, AWeekListShowsFiftyAndLinksToTheRest) {
  json due = json::array();
  for (int id = 1; id <= 60; ++id)
    due.push_back({{"id", id}, {"name", "P" + std::to_string(id)}, {"cadence_days", 30}, {"overdue_days", 3},
                   {"reason", "cadence"}, {"awaiting_reply", false}, {"last_touch", nullptr}, {"milestone", nullptr}});
  auto rows = [](const std::string& page) {
    std::size_t n = 0;
    for (auto at = page.find("<tr data-person="); at != std::string::npos; at = page.find("<tr data-person=", at + 1)) ++n;
    return n;
  };
  auto week = [](const json& due_rows) {
    const json none = {{"count", 0}, {"rows", json::array()}};
    return json{{"due", {{"count", 60}, {"rows", due_rows}}}, {"awaiting", none}, {"drift", none},
                {"followups", none}, {"milestones", none}};
  };
  const json first50(due.begin(), due.begin() + 50);
  const std::string page = pages::week(week(first50), "tok");
  EXPECT_EQ(rows(page), 50u);
  EXPECT_NE(page.find("data-count=\"60\""), std::string::npos);  // the count is of all
  EXPECT_NE(page.find("<a href=\"/?all=due#due\">Show all 60</a>"), std::string::npos) << page;
  EXPECT_EQ(page.find("data-person=\"51\""), std::string::npos);
  const std::string whole = pages::week(week(due), "tok", "due");
  EXPECT_EQ(rows(whole), 60u);
  EXPECT_EQ(whole.find("Show all"), std::string::npos);
  // Another list asked for whole: this one still shows 50 of all it got.
  EXPECT_EQ(rows(pages::week(week(due), "tok", "drift")), 50u);
  // Not what `kith week` prints: empty sections, no crash.
  EXPECT_NE(pages::week(json::array(), "tok").find("Nobody is due"), std::string::npos);
}

// A busy person has thousands of interactions: the page lists the latest
// 200 and links to all of them, which the same page shows when asked.
TEST(DashboardPages, APersonsInteractionsShowTheLatest200AndLinkToAll) {
  json interactions = json::array();
  for (int n = 0; n < 250; ++n)
    interactions.push_back({{"when", "2026-11-03T10:00:00Z"}, {"kind", "email_sent"}, {"upcoming", false},
                            {"subject", "subject-" + std::to_string(n) + "."}, {"address", "a@b.example"}});
  const json show = {{"id", 7}, {"name", "P"}};
  const std::string page = pages::person(show, json::object(), {{"interactions", interactions}}, 1796601600, "tok");
  EXPECT_NE(page.find(">subject-199.<"), std::string::npos);
  EXPECT_EQ(page.find(">subject-200.<"), std::string::npos);
  EXPECT_NE(page.find("<a href=\"/person/7?all=interactions#interactions\">Show all 250</a>"), std::string::npos);
  EXPECT_NE(page.find("data-count=\"250\""), std::string::npos);
  // `kith history --limit 200` prints the newest 200 and the total.
  const json newest(interactions.begin(), interactions.begin() + 200);
  const std::string limited =
      pages::person(show, json::object(), {{"interactions", newest}, {"total", 14866}}, 1796601600, "tok");
  EXPECT_NE(limited.find("Show all 14866</a>"), std::string::npos);
  EXPECT_NE(limited.find("data-count=\"14866\""), std::string::npos);
  const std::string all = pages::person(show, json::object(), {{"interactions", interactions}}, 1796601600, "tok", true);
  EXPECT_NE(all.find(">subject-249.<"), std::string::npos);
  EXPECT_EQ(all.find("Show all"), std::string::npos);
}

TEST(DashboardPages, TheTimelineDrawsTheMonthsKithCounted) {
  const auto months = utc_months_ending(1796601600 /* 2026-12-07 */, 24);
  ASSERT_EQ(months.size(), 24u);
  EXPECT_EQ(months.front(), "2025-01");
  EXPECT_EQ(months.back(), "2026-12");
  EXPECT_EQ(utc_months_ending(1796601600, 13).front(), "2025-12");
  // What `kith history --months 24 --json` prints.
  json counted = json::array();
  for (const auto& month : months) counted.push_back({{"month", month}, {"counts", json::object()}});
  counted[23]["counts"] = {{"email_sent", 1}, {"email_received", 1}};
  counted[0]["counts"] = {{"meeting", 1}};
  const std::string page = pages::person({{"id", 1}, {"name", "P"}}, json::object(),
                                         {{"interactions", json::array()}, {"months", counted}, {"total", 3}},
                                         1796601600, "tok");
  EXPECT_NE(page.find("data-label=\"2026-12\" data-total=\"2\""), std::string::npos) << page;
  EXPECT_NE(page.find("data-label=\"2025-01\" data-total=\"1\""), std::string::npos);
  EXPECT_NE(page.find("data-label=\"2026-11\" data-total=\"0\""), std::string::npos);
  // 24 marks, one per month.
  std::size_t marks = 0;
  for (auto at = page.find("class=\"mark\""); at != std::string::npos; at = page.find("class=\"mark\"", at + 1)) ++marks;
  EXPECT_EQ(marks, 24u);
  // No months printed (not what kith prints): 24 empty months, no crash.
  const std::string bare = pages::person({{"id", 1}, {"name", "P"}}, json::object(), json::object(), 1796601600, "tok");
  EXPECT_NE(bare.find("data-label=\"2026-12\" data-total=\"0\""), std::string::npos);
}

// The `kith` a page runs gets kithd's environment, with malloc's heap in
// huge pages unless that environment sets glibc's tunables itself.
TEST(DashboardRunner, KithRunsWithKithdsEnvironmentAndHugePagesUnlessTunedAlready) {
  TempDir dir;
  const auto program = dir.path() / "kith";
  std::ofstream(program) << "#!/bin/sh\nprintf '[\"%s\", \"%s\"]' \"$GLIBC_TUNABLES\" \"$KITH_RUNNER_TEST\"\n";
  std::filesystem::permissions(program, std::filesystem::perms::owner_all);
  KithRunnerSettings settings;
  settings.program = program;
  ASSERT_EQ(::setenv("KITH_RUNNER_TEST", "kept", 1), 0);
  ASSERT_EQ(::unsetenv("GLIBC_TUNABLES"), 0);
  auto printed = KithProcess(settings, {"status"}).finish();
  ASSERT_TRUE(printed) << printed.status().message();
  EXPECT_EQ(*printed, R"(["glibc.malloc.hugetlb=1", "kept"])");
  ASSERT_EQ(::setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=2", 1), 0);
  printed = KithProcess(settings, {"status"}).finish();
  ASSERT_TRUE(printed) << printed.status().message();
  EXPECT_EQ(*printed, R"(["glibc.malloc.arena_max=2", "kept"])");
  ::unsetenv("GLIBC_TUNABLES");
  ::unsetenv("KITH_RUNNER_TEST");
}

// A served dashboard whose `kith` is a script: it appends its arguments to
// a file and prints `[]`.
class DashboardServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    program = dir.path() / "kith";
    std::ofstream(program) << "#!/bin/sh\nfor a in \"$@\"; do printf '%s|' \"$a\" >> '" << (dir.path() / "calls").string()
                           << "'; done\necho >> '" << (dir.path() / "calls").string() << "'\necho '[]'\n";
    std::filesystem::permissions(program, std::filesystem::perms::owner_all);
    DashboardSettings settings;
    settings.listen = "127.0.0.1:0";
    settings.token = token;
    settings.kith.program = program;
    settings.kith.global_arguments = {"--db", "/x/history.db"};
    auto started = DashboardServer::start(settings, log);
    ASSERT_TRUE(started) << started.status().message();
    server = std::move(*started);
    origin = "http://127.0.0.1:" + std::to_string(server->port());
  }

  std::vector<std::string> calls() {
    std::vector<std::string> out;
    std::ifstream in(dir.path() / "calls");
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }

  TempDir dir;
  std::filesystem::path program;
  StderrLogger log;
  const std::string token = std::string(32, 'b') + std::string(32, 'c');
  std::unique_ptr<DashboardServer> server;
  std::string origin;
};

TEST_F(DashboardServerTest, AChangeRunsTheKithCommandWithItsValuesAsArgumentsOnly) {
  const std::vector<std::string> h = {"Cookie: kith_token=" + token, "Origin: " + origin};
  // A tag that looks like an option stays a tag: it comes after `--`.
  auto r = http("POST", origin + "/action/tag", h, "token=" + token + "&person=5&op=add&tag=--db%3D%2Fetc%2Fpasswd&return=/person/5");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/person/5");
  r = http("POST", origin + "/action/snooze", h, "token=" + token + "&person=5&duration=30d&return=//evil.example/x");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/");  // never another host
  r = http("POST", origin + "/action/met-at", h,
           "token=" + token + "&event=cd1079105f7&person=14&decision=confirm&return=%2Fevent%2Fcd1079105f7");
  EXPECT_EQ(r.status, 303);
  r = http("POST", origin + "/action/merge", h, "token=" + token + "&people=3,4&return=/merge");
  EXPECT_EQ(r.status, 303);
  // Refused before any command runs: no person, a bad op, one person to merge.
  EXPECT_EQ(http("POST", origin + "/action/snooze", h, "token=" + token + "&person=x&duration=30d").status, 400);
  EXPECT_EQ(http("POST", origin + "/action/tag", h, "token=" + token + "&person=5&op=drop&tag=a").status, 400);
  EXPECT_EQ(http("POST", origin + "/action/merge", h, "token=" + token + "&people=3").status, 400);
  EXPECT_EQ(calls(), (std::vector<std::string>{"--db|/x/history.db|--json|tag|--|5|--db=/etc/passwd|",
                                               "--db|/x/history.db|--json|snooze|--|5|30d|",
                                               "--db|/x/history.db|--json|event|confirm|--|cd1079105f7|14|",
                                               "--db|/x/history.db|--json|merge|--|3|4|"}));
}

TEST_F(DashboardServerTest, RequestsAreBoundedAndEveryAnswerCarriesThePolicy) {
  const std::vector<std::string> h = {"Cookie: kith_token=" + token, "Origin: " + origin};
  // A body over the limit is refused unread.
  const auto big = http("POST", origin + "/action/snooze", h, "token=" + token + "&x=" + std::string(70000, 'a'));
  EXPECT_EQ(big.status, 413);
  EXPECT_TRUE(calls().empty());
  // Other methods, unknown pages: refused, with the policy.
  for (const auto& [method, path, status] : std::vector<std::tuple<std::string, std::string, long>>{
           {"PUT", "/", 405}, {"DELETE", "/action/snooze", 405}, {"GET", "/nope", 404}, {"GET", "/person/abc", 404}}) {
    const auto r = http(method, origin + path, {"Cookie: kith_token=" + token});
    EXPECT_EQ(r.status, status) << method << " " << path;
    EXPECT_NE(r.header("content-security-policy").find("default-src 'none'"), std::string::npos);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  }
  // The JSON the pages are made from is kith's, as printed.
  const auto api = http("GET", origin + "/api/due", {"Authorization: Bearer " + token});
  EXPECT_EQ(api.status, 200);
  EXPECT_EQ(api.body, "[]\n");
  // The token link sets a cookie for this origin only, HttpOnly, SameSite=Strict.
  const auto linked = http("GET", origin + "/network?token=" + token);
  EXPECT_EQ(linked.status, 303);
  EXPECT_EQ(linked.header("location"), "/network");
  EXPECT_EQ(linked.header("set-cookie"), "kith_token=" + token + "; HttpOnly; SameSite=Strict; Path=/");
}

}  // namespace
}  // namespace kith::engine

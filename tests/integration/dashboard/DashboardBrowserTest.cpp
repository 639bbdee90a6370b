// The dashboard in a real browser (Debian's headless Chromium, driven over
// WebDriver): a store filled by a real sync of the sample data, a real
// Dovecot and a real Radicale; kithd serving it; every page opened, its
// people, numbers and chart marks compared with `kith … --json`; a snooze
// made in the page and seen by `kith due`; requests without the token and
// from another origin refused; and every request the pages made going to
// the dashboard (ChromeDriver's performance log), with the browser's proxy
// a refusing sink on loopback, so nothing it sends leaves 127.0.0.1.
//
// The seeded mail and meetings are dated relative to today, so the lists
// are never empty whatever day the suite runs; what the pages must show is
// always what `kith` prints at the same moment, never a number written here.
// Screenshots of every page go to <build>/tests/dashboard-screenshots/.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <thread>

#include "../newcomer/EndToEnd.h"
#include "RefusingProxy.h"
#include "WebDriver.h"
#include "servers/RadicaleServer.h"
#include "servers/ScriptedHttpServer.h"

namespace kith::test {
namespace {

using namespace kith::test::e2e;
using browser::Browser;
using browser::http;
using kith::testing::DovecotServer;
using kith::testing::RadicaleServer;

Seconds now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// "2026-05-04T10:00:00Z" of `t`.
std::string utc_text(Seconds t) {
  const Civil c = civil(t);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second);
  return text;
}

const std::filesystem::path kScreenshots = std::filesystem::path(KITH_BINARY_DIR) / "tests" / "dashboard-screenshots";

std::vector<std::int64_t> ids_of(const json& list) {
  std::vector<std::int64_t> out;
  for (const auto& row : list) out.push_back(row["id"].get<std::int64_t>());
  return out;
}

std::vector<std::int64_t> ids_on_page(Browser& b, const std::string& section) {
  std::vector<std::int64_t> out;
  for (const auto& v : b.script("return [...document.querySelectorAll('#" + section +
                                " tr[data-person]')].map(e => Number(e.dataset.person));"))
    out.push_back(v.get<std::int64_t>());
  return out;
}

class DashboardBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("KITH_PLUGIN_PATH", KITH_PLUGIN_BUILD_DIR, 1);
    ::setenv("KITH_TEST_PASSWORD", "secret", 1);
    const Seconds now = now_seconds();
    auto dovecot = DovecotServer::start();
    ASSERT_TRUE(dovecot) << dovecot.status().message();
    dovecot_ = std::move(*dovecot);
    // Rita: known for a year, wrote three days ago (awaiting a reply), a
    // meeting next week. Sam: written to 400 days ago, due by the cadence.
    ASSERT_NO_FATAL_FAILURE(seed_mail(
        *dovecot_,
        {{true, utc_text(now - 380 * kDay), {"Rita Vance <rita@vance.example>"}, "rita-1@example.org", "Hello Rita"},
         {false, utc_text(now - 370 * kDay), {"Rita Vance <rita@vance.example>"}, "rita-2@vance.example", "Re: Hello Rita"},
         {true, utc_text(now - 40 * kDay), {"Rita Vance <rita@vance.example>"}, "rita-3@example.org", "The draft"},
         {false, utc_text(now - 3 * kDay), {"Rita Vance <rita@vance.example>"}, "rita-4@vance.example", "Lunch next week?"},
         {true, utc_text(now - 400 * kDay), {"Sam Ortiz <sam@ortiz.example>"}, "sam-1@example.org", "Catching up"}}));
    auto radicale = RadicaleServer::start();
    ASSERT_TRUE(radicale) << radicale.status().message();
    radicale_ = std::move(*radicale);
    ASSERT_TRUE(radicale_->make_calendar("alex", "work", "Work"));
    const auto meeting = [](const std::string& uid, Seconds at, const std::string& title, const std::string& who) {
      return cat("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//EN\r\nBEGIN:VEVENT\r\nUID:", uid,
                 "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:", ics_time(at), "\r\nDTEND:", ics_time(at + 3600),
                 "\r\nSUMMARY:", title,
                 "\r\nORGANIZER;CN=\"Alex Morgan\":mailto:alex@example.org\r\n"
                 "ATTENDEE;CN=\"Alex Morgan\";PARTSTAT=ACCEPTED:mailto:alex@example.org\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:",
                 who, "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    };
    ASSERT_TRUE(radicale_->put_event("alex", "work", "rita-lunch.ics",
                                     meeting("rita-lunch", now + 5 * kDay, "Lunch with Rita", "rita@vance.example")));
    ASSERT_TRUE(radicale_->put_event("alex", "work", "sam-call.ics",
                                     meeting("sam-call", now - 300 * kDay, "Call with Sam", "sam@ortiz.example")));

    const std::string samples = KITH_SAMPLES_DIR;
    std::ofstream(kith.config())
        << "[identity]\naddresses = [\"alex@example.org\", \"alex.morgan@example.com\"]\n\n[cadence]\ndefault = \"3m\"\n\n"
        << "[events]\ncalendars = [\"Conferences\"]\n\n"
        << "[[account]]\nname = \"sample\"\nprovider = \"local\"\nmaildir = \"" << samples << "/data/mail\"\nvdir = \""
        << samples << "/data/calendars\"\ncontacts = \"" << samples << "/data/contacts\"\n\n"
        << "[[account]]\nname = \"linkedin\"\nprovider = \"linkedin\"\npath = \"" << samples
        << "/data/linkedin\"\nprofile_url = \"https://www.linkedin.com/in/alex-morgan\"\n\n"
        << "[[account]]\nname = \"mail\"\nprovider = \"imap\"\nurl = \"" << dovecot_->imap_url()
        << "\"\nusername = \"alex@example.org\"\npassword_env = \"KITH_TEST_PASSWORD\"\ntimeout_seconds = 10\n\n"
        << "[[account]]\nname = \"calendar\"\nprovider = \"caldav\"\nurl = \"" << radicale_->base_url()
        << "\"\nusername = \"alex\"\npassword_env = \"KITH_TEST_PASSWORD\"\ntimeout_seconds = 10\n";
    // The sample holds one broken file on purpose: sync exits 1 for it.
    auto synced = kith.run({"sync"});
    ASSERT_LE(synced.exit_code, 1) << synced.err;

    // kithd with the dashboard on a free port; its link in the file beside the store.
    const auto store = dir.path() / "history.db";
    auto daemon = kith::testing::ChildProcess::spawn(
        {std::string(KITH_BINARY_DIR) + "/bin/kithd", "--config", kith.config().string(), "--db", store.string(),
         "--http", "127.0.0.1:0"},
        (dir.path() / "kithd.log").string());
    ASSERT_TRUE(daemon) << daemon.status().message();
    kithd_ = std::move(*daemon);
    const auto link_file = std::filesystem::path(store.string() + ".dashboard-link");
    for (int i = 0; i < 400 && !std::filesystem::exists(link_file); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_TRUE(std::filesystem::exists(link_file)) << "kithd wrote no dashboard link";
    std::getline(std::ifstream(link_file), link);
    origin = link.substr(0, link.find('/', 7));
    token = link.substr(link.find("?token=") + 7);
    ASSERT_EQ(link, origin + "/?token=" + token);
    ASSERT_EQ(token.size(), 64u);
    // `kith dashboard` prints the same link.
    auto printed = kith.run({"dashboard", "--no-browser"});
    ASSERT_EQ(printed.exit_code, 0) << printed.err;
    EXPECT_EQ(printed.out, link + "\n");

    auto b = Browser::start(dir.path(), proxy.port());
    ASSERT_TRUE(b) << b.status().message();
    browser_ = std::move(*b);
    ASSERT_TRUE(browser_->go(link));  // the token becomes a cookie and leaves the address bar
    ASSERT_EQ(browser_->url(), origin + "/");
    // What the browser did before the dashboard (its new-tab page) is not
    // the dashboard's: the log is read, and so emptied, here.
    (void)browser_->page_requests();
  }

  json cli(std::vector<std::string> args) {
    args.insert(args.begin(), "--json");
    auto r = kith.run(args);
    EXPECT_EQ(r.exit_code, 0) << args[1] << ": " << r.err;
    return json::parse(r.out, nullptr, false);
  }

  void open(const std::string& path, const std::string& shot) {
    ASSERT_TRUE(browser_->go(origin + path));
    ASSERT_EQ(browser_->url(), origin + path);
    const json heading = browser_->script("return document.querySelector('h1') ? document.querySelector('h1').textContent : '';");
    EXPECT_NE(heading.get<std::string>(), "Refused") << path;
    EXPECT_NE(heading.get<std::string>(), "Error") << path;
    ASSERT_TRUE(browser_->screenshot(kScreenshots / (shot + ".png")));
    std::cout << "[ screenshot ] " << (kScreenshots / (shot + ".png")).string() << "\n";
  }

  std::int64_t id_of(const std::string& address) {
    for (const auto& c : cli({"contacts"}))
      for (const auto& a : c["addresses"])
        if (a == address) return c["id"].get<std::int64_t>();
    ADD_FAILURE() << address << " is no contact";
    return 0;
  }

  std::unique_ptr<DovecotServer> dovecot_;
  std::unique_ptr<RadicaleServer> radicale_;
  TempDir dir;
  Kith kith{dir.path()};
  kith::testing::ChildProcess kithd_;
  browser::RefusingProxy proxy;
  std::unique_ptr<Browser> browser_;
  std::string link, origin, token;
};

TEST_F(DashboardBrowser, EveryPageShowsWhatTheCliSaysAndNothingLeavesLoopback) {
  // This week: each list, in order, as the commands print it.
  ASSERT_NO_FATAL_FAILURE(open("/", "this-week"));
  const json due = cli({"due"});
  ASSERT_FALSE(due.empty());
  EXPECT_EQ(ids_on_page(*browser_, "due"), ids_of(due));
  const json awaiting = cli({"awaiting"});
  ASSERT_FALSE(awaiting.empty());
  EXPECT_EQ(ids_on_page(*browser_, "awaiting"), ids_of(awaiting));
  EXPECT_EQ(ids_on_page(*browser_, "drift"), ids_of(cli({"drift"})));
  EXPECT_EQ(ids_on_page(*browser_, "followups"), ids_of(cli({"followups"})));
  EXPECT_EQ(ids_on_page(*browser_, "milestones"), ids_of(cli({"milestones", "--within", "14d", "--past", "0d"})));
  EXPECT_EQ(browser_->script("return Number(document.querySelector('#due .count').dataset.count);"), due.size());

  // A person: strength, timeline, interactions, upcoming meeting.
  const std::int64_t rita = id_of("rita@vance.example");
  ASSERT_NO_FATAL_FAILURE(open("/person/" + std::to_string(rita), "person"));
  const json show = cli({"show", std::to_string(rita)});
  const json history = cli({"history", std::to_string(rita)});
  char strength[32];
  std::snprintf(strength, sizeof strength, "%.1f", show["strength"].get<double>());
  EXPECT_EQ(browser_->script("return document.querySelector('#strength').textContent;"), strength);
  EXPECT_EQ(browser_->script("return document.querySelectorAll('#timeline-chart .mark').length;"), 24);
  // The chart's months hold every past interaction of the last 24 months.
  const Civil today = civil(now_seconds());
  char first_month[16];
  int y = today.year, m = today.month - 23;
  while (m <= 0) m += 12, --y;
  std::snprintf(first_month, sizeof first_month, "%04d-%02d", y, m);
  int past = 0;
  for (const auto& i : history["interactions"])
    if (!i["upcoming"].get<bool>() && i["when"].get<std::string>().substr(0, 7) >= first_month) ++past;
  ASSERT_GT(past, 0);
  EXPECT_EQ(browser_->script("return [...document.querySelectorAll('#timeline-chart .mark')]"
                             ".reduce((s, e) => s + Number(e.dataset.total), 0);"),
            past);
  EXPECT_EQ(browser_->script("return document.querySelectorAll('#interactions tbody tr').length;"),
            history["interactions"].size());
  EXPECT_EQ(browser_->script("return document.querySelector('#upcoming').textContent.includes('Lunch with Rita');"), true);
  // Every mark is reachable by keyboard and says its number.
  EXPECT_EQ(browser_->script("return [...document.querySelectorAll('.mark')].every(e => e.getAttribute('tabindex') === "
                             "'0' && e.getAttribute('aria-label') && e.querySelector('title'));"),
            true);
  EXPECT_EQ(browser_->script("const m = document.querySelector('#timeline-chart .mark'); m.focus(); "
                             "return document.activeElement === m;"),
            true);

  // The network: the largest groups' shares, the quarters.
  ASSERT_NO_FATAL_FAILURE(open("/network", "network"));
  for (const std::string by : {"org", "domain", "source", "tag"}) {
    const json doc = cli({"network", "--by", by});
    json labels = json::array();
    for (const auto& g : doc["groups"])
      if (labels.size() < 12) labels.push_back(g["key"]);
    EXPECT_EQ(browser_->script("return [...document.querySelectorAll('#share-" + by +
                               " .mark')].map(e => e.dataset.label);"),
              labels)
        << by;
    if (by == "org") {
      EXPECT_EQ(browser_->script("return document.querySelectorAll('#hhi-chart .mark').length;"), doc["quarters"].size());
      std::vector<double> hhi;
      for (const auto& v : browser_->script("return [...document.querySelectorAll('#hhi-chart .mark')].map(e => "
                                            "Number(e.dataset.value));"))
        hhi.push_back(v.get<double>());
      ASSERT_EQ(hhi.size(), doc["quarters"].size());
      for (std::size_t q = 0; q < hhi.size(); ++q) EXPECT_NEAR(hhi[q], doc["quarters"][q]["hhi"].get<double>(), 1e-4);
    }
  }

  // Events, and the sample's conference with the people met there.
  ASSERT_NO_FATAL_FAILURE(open("/events", "events"));
  const json events = cli({"events"});
  EXPECT_EQ(browser_->script("return document.querySelectorAll('#event-list tbody tr').length;"), events.size());
  const json conference = cli({"event", "DevTools Summit 2026"});
  ASSERT_NO_FATAL_FAILURE(open("/event/" + conference["id"].get<std::string>(), "event"));
  EXPECT_EQ(ids_on_page(*browser_, "people-met"), ids_of(conference["people"]));

  // Status: every account, and the contacts.
  ASSERT_NO_FATAL_FAILURE(open("/status", "status"));
  const json status = cli({"status"});
  json names = json::array();
  for (const auto& a : status["accounts"]) names.push_back(a["name"]);
  EXPECT_EQ(browser_->script("return [...document.querySelectorAll('#accounts tr[data-account]')].map(e => "
                             "e.dataset.account);"),
            names);
  EXPECT_EQ(browser_->script("return document.querySelector('#contacts-count').textContent;"),
            std::to_string(status["contacts"].get<int>()));

  // In dark mode: a dark page, light text, and the charts' marks coloured
  // from the dark palette.
  ASSERT_TRUE(browser_->prefer_color_scheme("dark"));
  ASSERT_NO_FATAL_FAILURE(open("/person/" + std::to_string(rita), "person-dark"));
  EXPECT_EQ(browser_->script("return getComputedStyle(document.body).backgroundColor;"), "rgb(21, 23, 26)");
  EXPECT_EQ(browser_->script("return getComputedStyle(document.body).color;"), "rgb(232, 232, 227)");
  ASSERT_TRUE(browser_->prefer_color_scheme("light"));
  ASSERT_NO_FATAL_FAILURE(open("/person/" + std::to_string(rita), "person"));
  EXPECT_EQ(browser_->script("return getComputedStyle(document.body).backgroundColor;"), "rgb(251, 251, 248)");

  // At a phone's width: one column, nothing wider than the screen but
  // the tables, which scroll inside themselves.
  ASSERT_TRUE(browser_->resize(390, 844));
  ASSERT_NO_FATAL_FAILURE(open("/", "this-week-phone"));
  EXPECT_EQ(browser_->script("return document.documentElement.scrollWidth <= window.innerWidth + 1;"), true);
  ASSERT_NO_FATAL_FAILURE(open("/person/" + std::to_string(rita), "person-phone"));
  EXPECT_EQ(browser_->script("return document.documentElement.scrollWidth <= window.innerWidth + 1;"), true);

  // Nothing the pages asked for came from anywhere else: every request the
  // browser made for them went to the dashboard. (Chromium's own traffic,
  // update checks and the like, goes to the refusing proxy and no further.)
  const auto requests = browser_->page_requests();
  EXPECT_GE(requests.size(), 8u);
  for (const auto& url : requests) EXPECT_EQ(url.rfind(origin + "/", 0), 0u) << url;
  EXPECT_EQ(browser_->script("return performance.getEntries().filter(e => e.entryType === 'resource' || e.entryType "
                             "=== 'navigation').every(e => e.name.startsWith('" + origin + "/'));"),
            true);
}

TEST_F(DashboardBrowser, SnoozedInThePageAndKithDueAgrees) {
  const json due = cli({"due"});
  ASSERT_FALSE(due.empty());
  const std::int64_t first = due[0]["id"].get<std::int64_t>();
  ASSERT_TRUE(browser_->go(origin + "/"));
  ASSERT_TRUE(browser_->click("#due tr[data-person=\"" + std::to_string(first) + "\"] form button"));
  // Back on the same page, without that person.
  ASSERT_TRUE(browser_->wait_for(origin + "/#due")) << browser_->url();
  const auto on_page = ids_on_page(*browser_, "due");
  EXPECT_EQ(std::count(on_page.begin(), on_page.end(), first), 0);
  const auto after = ids_of(cli({"due"}));
  EXPECT_EQ(std::count(after.begin(), after.end(), first), 0);
  EXPECT_EQ(on_page, after);
  ASSERT_TRUE(browser_->screenshot(kScreenshots / "after-snooze.png"));
}

TEST_F(DashboardBrowser, RefusedWithoutTheTokenAndFromAnotherOrigin) {
  const json due = cli({"due"});
  ASSERT_FALSE(due.empty());
  const std::string person = std::to_string(due[0]["id"].get<std::int64_t>());
  const std::string form = "person=" + person + "&duration=30d&token=" + token;
  const std::string cookie = "Cookie: kith_token=" + token;

  // No token, a wrong one: refused, with the policy on the refusal too.
  for (const auto& [url, headers] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {origin + "/", {}},
           {origin + "/api/due", {}},
           {origin + "/assets/kith.css", {}},
           {origin + "/?token=" + std::string(64, '0'), {}},
           {origin + "/", {"Cookie: kith_token=" + std::string(64, 'a')}}}) {
    const auto answer = http("GET", url, headers);
    EXPECT_EQ(answer.status, 403) << url;
    EXPECT_NE(answer.header("content-security-policy").find("default-src 'none'"), std::string::npos) << url;
    EXPECT_EQ(answer.body.find(token), std::string::npos);
  }
  // The token under another host name (DNS rebinding): refused.
  EXPECT_EQ(http("GET", origin + "/", {cookie, "Host: rebind.example:" + origin.substr(origin.rfind(':') + 1)}).status, 403);
  // With it: served, with the policy.
  const auto page = http("GET", origin + "/", {cookie});
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-security-policy"),
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            "base-uri 'none'");
  // A change without an origin, from another origin, or without the form's
  // token: refused, and nothing changed.
  EXPECT_EQ(http("POST", origin + "/action/snooze", {cookie}, form).status, 403);
  EXPECT_EQ(http("POST", origin + "/action/snooze", {cookie, "Origin: http://127.0.0.1:9"}, form).status, 403);
  EXPECT_EQ(http("POST", origin + "/action/snooze", {cookie, "Origin: " + origin}, "person=" + person + "&duration=30d")
                .status,
            403);
  EXPECT_EQ(ids_of(cli({"due"})), ids_of(due));

  // In the browser: a page on another origin (another port of this host:
  // the same site, so the cookie goes along) posts a form holding even the
  // right token. Refused by the origin check.
  // (Well-formed XML too: the scripted server may send it as XML.)
  const std::string attack = cat("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><form method=\"post\" action=\"",
                                 origin, "/action/snooze\"><input type=\"hidden\" name=\"person\" value=\"", person,
                                 "\"/><input type=\"hidden\" name=\"duration\" value=\"30d\"/><input type=\"hidden\" "
                                 "name=\"token\" value=\"",
                                 token, "\"/><button id=\"go\" type=\"submit\">Win</button></form></body></html>");
  auto other = kith::testing::ScriptedHttpServer::start({{"GET", "/", 200, attack, {{"Content-Type", "text/html"}}}});
  ASSERT_TRUE(other) << other.status().message();
  ASSERT_TRUE(browser_->go((*other)->base_url() + "/"));
  ASSERT_TRUE(browser_->click("#go"));
  ASSERT_TRUE(browser_->wait_for(origin + "/action/snooze")) << browser_->url();
  EXPECT_EQ(browser_->script("return document.querySelector('h1').textContent;"), "Refused");
  EXPECT_EQ(ids_of(cli({"due"})), ids_of(due));
  // The same form on the dashboard's own page works (the check is the origin).
  ASSERT_TRUE(browser_->go(origin + "/"));
  ASSERT_TRUE(browser_->click("#due tr[data-person=\"" + person + "\"] form button"));
  ASSERT_TRUE(browser_->wait_for(origin + "/#due")) << browser_->url();
  const auto after = ids_of(cli({"due"}));
  EXPECT_EQ(std::count(after.begin(), after.end(), due[0]["id"].get<std::int64_t>()), 0);
}

}  // namespace
}  // namespace kith::test

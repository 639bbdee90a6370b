// Reminders written back as tasks, end to end: the real `kith` binary syncs
// a real Dovecot (seeded mail) and writes its tasks into a real CalDAV
// server, Radicale and Xandikos in turn, started on 127.0.0.1 for each
// test. The test's own HTTP client plays the user's phone: it reads the
// server's copy of every task (GET, parsed with kith::calendar::read_task)
// and completes, deletes or re-dates tasks as a task app would. `--as-of`
// fixes the day (engine/relate/Reminders.h, README "Reminders as tasks").
//
// The people, at the as-of 1 June 2026 with [cadence] default = 30d:
//   Dana   last mail to her 5 May        -> due 4 June (within 14 days): a task, DUE 2026-06-04
//   Erin   last mail to her 20 April     -> overdue since 20 May:         a task, DUE 2026-05-20
//   Frank  wrote on 28 May after the user's mail of 25 May (due 24 June):
//          awaiting a reply                                              a task, DUE 2026-05-30
//   Gus    last mail to him 20 May       -> due 19 June, 18 days off:    no task
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "EndToEnd.h"
#include "ForwardingProxy.h"
#include "servers/RadicaleServer.h"
#include "servers/XandikosServer.h"

namespace kith::test {
namespace remind_servers_test {

using namespace kith::test::e2e;
using kith::calendar::TaskStatus;
using kith::testing::CalDavTestClient;
using kith::testing::DovecotServer;
using kith::testing::RadicaleServer;
using kith::testing::XandikosServer;

const std::string kAsOf = "2026-06-01T00:00:00Z";
const std::string kDana = "dana@example.net", kErin = "erin@example.net", kFrank = "frank@example.net",
                  kGus = "gus@example.net";

const std::vector<Mail> kMail = {
    {true, "2026-05-05T10:00:00Z", {"Dana Whitfield <dana@example.net>"}, "dana-1@example.org", "Plans"},
    {true, "2026-04-20T09:00:00Z", {"Erin Lake <erin@example.net>"}, "erin-1@example.org", "Photos"},
    {true, "2026-05-25T08:00:00Z", {"Frank Moss <frank@example.net>"}, "frank-1@example.org", "Proposal"},
    {false, "2026-05-28T15:00:00Z", {"Frank Moss <frank@example.net>"}, "frank-2@example.net", "Re: Proposal"},
    {true, "2026-05-20T12:00:00Z", {"Gus Ruiz <gus@example.net>"}, "gus-1@example.org", "Lunch"},
};

// A task as Kith should have written it.
struct Wanted {
  std::string address, summary, description, due;
};

const Wanted kDanaTask{kDana, "Catch up with Dana Whitfield",
                       "Cadence 30 days: due 2026-06-04, last touch 2026-05-05 (email_sent).", "2026-06-04"};
const Wanted kErinTask{kErin, "Catch up with Erin Lake",
                       "Cadence 30 days: due 2026-05-20, last touch 2026-04-20 (email_sent).", "2026-05-20"};
const Wanted kFrankTask{kFrank, "Catch up with Frank Moss", "Awaiting your reply since 2026-05-28.", "2026-05-30"};
// Erin with a cadence of 40 days: due 30 May 09:00, 1.6 days before the as-of.
const Wanted kErinTask40{kErin, "Catch up with Erin Lake",
                         "Cadence 40 days: due 2026-05-30, last touch 2026-04-20 (email_sent).", "2026-05-30"};

enum class ServerKind { Radicale, Xandikos };

std::string server_name(const ::testing::TestParamInfo<ServerKind>& info) {
  return info.param == ServerKind::Radicale ? "Radicale" : "Xandikos";
}

// The tasks of the list, by UID: (href, the server's copy).
using TasksByUid = std::map<std::string, std::pair<std::string, ServerTask>>;

class RemindServers : public ::testing::TestWithParam<ServerKind> {
 protected:
  void SetUp() override {
    ::setenv("KITH_PLUGIN_PATH", KITH_PLUGIN_BUILD_DIR, 1);
    ::setenv("KITH_TEST_PASSWORD", "secret", 1);
    auto dovecot = DovecotServer::start();
    ASSERT_TRUE(dovecot) << dovecot.status().message();
    dovecot_ = std::move(*dovecot);
    ASSERT_NO_FATAL_FAILURE(seed_mail(*dovecot_, kMail));
    if (GetParam() == ServerKind::Radicale) {
      auto started = RadicaleServer::start({});
      ASSERT_TRUE(started) << started.status().message();
      radicale_ = std::move(*started);
      base_ = radicale_->base_url();
      home_ = radicale_->calendar_home_url("alex");
      phone_ = radicale_->client("alex");
    } else {
      auto started = XandikosServer::start({});
      ASSERT_TRUE(started) << started.status().message();
      xandikos_ = std::move(*started);
      base_ = xandikos_->base_url();
      home_ = xandikos_->calendar_home_url();
      phone_ = xandikos_->client();
    }
  }

  // The config: mail from Dovecot, reminders into the caldav account at `caldav_url`.
  void configure(const std::string& caldav_url) {
    std::ofstream(kith.config()) << "[identity]\naddresses = [\"" << kOwner << "\"]\n\n"
                                 << "[cadence]\ndefault = \"30d\"\n\n"
                                 << "[reminders]\naccount = \"calendar\"\ncalendar = \"Kith\"\n\n"
                                 << "[[account]]\nname = \"mail\"\nprovider = \"imap\"\nurl = \"" << dovecot_->imap_url()
                                 << "\"\nusername = \"" << kOwner
                                 << "\"\npassword_env = \"KITH_TEST_PASSWORD\"\ntimeout_seconds = 10\n\n"
                                 << "[[account]]\nname = \"calendar\"\nprovider = \"caldav\"\nurl = \"" << caldav_url
                                 << "\"\nusername = \"alex\"\npassword_env = \"KITH_TEST_PASSWORD\"\ntimeout_seconds = 10\n";
  }

  // Configured, synced, the people known.
  void start(const std::string& caldav_url = "") {
    configure(caldav_url.empty() ? base_ : caldav_url);
    ASSERT_NO_FATAL_FAILURE(kith.must({"sync"}));
    id = kith.ids(kAsOf);
    for (const auto& address : {kDana, kErin, kFrank, kGus}) ASSERT_TRUE(id.count(address)) << address;
  }

  // `kith remind --json` (and `more`) at `as_of`.
  json remind(const std::vector<std::string>& more = {}, int exit_code = 0, const std::string& as_of = kAsOf) {
    std::vector<std::string> args = {"remind"};
    args.insert(args.end(), more.begin(), more.end());
    return kith.query(as_of, args, exit_code);
  }

  // The calendar "Kith" in the home, as the phone finds it; "" when absent.
  std::string kith_calendar_url() {
    const auto found = calendars_named(phone_, home_, "Kith");
    EXPECT_LE(found.size(), 1u);
    if (found.empty()) return "";
    return base_.substr(0, base_.size() - 1) + found.begin()->first;
  }

  std::string url_of(const std::string& href) const { return base_.substr(0, base_.size() - 1) + href; }

  TasksByUid tasks() {
    TasksByUid out;
    const std::string calendar = kith_calendar_url();
    EXPECT_FALSE(calendar.empty()) << "no calendar \"Kith\" in " << home_;
    if (calendar.empty()) return out;
    for (auto& [href, task] : server_tasks(phone_, calendar)) {
      const std::string uid = parsed_task(task.text).uid;
      EXPECT_FALSE(out.count(uid)) << "two tasks with UID " << uid;
      out[uid] = {href, task};
    }
    return out;
  }

  // The UIDs of the list, in order.
  static std::vector<std::string> uids(const TasksByUid& tasks) {
    std::vector<std::string> out;
    for (const auto& [uid, _] : tasks) out.push_back(uid);
    return out;
  }

  static std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  }

  // The server's copy says what `w` says, open.
  void expect_open_task(const ServerTask& t, const Wanted& w) {
    SCOPED_TRACE(w.summary);
    const auto task = parsed_task(t.text);
    EXPECT_EQ(task.uid, task_uid(w.address, "due"));
    EXPECT_EQ(task.summary, w.summary);
    EXPECT_EQ(task.description, w.description);
    EXPECT_EQ(due_day(task), w.due);
    EXPECT_FALSE(task.due && task.due->at) << "DUE is a date";
    EXPECT_EQ(task.categories, std::vector<std::string>{"Kith"});
    EXPECT_EQ(task.status, TaskStatus::NeedsAction);
    EXPECT_FALSE(task.completed);
    EXPECT_NE(t.text.find("STATUS:NEEDS-ACTION"), std::string::npos) << t.text;
    EXPECT_NE(t.text.find("CATEGORIES:Kith"), std::string::npos) << t.text;
  }

  // One step of `kith remind --json`.
  json step(const std::string& action, json person, json summary, json due, json uid, const std::string& why) {
    return {{"action", action}, {"due", due}, {"person", person}, {"summary", summary}, {"uid", uid}, {"why", why}};
  }
  json create(const Wanted& w) {
    return step("create", id.at(w.address), w.summary, w.due, task_uid(w.address, "due"),
                "\"" + w.summary + "\" (due " + w.due + ")");
  }
  json report(bool dry_run, json steps, json problems = json::array(), bool calendar_exists = true) {
    return {{"account", "calendar"}, {"calendar", "Kith"}, {"calendar_exists", calendar_exists}, {"dry_run", dry_run},
            {"problems", problems}, {"steps", steps}};
  }

  // The three creates of the first run, in the order of the people's ids.
  json first_steps() {
    std::vector<const Wanted*> by_id = {&kDanaTask, &kErinTask, &kFrankTask};
    std::sort(by_id.begin(), by_id.end(),
              [&](const Wanted* a, const Wanted* b) { return id.at(a->address) < id.at(b->address); });
    json steps = json::array();
    for (const Wanted* w : by_id) steps.push_back(create(*w));
    return steps;
  }

  // The first run: three tasks made, and what the server holds then.
  TasksByUid first_run() {
    const json done = remind();
    EXPECT_EQ(done, report(false, first_steps())) << done.dump(1);
    auto now = tasks();
    EXPECT_EQ(uids(now), sorted({task_uid(kDana, "due"), task_uid(kErin, "due"), task_uid(kFrank, "due")}));
    return now;
  }

  std::vector<std::int64_t> due_ids(const std::string& as_of = kAsOf) {
    std::vector<std::int64_t> out;
    for (const auto& e : kith.query(as_of, {"due"})) out.push_back(e.at("id").get<std::int64_t>());
    return out;
  }

  // The order of the records the run walks (the store keeps them by UID).
  static bool uid_less(const std::string& a, const std::string& b) { return task_uid(a, "due") < task_uid(b, "due"); }

  std::unique_ptr<DovecotServer> dovecot_;
  std::unique_ptr<RadicaleServer> radicale_;
  std::unique_ptr<XandikosServer> xandikos_;
  std::string base_, home_;
  CalDavTestClient phone_;
  TempDir dir;
  Kith kith{dir.path()};
  std::map<std::string, std::int64_t> id;
};

TEST_P(RemindServers, TheFirstRunMakesTheCalendarAndExactlyTheTasksDueASecondChangesNothing) {
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_TRUE(calendars_named(phone_, home_, "Kith").empty());

  // A dry run plans the three tasks and writes none, not even the calendar.
  const json planned = remind({"--dry-run"});
  EXPECT_TRUE(calendars_named(phone_, home_, "Kith").empty()) << "a dry run made the calendar";
  EXPECT_EQ(planned, report(true, first_steps(), json::array(), /*calendar_exists=*/false)) << planned.dump(1);
  if (const std::string calendar = kith_calendar_url(); !calendar.empty()) {
    EXPECT_TRUE(server_tasks(phone_, calendar).empty()) << "a dry run wrote a task";
  }

  // The run: MKCALENDAR of "Kith" with VTODO (Radicale keeps exactly the
  // component set asked for; Xandikos lists all it has), then the tasks.
  const TasksByUid made = first_run();
  const auto calendars = calendars_named(phone_, home_, "Kith");
  ASSERT_EQ(calendars.size(), 1u);
  const auto& [href, components] = *calendars.begin();
  EXPECT_EQ(href, GetParam() == ServerKind::Radicale ? "/alex/kith/" : "/user/calendars/kith/");
  EXPECT_NE(std::find(components.begin(), components.end(), "VTODO"), components.end());
  if (GetParam() == ServerKind::Radicale) {
    EXPECT_EQ(components, std::vector<std::string>{"VTODO"});
  }

  ASSERT_EQ(made.size(), 3u);
  expect_open_task(made.at(task_uid(kDana, "due")).second, kDanaTask);
  expect_open_task(made.at(task_uid(kErin, "due")).second, kErinTask);
  expect_open_task(made.at(task_uid(kFrank, "due")).second, kFrankTask);
  for (const auto& [uid, task] : made) {
    // Named after the UID, in the calendar.
    EXPECT_EQ(task.first, href + uid.substr(0, uid.find('@')) + ".ics");
  }

  // Nothing to do a second time: no step, not a byte changed (etags equal).
  EXPECT_EQ(remind(), report(false, json::array()));
  EXPECT_EQ(tasks(), made);
  auto text = kith.run({"--log-level", "error", "--as-of", kAsOf, "remind"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, "The tasks in \"Kith\" (calendar) already match what is due.\n");
  EXPECT_EQ(text.err, "");
  EXPECT_EQ(tasks(), made);

  // A sync reads the calendar Kith made (Xandikos lists VEVENT among its
  // components) and finds no event and no failure in it.
  const json synced = kith.query(kAsOf, {"sync"});
  ASSERT_EQ(synced.size(), 2u) << synced.dump(1);
  for (const auto& account : synced) {
    EXPECT_EQ(account["result"], "ok") << account.dump();
    EXPECT_EQ(account["item_errors"], 0) << account.dump();
  }
  EXPECT_EQ(tasks(), made);
  EXPECT_EQ(kith.ids(kAsOf), id);
}

TEST_P(RemindServers, ATaskFollowsItsPersonsDueDateAndIsCompletedOnceThePersonIsTouched) {
  ASSERT_NO_FATAL_FAILURE(start());
  const TasksByUid before = first_run();
  const std::string erin = task_uid(kErin, "due");

  // Erin's due date moves (40 days instead of 30): a dry run says so and
  // changes nothing on the server.
  ASSERT_NO_FATAL_FAILURE(kith.must({"cadence", kErin, "40d"}));
  const json update = step("update", id.at(kErin), kErinTask40.summary, "2026-05-30", erin,
                           "\"Catch up with Erin Lake\" (due 2026-05-30)");
  EXPECT_EQ(remind({"--dry-run"}), report(true, json::array({update})));
  auto dry = kith.run({"--log-level", "error", "--as-of", kAsOf, "remind", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out, "Would change in \"Kith\" (calendar):\n  update   \"Catch up with Erin Lake\" (due 2026-05-30)\n");
  EXPECT_EQ(tasks(), before) << "a dry run changed the server";

  // The run rewrites Erin's task: DUE and DESCRIPTION, a new etag, the
  // same resource; the others are untouched.
  auto run = kith.run({"--log-level", "error", "--as-of", kAsOf, "remind"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "  update   \"Catch up with Erin Lake\" (due 2026-05-30)\n1 of 1 changes made in \"Kith\".\n");
  TasksByUid moved = tasks();
  ASSERT_EQ(uids(moved), uids(before));
  EXPECT_EQ(moved.at(erin).first, before.at(erin).first);
  EXPECT_NE(moved.at(erin).second.etag, before.at(erin).second.etag);
  expect_open_task(moved.at(erin).second, kErinTask40);
  for (const auto& uid : {task_uid(kDana, "due"), task_uid(kFrank, "due")}) EXPECT_EQ(moved.at(uid), before.at(uid));
  EXPECT_EQ(remind(), report(false, json::array()));

  // The user writes to Erin (a mail client's APPEND to Sent), and to Frank,
  // which answers him: after a sync both tasks are COMPLETED on the server.
  ASSERT_NO_FATAL_FAILURE(append_sent(*dovecot_, {true, "2026-05-31T10:00:00Z", {"Erin Lake <erin@example.net>"},
                                                  "erin-2@example.org", "Hello again"}));
  ASSERT_NO_FATAL_FAILURE(append_sent(*dovecot_, {true, "2026-05-31T11:00:00Z", {"Frank Moss <frank@example.net>"},
                                                  "frank-3@example.org", "Re: Re: Proposal"}));
  ASSERT_NO_FATAL_FAILURE(kith.must({"sync"}));
  json steps = json::array();
  for (const auto& address : std::vector<std::string>{kErin, kFrank}) {
    const std::string uid = task_uid(address, "due");
    const std::string summary = address == kErin ? kErinTask.summary : kFrankTask.summary;
    steps.push_back(step("complete", id.at(address), nullptr, nullptr, uid, "\"" + summary + "\": no longer due"));
  }
  std::sort(steps.begin(), steps.end(), [](const json& a, const json& b) { return a["uid"] < b["uid"]; });
  EXPECT_EQ(remind(), report(false, steps));
  TasksByUid completed = tasks();
  ASSERT_EQ(uids(completed), uids(before));
  for (const auto& address : std::vector<std::string>{kErin, kFrank}) {
    SCOPED_TRACE(address);
    const auto& [href, task] = completed.at(task_uid(address, "due"));
    EXPECT_NE(task.etag, (address == kErin ? moved : before).at(task_uid(address, "due")).second.etag);
    const auto t = parsed_task(task.text);
    EXPECT_EQ(t.status, TaskStatus::Completed);
    EXPECT_EQ(t.completed, utc(kAsOf));
    EXPECT_NE(task.text.find("STATUS:COMPLETED"), std::string::npos) << task.text;
    EXPECT_EQ(t.summary, (address == kErin ? kErinTask40 : kFrankTask).summary);
  }
  EXPECT_EQ(completed.at(task_uid(kDana, "due")), before.at(task_uid(kDana, "due")));
  EXPECT_EQ(remind(), report(false, json::array()));
  EXPECT_EQ(tasks(), completed);
}

TEST_P(RemindServers, ThePhonesCompletionAndDeletionSnoozeThePersonAndAreNeverUndone) {
  ASSERT_NO_FATAL_FAILURE(start());
  const TasksByUid before = first_run();
  const std::string dana = task_uid(kDana, "due"), frank = task_uid(kFrank, "due"), erin = task_uid(kErin, "due");

  // On the phone: Dana's task done, Frank's deleted.
  const std::string done_text = completed_copy(before.at(dana).second.text, "20260531T180000Z");
  auto done = phone_.put(url_of(before.at(dana).first), done_text, before.at(dana).second.etag);
  ASSERT_TRUE(done && done->success()) << (done ? done->describe() : done.status().message());
  auto deleted = phone_.remove(url_of(before.at(frank).first), before.at(frank).second.etag);
  ASSERT_TRUE(deleted && deleted->success()) << (deleted ? deleted->describe() : deleted.status().message());
  const TasksByUid phone = tasks();
  ASSERT_EQ(uids(phone), sorted({dana, erin}));
  EXPECT_EQ(parsed_task(phone.at(dana).second.text).status, TaskStatus::Completed);

  // Kith takes both in: each person snoozed for one cadence (30 days, to
  // 1 July), Dana's copy adopted as it is, Frank's record forgotten; no write.
  json steps = json::array();
  std::vector<std::string> order = {kDana, kFrank};
  std::sort(order.begin(), order.end(), uid_less);
  for (const auto& address : order) {
    if (address == kDana) {
      steps.push_back(step("snooze", id.at(kDana), nullptr, nullptr, nullptr,
                           cat("you completed \"Catch up with Dana Whitfield\": person ", std::to_string(id.at(kDana)),
                               " snoozed 30 days, until 2026-07-01")));
      steps.push_back(step("adopt", id.at(kDana), nullptr, nullptr, dana,
                           "\"Catch up with Dana Whitfield\" was changed in another app: completed there"));
    } else {
      steps.push_back(step("snooze", id.at(kFrank), nullptr, nullptr, nullptr,
                           cat("you deleted \"Catch up with Frank Moss\": person ", std::to_string(id.at(kFrank)),
                               " snoozed 30 days, until 2026-07-01")));
      steps.push_back(step("forget", nullptr, nullptr, nullptr, frank,
                           "the task " + before.at(frank).first + " is gone from the list: forgotten"));
    }
  }
  EXPECT_EQ(remind(), report(false, steps));
  EXPECT_EQ(tasks(), phone) << "Kith wrote over the phone's changes";

  // Snoozed: due on 1 July, no longer listed by `kith due`.
  EXPECT_EQ(kith.query(kAsOf, {"show", kDana})["due_at"], "2026-07-01T00:00:00Z");
  EXPECT_EQ(kith.query(kAsOf, {"show", kFrank})["due_at"], "2026-07-01T00:00:00Z");
  EXPECT_EQ(due_ids(), std::vector<std::int64_t>{id.at(kErin)});

  // Not made again, now or while the snooze lasts. Later runs do touch the
  // others: Gus, due on 19 June 12:00, comes within 14 days on 6 June and
  // gets his task; nothing else changes from day to day (the DESCRIPTION
  // names dates, not a count of days overdue).
  EXPECT_EQ(remind(), report(false, json::array()));
  auto actions_at = [&](const std::string& as_of) {
    const json run = remind({}, 0, as_of);
    std::map<std::string, std::string> out;
    for (const auto& s : run["steps"]) {
      EXPECT_FALSE(s["person"] == id.at(kDana) || s["person"] == id.at(kFrank)) << as_of << ": " << s.dump();
      out[s["uid"].is_null() ? "" : s["uid"].get<std::string>()] = s["action"].get<std::string>();
    }
    return out;
  };
  const std::string gus = task_uid(kGus, "due");
  EXPECT_EQ(actions_at("2026-06-06T00:00:00Z"), (std::map<std::string, std::string>{{gus, "create"}}));
  EXPECT_EQ(actions_at("2026-06-30T12:00:00Z"), (std::map<std::string, std::string>{}));
  TasksByUid snoozed = tasks();
  EXPECT_EQ(uids(snoozed), sorted({dana, erin, gus}));
  EXPECT_EQ(snoozed.at(dana), phone.at(dana)) << "the completed task stays as the phone left it";

  // Once the snooze is over both are due again: Dana's own task reopened,
  // Frank's made anew.
  const json after = remind({}, 0, "2026-07-01T00:00:00Z");
  std::map<std::string, std::string> actions;
  for (const auto& s : after["steps"])
    if (!s["uid"].is_null()) actions[s["uid"].get<std::string>()] = s["action"].get<std::string>();
  EXPECT_EQ(actions[dana], "update") << after.dump(1);
  EXPECT_EQ(actions[frank], "create") << after.dump(1);
  const TasksByUid reopened = tasks();
  EXPECT_EQ(reopened.at(dana).first, before.at(dana).first);
  EXPECT_EQ(parsed_task(reopened.at(dana).second.text).status, TaskStatus::NeedsAction);
  EXPECT_EQ(parsed_task(reopened.at(frank).second.text).status, TaskStatus::NeedsAction);
}

TEST_P(RemindServers, ADueDateMovedOnThePhoneIsKeptWhenKithUpdatesTheTask) {
  ASSERT_NO_FATAL_FAILURE(start());
  const TasksByUid before = first_run();
  const std::string erin = task_uid(kErin, "due");
  const auto& [href, original] = before.at(erin);

  auto moved = phone_.put(url_of(href), due_moved_copy(original.text, "20260610"), original.etag);
  ASSERT_TRUE(moved && moved->success()) << (moved ? moved->describe() : moved.status().message());
  const TasksByUid phone = tasks();

  EXPECT_EQ(remind(), report(false, json::array({step("adopt", id.at(kErin), nullptr, nullptr, erin,
                                                      "\"Catch up with Erin Lake\" was changed in another app: due "
                                                      "2026-06-10 kept")})));
  EXPECT_EQ(tasks(), phone);
  EXPECT_EQ(remind(), report(false, json::array()));

  // Her due date moves: Kith rewrites the description, never the user's DUE.
  ASSERT_NO_FATAL_FAILURE(kith.must({"cadence", kErin, "40d"}));
  EXPECT_EQ(remind(), report(false, json::array({step("update", id.at(kErin), kErinTask40.summary, "2026-06-10", erin,
                                                      "\"Catch up with Erin Lake\" (due 2026-06-10, your date)")})));
  const TasksByUid updated = tasks();
  ASSERT_EQ(uids(updated), uids(before));
  EXPECT_NE(updated.at(erin).second.etag, phone.at(erin).second.etag);
  Wanted kept = kErinTask40;
  kept.due = "2026-06-10";
  expect_open_task(updated.at(erin).second, kept);
  EXPECT_EQ(remind(), report(false, json::array()));
  EXPECT_EQ(tasks(), updated);
}

// A true race, made deterministic: Kith reaches the server through a proxy
// that, when Kith's PUT of Erin's task arrives (after Kith read the list),
// first lets the phone complete that task on the server, then forwards
// Kith's PUT. Kith's If-Match names the version it read: the server
// refuses, and the phone's copy stays.
TEST_P(RemindServers, AWriteThatRacesThePhoneIsRefusedAndThePhonesCopyStays) {
  auto proxy = ForwardingProxy::start(base_);
  ASSERT_TRUE(proxy);
  ASSERT_NO_FATAL_FAILURE(start(proxy->base_url()));
  proxy->clear_exchanges();
  const TasksByUid before = first_run();
  // Every write of a new task asked for a free name.
  std::size_t creates = 0;
  for (const auto& e : proxy->exchanges()) {
    if (e.method != "PUT") continue;
    ++creates;
    EXPECT_EQ(e.if_none_match, "*") << e.path;
    EXPECT_EQ(e.if_match, "") << e.path;
    EXPECT_EQ(e.status / 100, 2) << e.path;
  }
  EXPECT_EQ(creates, 3u);

  const std::string erin = task_uid(kErin, "due");
  const auto& [href, original] = before.at(erin);
  ASSERT_NO_FATAL_FAILURE(kith.must({"cadence", kErin, "40d"}));  // an update pending

  const std::string phone_text = completed_copy(original.text, "20260531T200000Z");
  std::atomic<int> raced{0};
  std::string phone_etag;
  proxy->before_forwarding([&](const ProxiedRequest& r) {
    if (r.method != "PUT" || r.path != href || raced++ != 0) return;
    auto put = phone_.put(url_of(href), phone_text, original.etag);
    if (put && put->success()) phone_etag = put->etag();
  });
  proxy->clear_exchanges();
  auto run = kith.run({"--log-level", "error", "--as-of", kAsOf, "remind"});
  proxy->before_forwarding({});
  // (Read under the proxy's lock, after which the hook's writes are seen.)
  const auto exchanges = proxy->exchanges();
  EXPECT_EQ(raced.load(), 1);
  ASSERT_FALSE(phone_etag.empty()) << "the phone's write failed";
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_EQ(run.err,
            "kith: remind: \"Catch up with Erin Lake\" (due 2026-05-30): changed in another app meanwhile; left as it "
            "is, looked at again next time\n");
  EXPECT_EQ(run.out, "  update   \"Catch up with Erin Lake\" (due 2026-05-30)\n0 of 1 changes made in \"Kith\".\n");
  std::vector<ProxiedExchange> writes;
  for (const auto& e : exchanges)
    if (e.method == "PUT" || e.method == "DELETE") writes.push_back(e);
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(writes[0].path, href);
  EXPECT_EQ(writes[0].if_match, original.etag);
  EXPECT_EQ(writes[0].status, 412);

  // The server holds the phone's copy, exactly.
  TasksByUid after = tasks();
  ASSERT_EQ(uids(after), uids(before));
  EXPECT_EQ(after.at(erin).second.etag, phone_etag);
  const auto held = parsed_task(after.at(erin).second.text);
  EXPECT_EQ(held.status, TaskStatus::Completed);
  EXPECT_EQ(held.description, kErinTask.description) << "Kith's refused update is nowhere";
  const auto sent = parsed_task(phone_text);
  EXPECT_EQ(held.completed, sent.completed);
  EXPECT_EQ(held.summary, sent.summary);
  EXPECT_EQ(due_day(held), due_day(sent));

  // The next run takes the phone's completion in and writes nothing.
  proxy->clear_exchanges();
  EXPECT_EQ(remind(), report(false, json::array({
                                        step("snooze", id.at(kErin), nullptr, nullptr, nullptr,
                                             cat("you completed \"Catch up with Erin Lake\": person ",
                                                 std::to_string(id.at(kErin)), " snoozed 40 days, until 2026-07-11")),
                                        step("adopt", id.at(kErin), nullptr, nullptr, erin,
                                             "\"Catch up with Erin Lake\" was changed in another app: completed there"),
                                    })));
  for (const auto& e : proxy->exchanges()) EXPECT_TRUE(e.method != "PUT" && e.method != "DELETE") << e.method << " " << e.path;
  EXPECT_EQ(tasks(), after);
  EXPECT_EQ(remind(), report(false, json::array()));
}

INSTANTIATE_TEST_SUITE_P(RealServers, RemindServers, ::testing::Values(ServerKind::Radicale, ServerKind::Xandikos),
                         server_name);

}  // namespace remind_servers_test
}  // namespace kith::test

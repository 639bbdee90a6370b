// Reminders as tasks (SDK 2.4): the caldav plugin's task list against real
// Radicale and Xandikos servers on 127.0.0.1. A second client, the test's
// own HTTP calls, acts as the user's phone.
//
// What the servers do, observed here and asserted below:
//  - Both send an ETag with a PUT's answer, so a write hands the engine
//    its new version without a read.
//  - Once another client has deleted a task, both answer a PUT with
//    If-Match 412 (RFC 9110 13.1.1: If-Match fails when there is no
//    current representation), never 404: the engine sees Conflict, reads
//    the list again and finds the task gone. A DELETE with If-Match of it
//    answers 404 on both: Missing.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "LoadedCalDav.h"
#include "servers/CalDavTestClient.h"
#include "servers/RadicaleServer.h"
#include "servers/XandikosServer.h"

namespace kith::test {
namespace {

using kith::testing::CalDavTestClient;
using kith::testing::RadicaleServer;
using kith::testing::XandikosServer;

// One task resource: a VCALENDAR with one VTODO.
std::string todo(const std::string& uid, const std::string& summary, const std::string& more = "") {
  std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//EN\r\nBEGIN:VTODO\r\nUID:";
  text += uid;
  text += "\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:";
  text += summary;
  text += "\r\nDUE;VALUE=DATE:20261212\r\n";
  text += more;
  text += "END:VTODO\r\nEND:VCALENDAR\r\n";
  return text;
}

enum class ServerKind { Radicale, Xandikos };

std::string server_name(const ::testing::TestParamInfo<ServerKind>& info) {
  return info.param == ServerKind::Radicale ? "Radicale" : "Xandikos";
}

// A calendar of the home as a PROPFIND Depth 1 lists it.
struct ListedCalendar {
  std::string href;
  std::vector<std::string> components;  // empty: not reported
};

class CalDavTaskList : public ::testing::TestWithParam<ServerKind> {
 protected:
  void SetUp() override {
    if (GetParam() == ServerKind::Radicale) {
      auto started = RadicaleServer::start({});
      ASSERT_TRUE(started) << started.status().message();
      radicale_ = std::move(*started);
      base_ = radicale_->base_url();
      home_ = radicale_->calendar_home_url("alex");
      password_ = radicale_->password("alex");
      phone_ = radicale_->client("alex");
    } else {
      auto started = XandikosServer::start({});
      ASSERT_TRUE(started) << started.status().message();
      xandikos_ = std::move(*started);
      base_ = xandikos_->base_url();
      home_ = xandikos_->calendar_home_url();
      phone_ = xandikos_->client();  // Xandikos has no login of its own
    }
  }

  Provider* provider() { return plugin_.provider(base_, "alex", password_); }

  TaskList* open(Provider& provider, const std::string& list) {
    auto opened = provider.task_list(list, true);
    EXPECT_TRUE(opened) << opened.status().message();
    return opened ? *opened : nullptr;
  }

  // The URL of a name read() reported (an absolute path).
  std::string url_of(const std::string& name) const { return base_.substr(0, base_.size() - 1) + name; }

  // The home's calendars named `displayname`, as the phone sees them.
  std::vector<ListedCalendar> calendars_named(const std::string& displayname) {
    std::vector<ListedCalendar> out;
    auto answer = phone_.propfind_props(home_, "1",
                                        {"D:displayname", "D:resourcetype", "C:supported-calendar-component-set"});
    EXPECT_TRUE(answer && answer->status == 207) << (answer ? answer->describe() : answer.status().message());
    if (!answer) return out;
    auto ms = kith::testing::parse_multistatus(answer->body);
    EXPECT_TRUE(ms) << ms.status().message();
    if (!ms) return out;
    for (const auto& r : ms->responses) {
      if (r.prop_text("displayname") != displayname) continue;
      ListedCalendar calendar{r.href, {}};
      if (auto it = r.found.find("supported-calendar-component-set"); it != r.found.end())
        for (const auto* comp : it->second.find_all("comp")) calendar.components.push_back(comp->attributes.at("name"));
      out.push_back(std::move(calendar));
    }
    return out;
  }

  TaskCollector read(TaskList& list) {
    TaskCollector collected;
    const Status s = list.read(collected);
    EXPECT_TRUE(s) << s.message();
    return collected;
  }

  // The only task read() reports, by name.
  std::pair<std::string, ReadTask> only_task(TaskList& list) {
    auto collected = read(list);
    EXPECT_EQ(collected.tasks.size(), 1u);
    if (collected.tasks.empty()) return {};
    return *collected.tasks.begin();
  }

  std::unique_ptr<RadicaleServer> radicale_;
  std::unique_ptr<XandikosServer> xandikos_;
  std::string base_, home_, password_;
  CalDavTestClient phone_;
  LoadedCalDav plugin_;  // after the servers: its providers go first
};

TEST_P(CalDavTaskList, MakesTheCalendarWhenAbsentAndFindsItAfter) {
  ASSERT_TRUE(calendars_named("Kith Reminders").empty());
  {
    // Asked not to create (`kith remind --dry-run`): no list, nothing made.
    Provider* p = provider();
    ASSERT_NE(p, nullptr);
    auto absent = p->task_list("Kith Reminders", false);
    ASSERT_TRUE(absent) << absent.status().message();
    EXPECT_EQ(*absent, nullptr);
    EXPECT_TRUE(calendars_named("Kith Reminders").empty()) << "a dry run made the calendar";
  }
  Provider* first = provider();
  ASSERT_TRUE(first);
  TaskList* list = open(*first, "Kith Reminders");
  ASSERT_TRUE(list);

  auto made = calendars_named("Kith Reminders");
  ASSERT_EQ(made.size(), 1u);
  EXPECT_NE(made[0].href.find("/kith-reminders/"), std::string::npos) << made[0].href;
  // Radicale keeps the component set asked for; Xandikos ignores it and
  // lists every component it has (VEVENT, VTODO, VJOURNAL, VFREEBUSY).
  ASSERT_FALSE(made[0].components.empty());
  EXPECT_NE(std::find(made[0].components.begin(), made[0].components.end(), "VTODO"), made[0].components.end());
  if (GetParam() == ServerKind::Radicale) {
    EXPECT_EQ(made[0].components, std::vector<std::string>{"VTODO"});
  }

  // Asked again, by the same provider or a new one, by its name or its
  // path segment: found, not made again.
  EXPECT_EQ(open(*first, "Kith Reminders"), list);
  Provider* second = provider();
  ASSERT_TRUE(second);
  ASSERT_TRUE(open(*second, "Kith Reminders"));
  ASSERT_TRUE(open(*second, "kith-reminders"));
  EXPECT_EQ(calendars_named("Kith Reminders").size(), 1u);
}

TEST_P(CalDavTaskList, WritesHoldOnlyForTheVersionNamed) {
  Provider* p = provider();
  ASSERT_TRUE(p);
  TaskList* list = open(*p, "Kith");
  ASSERT_TRUE(list);

  std::string created;
  auto put = list->put("kith-1.ics", todo("uid-kith-1", "Call Dana"), "", created);
  ASSERT_TRUE(put) << put.status().message();
  EXPECT_EQ(*put, TaskWrite::Written);
  EXPECT_FALSE(created.empty()) << "both servers send an ETag with a PUT's answer";

  auto [name, task] = only_task(*list);
  EXPECT_EQ(name.substr(name.rfind('/')), "/kith-1.ics");
  EXPECT_EQ(task.etag, created);
  EXPECT_NE(task.text.find("UID:uid-kith-1"), std::string::npos) << task.text;

  std::string updated;
  put = list->put(name, todo("uid-kith-1", "Call Dana today"), created, updated);
  ASSERT_TRUE(put) << put.status().message();
  EXPECT_EQ(*put, TaskWrite::Written);
  EXPECT_FALSE(updated.empty());
  EXPECT_NE(updated, created);

  // The version before: refused, and the server keeps what it had.
  std::string ignored = "left over";
  put = list->put(name, todo("uid-kith-1", "Stale write"), created, ignored);
  ASSERT_TRUE(put) << put.status().message();
  EXPECT_EQ(*put, TaskWrite::Conflict);
  EXPECT_EQ(ignored, "");
  auto stored = phone_.get(url_of(name));
  ASSERT_TRUE(stored && stored->status == 200) << (stored ? stored->describe() : stored.status().message());
  EXPECT_NE(stored->body.find("Call Dana today"), std::string::npos) << stored->body;
  EXPECT_EQ(stored->body.find("Stale write"), std::string::npos) << stored->body;

  // A create over a name that is taken.
  put = list->put("kith-1.ics", todo("uid-other", "Another"), "", ignored);
  ASSERT_TRUE(put) << put.status().message();
  EXPECT_EQ(*put, TaskWrite::Conflict);

  auto removed = list->remove(name, created);
  ASSERT_TRUE(removed) << removed.status().message();
  EXPECT_EQ(*removed, TaskWrite::Conflict);
  removed = list->remove(name, updated);
  ASSERT_TRUE(removed) << removed.status().message();
  EXPECT_EQ(*removed, TaskWrite::Written);
  auto gone = phone_.get(url_of(name));
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 404);
  EXPECT_TRUE(read(*list).tasks.empty());
}

TEST_P(CalDavTaskList, ChangesFromThePhoneAreReadAndNeverOverwritten) {
  Provider* p = provider();
  ASSERT_TRUE(p);
  TaskList* list = open(*p, "Kith");
  ASSERT_TRUE(list);
  std::string etag;
  auto created = list->put("kith-2.ics", todo("uid-kith-2", "Send the slides"), "", etag);
  ASSERT_TRUE(created) << created.status().message();
  ASSERT_EQ(*created, TaskWrite::Written);
  const auto [name, before] = only_task(*list);

  // The phone completes it.
  auto done = phone_.put(url_of(name), todo("uid-kith-2", "Send the slides", "STATUS:COMPLETED\r\n"), before.etag);
  ASSERT_TRUE(done && done->success()) << (done ? done->describe() : done.status().message());
  const auto [same_name, after] = only_task(*list);
  EXPECT_EQ(same_name, name);
  EXPECT_NE(after.etag, before.etag);
  EXPECT_NE(after.text.find("STATUS:COMPLETED"), std::string::npos) << after.text;

  // Kith's write from before the phone's: refused, the phone's stays.
  std::string ignored;
  auto put = list->put(name, todo("uid-kith-2", "Send the slides by Friday"), before.etag, ignored);
  ASSERT_TRUE(put) << put.status().message();
  EXPECT_EQ(*put, TaskWrite::Conflict);
  auto stored = phone_.get(url_of(name));
  ASSERT_TRUE(stored && stored->status == 200);
  EXPECT_NE(stored->body.find("STATUS:COMPLETED"), std::string::npos) << stored->body;

  // The phone deletes it. A PUT naming the last version read answers 412
  // on both servers, a DELETE 404 (see the top of this file).
  auto deleted = phone_.remove(url_of(name));
  ASSERT_TRUE(deleted && deleted->success()) << (deleted ? deleted->describe() : deleted.status().message());
  put = list->put(name, todo("uid-kith-2", "Send the slides by Friday"), after.etag, ignored);
  ASSERT_TRUE(put) << put.status().message();
  EXPECT_EQ(*put, TaskWrite::Conflict);
  auto removed = list->remove(name, after.etag);
  ASSERT_TRUE(removed) << removed.status().message();
  EXPECT_EQ(*removed, TaskWrite::Missing);
  EXPECT_TRUE(read(*list).tasks.empty());
  auto still_gone = phone_.get(url_of(name));
  ASSERT_TRUE(still_gone);
  EXPECT_EQ(still_gone->status, 404) << "the refused write made nothing";
}

TEST_P(CalDavTaskList, ANameOutsideTheCalendarIsRefusedAndNothingIsWritten) {
  Provider* p = provider();
  ASSERT_TRUE(p);
  TaskList* list = open(*p, "Kith");
  ASSERT_TRUE(list);
  std::string etag;
  const std::string home_path = home_.substr(base_.size() - 1);
  for (const std::string& name : {std::string("../evil.ics"), home_path + "evil.ics",
                                  std::string("http://localhost:1/") + home_path.substr(1) + "kith/evil.ics"}) {
    SCOPED_TRACE(name);
    auto put = list->put(name, todo("uid-evil", "Evil"), "", etag);
    ASSERT_FALSE(put);
    EXPECT_EQ(put.status().kind(), ErrorKind::Item);
    EXPECT_NE(put.status().message().find("would leave the calendar"), std::string::npos) << put.status().message();
  }
  auto evil = phone_.get(home_ + "evil.ics");
  ASSERT_TRUE(evil);
  EXPECT_EQ(evil->status, 404);
  EXPECT_TRUE(read(*list).tasks.empty());
}

// Xandikos lists VEVENT among the task calendar's components whatever
// MKCALENDAR asked, so a sync reads it as an event calendar too: its tasks
// are no events, and no failures either.
TEST_P(CalDavTaskList, TasksInACalendarASyncReadsAreNeitherEventsNorFailures) {
  Provider* p = provider();
  ASSERT_TRUE(p);
  TaskList* list = open(*p, "Kith");
  ASSERT_TRUE(list);
  std::string etag;
  auto put = list->put("kith-3.ics", todo("uid-kith-3", "Book the venue"), "", etag);
  ASSERT_TRUE(put) << put.status().message();
  EventCollector sink;
  const Status s = p->sync(SyncState{}, sink);
  EXPECT_TRUE(s) << s.message();
  EXPECT_TRUE(sink.events.empty());
  EXPECT_TRUE(sink.failures.empty()) << ::testing::PrintToString(sink.failures);
}

INSTANTIATE_TEST_SUITE_P(RealServers, CalDavTaskList, ::testing::Values(ServerKind::Radicale, ServerKind::Xandikos),
                         server_name);

// Radicale keeps a calendar's component set: one that holds events only
// cannot be the task list, and the error says so.
TEST(CalDavTaskListRadicale, ACalendarWithoutTasksIsAnAccountError) {
  auto server = RadicaleServer::start({});
  ASSERT_TRUE(server) << server.status().message();
  ASSERT_TRUE((*server)->make_calendar("alex", "work", "Work"));
  LoadedCalDav plugin;
  Provider* p = plugin.provider((*server)->base_url(), "alex", (*server)->password("alex"));
  ASSERT_TRUE(p);
  auto opened = p->task_list("Work", true);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.status().kind(), ErrorKind::Account);
  EXPECT_EQ(opened.status().message(),
            "reminders calendar \"Work\": /alex/work holds only VEVENT, no tasks (VTODO); name another calendar for "
            "reminders");
}

// Since SDK 2.4 an event carries its calendar's display name, so
// `[events] calendars = ["Conferences"]` can match it.
TEST(CalDavTaskListRadicale, SyncedEventsCarryTheirCalendarsDisplayName) {
  auto server = RadicaleServer::start({});
  ASSERT_TRUE(server) << server.status().message();
  ASSERT_TRUE((*server)->make_calendar("alex", "conf", "Conferences"));
  ASSERT_TRUE((*server)->put_event(
      "alex", "conf", "fosdem.ics",
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//EN\r\nBEGIN:VEVENT\r\nUID:fosdem\r\n"
      "DTSTAMP:20260101T000000Z\r\nDTSTART:20260131T090000Z\r\nDTEND:20260131T170000Z\r\nSUMMARY:FOSDEM\r\n"
      "ORGANIZER:mailto:alex@example.org\r\nATTENDEE:mailto:ann@example.net\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"));
  LoadedCalDav plugin;
  Provider* p = plugin.provider((*server)->base_url(), "alex", (*server)->password("alex"));
  ASSERT_TRUE(p);
  EventCollector sink;
  const Status s = p->sync(SyncState{}, sink);
  ASSERT_TRUE(s) << s.message();
  ASSERT_EQ(sink.events.size(), 1u) << ::testing::PrintToString(sink.failures);
  EXPECT_EQ(sink.events[0].collection, "/alex/conf");
  EXPECT_EQ(sink.events[0].collection_name, "Conferences");
}

}  // namespace
}  // namespace kith::test

// What a server's answer to a task write or to MKCALENDAR means.
#include <gtest/gtest.h>

#include <ostream>

#include "tasks/TaskAnswers.h"

namespace kith {
inline void PrintTo(TaskWrite outcome, std::ostream* out) { *out << "TaskWrite(" << static_cast<int>(outcome) << ")"; }
}  // namespace kith

namespace kith::caldav {
namespace {

dav::HttpResponse answer(long status, std::string etag = "", std::string body = "") {
  dav::HttpResponse r;
  r.status = status;
  r.etag = std::move(etag);
  r.body = std::move(body);
  return r;
}

// A multistatus whose one response has `status` (Xandikos answers a PUT
// of data it refuses, and a MKCALENDAR of a calendar that exists, so).
std::string multistatus(const std::string& status, const std::string& error = "") {
  return "<d:multistatus xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:response><d:href>/x</d:href>"
         "<d:status>HTTP/1.1 " + status + "</d:status>" + (error.empty() ? "" : "<d:error>" + error + "</d:error>") +
         "</d:response></d:multistatus>";
}

struct PutCase {
  long status;
  bool create;
  TaskWrite outcome;
};

TEST(TaskAnswers, PutOutcomes) {
  const PutCase cases[] = {
      {201, true, TaskWrite::Written},  {204, false, TaskWrite::Written}, {200, false, TaskWrite::Written},
      {201, false, TaskWrite::Written},  // Radicale answers an overwrite 201
      {412, true, TaskWrite::Conflict}, {412, false, TaskWrite::Conflict},
      {404, false, TaskWrite::Missing}, {410, false, TaskWrite::Missing},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::Message() << c.status << (c.create ? " create" : " update"));
    std::string etag = "left over";
    auto outcome = put_outcome(answer(c.status, "\"v2\""), c.create, "a.ics", etag);
    ASSERT_TRUE(outcome) << outcome.status().message();
    EXPECT_EQ(*outcome, c.outcome);
    EXPECT_EQ(etag, c.outcome == TaskWrite::Written ? "\"v2\"" : "");
  }
}

TEST(TaskAnswers, PutErrorsSayTheStatusAndHowBad) {
  struct Case {
    long status;
    bool create;
    ErrorKind kind;
    std::string message;
  };
  const Case cases[] = {
      {401, false, ErrorKind::Account, "PUT of a.ics answered 401 Unauthorized (login refused)"},
      {403, false, ErrorKind::Item, "PUT of a.ics answered 403 Forbidden"},
      {404, true, ErrorKind::Item, "PUT of a.ics answered 404 Not Found"},  // a create: no calendar there
      {400, true, ErrorKind::Item, "PUT of a.ics answered 400 Bad Request"},
      {415, true, ErrorKind::Item, "PUT of a.ics answered 415 Unsupported Media Type"},
      {302, true, ErrorKind::Item, "PUT of a.ics answered 302 Found"},  // a redirect with nowhere to go
      {408, true, ErrorKind::Transient, "PUT of a.ics answered 408 Request Timeout"},
      {429, true, ErrorKind::Transient, "PUT of a.ics answered 429 Too Many Requests"},
      {500, false, ErrorKind::Transient, "PUT of a.ics answered 500 Internal Server Error"},
      {503, false, ErrorKind::Transient, "PUT of a.ics answered 503 Service Unavailable"},
      {599, false, ErrorKind::Transient, "PUT of a.ics answered 599"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.status);
    std::string etag = "left over";
    auto outcome = put_outcome(answer(c.status), c.create, "a.ics", etag);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.status().kind(), c.kind);
    EXPECT_EQ(outcome.status().message(), c.message);
    EXPECT_EQ(etag, "");
  }
}

// A 207 is a 2xx, but to a PUT it is a refusal in a multistatus: its 412
// is not a Conflict (the data was refused, not the version).
TEST(TaskAnswers, AMultistatusAnswerToAPutIsARefusal) {
  std::string etag;
  auto outcome = put_outcome(answer(207, "", multistatus("412 Precondition Failed", "<c:valid-calendar-data/>")),
                             false, "a.ics", etag);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.status().kind(), ErrorKind::Item);
  EXPECT_EQ(outcome.status().message(),
            "PUT of a.ics answered 207 Multi-Status: 412 Precondition Failed valid-calendar-data");
}

TEST(TaskAnswers, OnlyAStrongEtagIsKept) {
  EXPECT_EQ(strong_etag("\"abc\""), "\"abc\"");
  EXPECT_EQ(strong_etag("\"\""), "\"\"");
  EXPECT_EQ(strong_etag("W/\"abc\""), "");
  EXPECT_EQ(strong_etag("abc"), "");
  EXPECT_EQ(strong_etag(""), "");
  EXPECT_EQ(strong_etag("\"a\"b\""), "");
  EXPECT_EQ(strong_etag("\"a b\""), "");
  EXPECT_EQ(strong_etag("\"a\r\nX: y\""), "");
  std::string etag;
  ASSERT_TRUE(put_outcome(answer(201, "W/\"weak\""), true, "a.ics", etag));
  EXPECT_EQ(etag, "") << "the engine reads the list again";
}

TEST(TaskAnswers, RemoveOutcomes) {
  struct Case {
    long status;
    std::string body;
    TaskWrite outcome;
  };
  const Case cases[] = {
      {204, "", TaskWrite::Written},
      {200, multistatus("200 OK"), TaskWrite::Written},  // Radicale
      {207, multistatus("200 OK"), TaskWrite::Written},
      {412, "", TaskWrite::Conflict},
      {404, "", TaskWrite::Missing},
      {410, "", TaskWrite::Missing},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.status);
    auto outcome = remove_outcome(answer(c.status, "", c.body), "a.ics");
    ASSERT_TRUE(outcome) << outcome.status().message();
    EXPECT_EQ(*outcome, c.outcome);
  }
  auto refused = remove_outcome(answer(207, "", multistatus("423 Locked")), "a.ics");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.status().message(), "DELETE of a.ics answered 207 Multi-Status: 423 Locked");
  refused = remove_outcome(answer(401), "a.ics");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.status().kind(), ErrorKind::Account);
  refused = remove_outcome(answer(502), "a.ics");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.status().kind(), ErrorKind::Transient);
  EXPECT_EQ(refused.status().message(), "DELETE of a.ics answered 502 Bad Gateway");
}

TEST(TaskAnswers, RefusalReasonsNameWhatTheBodySays) {
  EXPECT_EQ(refusal_reason(answer(403)), "403 Forbidden");
  EXPECT_EQ(refusal_reason(answer(
                409, "", "<?xml version=\"1.0\"?><error xmlns=\"DAV:\"><resource-must-be-null/></error>")),
            "409 Conflict: resource-must-be-null");
  EXPECT_EQ(refusal_reason(answer(403, "", "<html><body>No</body></html>")), "403 Forbidden");
  EXPECT_EQ(refusal_reason(answer(403, "", "not XML at all")), "403 Forbidden");
  EXPECT_EQ(refusal_reason(answer(207, "", multistatus("403 Forbidden", "<d:resource-must-be-null/>"))),
            "207 Multi-Status: 403 Forbidden resource-must-be-null");
  // A propstat that failed, as for a property the server would not set.
  EXPECT_EQ(refusal_reason(answer(207, "",
                                  "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/x</d:href><d:propstat>"
                                  "<d:prop><d:displayname/></d:prop><d:status>HTTP/1.1 409 Conflict</d:status>"
                                  "</d:propstat></d:response></d:multistatus>")),
            "207 Multi-Status: 409 Conflict");
  // A long condition name is cut, and at most three are named: one line.
  const std::string many = "<error xmlns=\"DAV:\"><" + std::string(300, 'a') + "/><b/><c/><d/></error>";
  const std::string reason = refusal_reason(answer(409, "", many));
  EXPECT_EQ(reason, "409 Conflict: " + std::string(64, 'a') + ", b, c");
}

}  // namespace
}  // namespace kith::caldav

#include "EndToEnd.h"

#include "servers/ImapTestClient.h"

namespace kith::test::e2e {

using kith::testing::CalDavTestClient;

void append_sent(const kith::testing::DovecotServer& dovecot, const Mail& mail) {
  auto client = kith::testing::ImapTestClient::connect(dovecot.imap_port());
  ASSERT_TRUE(client) << client.status().message();
  auto login = client->login(kOwner, dovecot.password(kOwner));
  ASSERT_TRUE(login && login->ok()) << (login ? login->text() : login.status().message());
  // Flags, then the INTERNALDATE, then the message (RFC 3501 6.3.11).
  std::string flags_and_date = "(\\Seen) \"";
  flags_and_date += imap_date(utc(mail.when));
  flags_and_date += "\"";
  auto appended = client->append("Sent", raw_mail(mail), flags_and_date);
  ASSERT_TRUE(appended && appended->ok()) << (appended ? appended->text() : appended.status().message());
  (void)client->command("LOGOUT");
}

namespace {

// The path of a URL ("http://127.0.0.1:1/alex/kith/" -> "/alex/kith/").
std::string path_of(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto slash = url.find('/', scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

std::string origin_of(const std::string& url) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme + 3);
  return url.substr(0, slash);
}

kith::Result<kith::testing::Multistatus> propfind(const CalDavTestClient& phone, const std::string& url,
                                                  const std::vector<std::string>& props) {
  auto answer = phone.propfind_props(url, "1", props);
  if (!answer) return answer.status();
  if (answer->status != 207) return kith::Status::internal(answer->describe());
  return kith::testing::parse_multistatus(answer->body);
}

}  // namespace

std::map<std::string, ServerTask> server_tasks(const CalDavTestClient& phone, const std::string& calendar_url) {
  std::map<std::string, ServerTask> out;
  auto ms = propfind(phone, calendar_url, {"D:getetag", "D:resourcetype"});
  EXPECT_TRUE(ms) << ms.status().message();
  if (!ms) return out;
  const std::string own_path = path_of(calendar_url);
  for (const auto& r : ms->responses) {
    const std::string href = path_of(r.href);
    if (href == own_path || (!href.empty() && href.back() == '/')) continue;
    auto got = phone.get(origin_of(calendar_url) + href);
    EXPECT_TRUE(got && got->status == 200) << href << ": " << (got ? got->describe() : got.status().message());
    if (!got || got->status != 200) continue;
    out[href] = {got->etag(), got->body};
    EXPECT_EQ(got->etag(), r.prop_text("getetag")) << href;
  }
  return out;
}

std::map<std::string, std::vector<std::string>> calendars_named(const CalDavTestClient& phone,
                                                                const std::string& home_url,
                                                                const std::string& displayname) {
  std::map<std::string, std::vector<std::string>> out;
  auto ms = propfind(phone, home_url, {"D:displayname", "D:resourcetype", "C:supported-calendar-component-set"});
  EXPECT_TRUE(ms) << ms.status().message();
  if (!ms) return out;
  for (const auto& r : ms->responses) {
    if (r.prop_text("displayname") != displayname) continue;
    auto& components = out[path_of(r.href)];
    if (auto it = r.found.find("supported-calendar-component-set"); it != r.found.end())
      for (const auto* comp : it->second.find_all("comp")) components.push_back(comp->attributes.at("name"));
  }
  return out;
}

namespace {

// `text` with every line starting with `name` followed by ':' or ';'
// removed (unfolded lines only: the properties changed here are short).
std::string without_property(const std::string& text, const std::string& name) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string line = text.substr(at, end - at);
    const bool drop = line.rfind(name, 0) == 0 && line.size() > name.size() &&
                      (line[name.size()] == ':' || line[name.size()] == ';');
    if (!drop) out += line;
    at = end;
  }
  return out;
}

std::string with_before_end(std::string text, const std::string& lines) {
  const auto end = text.find("END:VTODO");
  EXPECT_NE(end, std::string::npos) << text;
  if (end != std::string::npos) text.insert(end, lines);
  return text;
}

}  // namespace

std::string completed_copy(const std::string& text, const std::string& completed_utc) {
  std::string out = without_property(without_property(without_property(text, "STATUS"), "COMPLETED"),
                                     "PERCENT-COMPLETE");
  std::string lines = "STATUS:COMPLETED\r\nCOMPLETED:";
  lines += completed_utc;
  lines += "\r\nPERCENT-COMPLETE:100\r\n";
  return with_before_end(out, lines);
}

std::string due_moved_copy(const std::string& text, const std::string& day) {
  std::string lines = "DUE;VALUE=DATE:";
  lines += day;
  lines += "\r\n";
  return with_before_end(without_property(text, "DUE"), lines);
}

kith::calendar::Task parsed_task(const std::string& text) {
  auto task = kith::calendar::read_task(text);
  EXPECT_TRUE(task) << task.status().message() << "\n" << text;
  return task ? *task : kith::calendar::Task{};
}

std::string due_day(const kith::calendar::Task& task) {
  if (!task.due) return "";
  char day[16];
  std::snprintf(day, sizeof day, "%04d-%02d-%02d", task.due->year, task.due->month, task.due->day);
  return day;
}

}  // namespace kith::test::e2e

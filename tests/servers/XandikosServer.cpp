#include "servers/XandikosServer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

#include "servers/ServerDirectory.h"
#include "servers/ServerLauncher.h"

namespace kith::testing {
namespace {

// seed_files: add the named work-tree files of one collection to its git
// index and commit them at once. The blobs go into ONE pack (dulwich's
// Repo.stage writes a loose object with an fsync per file: 4 s for 1,000).
// argv: repository path, file with one name per line, commit message.
constexpr const char* kSeedScript = R"PY(
import os
import sys
from dulwich.index import index_entry_from_stat
from dulwich.objects import Blob
from dulwich.repo import Repo
repo_path, list_path, message = sys.argv[1:4]
with open(list_path, encoding="utf-8") as f:
    names = [line.rstrip("\n") for line in f if line.strip()]
repo = Repo(repo_path)
index = repo.open_index()
blobs = []
for name in names:
    path = os.path.join(repo_path, name)
    with open(path, "rb") as f:
        blob = Blob.from_string(f.read())
    blobs.append((blob, None))
    index[name.encode("utf-8")] = index_entry_from_stat(os.lstat(path), blob.id, 0)
repo.object_store.add_objects(blobs)
index.write()
identity = b"Kith test harness <kith-test@localhost>"
repo.do_commit(message.encode("utf-8"), committer=identity, author=identity, no_verify=True)
)PY";

std::string errno_text() { return std::strerror(errno); }

// A collection or resource name that is one safe URL path segment as it is.
bool is_plain_segment(const std::string& s) {
  if (s.empty() || s[0] == '.') return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-' && c != '@') return false;
  }
  return true;
}

kith::Status http_error(const std::string& what, const HttpResponse& r) {
  const std::string msg = what + ": " + r.describe();
  if (r.status == 412 || r.status == 404) return kith::Status::item(msg);
  if (r.status == 409 || r.status == 403) return kith::Status::collection(msg);
  return kith::Status::internal(msg);
}

}  // namespace

// ---------------------------------------------------------------------------
// Start, stop

kith::Result<std::unique_ptr<XandikosServer>> XandikosServer::start(const XandikosOptions& options) {
  std::unique_ptr<XandikosServer> server(new XandikosServer());
  server->options_ = options;
  if (auto st = server->prepare(); !st) return st;
  if (auto st = server->launch(/*retry_port=*/true); !st) return st;
  return server;
}

XandikosServer::~XandikosServer() {
  (void)process_.stop();
  remove_server_dir(dir_, "KITH_KEEP_XANDIKOS_DIR");
}

std::string XandikosServer::principal_path() const {
  std::string p = options_.principal.empty() ? "/user/" : options_.principal;
  if (p.front() != '/') p.insert(p.begin(), '/');
  if (p.back() != '/') p += '/';
  return p;
}

kith::Status XandikosServer::prepare() {
  const std::string principal = principal_path();
  for (char c : principal) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '.' && c != '_' && c != '-') {
      return kith::Status::internal("unsupported principal path '" + options_.principal + "'");
    }
  }
  auto xandikos = find_executable("xandikos");
  if (!xandikos) return kith::Status::internal("xandikos not found (install the Debian package xandikos)");
  xandikos_bin_ = *xandikos;
  // The system Python Xandikos is installed for (not the first python3 in PATH).
  auto python = script_interpreter(xandikos_bin_);
  if (!python) return kith::Status::internal("cannot tell the Python interpreter of " + xandikos_bin_);
  python_bin_ = *python;
  auto env = find_executable("env");
  if (!env) return kith::Status::internal("env not found");
  env_bin_ = *env;

  auto dir = make_server_dir(options_.parent_dir, "kx-");
  if (!dir) return dir.status();
  dir_ = *dir;
  data_dir_ = dir_ + "/data";
  home_dir_ = dir_ + "/home";
  log_path_ = dir_ + "/xandikos.log";
  // Xandikos commits to git: it wants a writable HOME (dulwich looks there for
  // its config), which is this one and not the test runner's.
  if (::mkdir(home_dir_.c_str(), 0700) != 0) return kith::Status::internal("mkdir " + home_dir_ + ": " + errno_text());
  return {};
}

kith::Status XandikosServer::launch(bool retry_port) {
  ServerLaunch launch =
      http_server_launch("Xandikos", "xandikos", port_, process_, log_path_, options_.startup_timeout);
  launch.command = [this]() -> kith::Result<std::vector<std::string>> {
    // env: a clean Python environment, our HOME, no system/global git config. It execs, so
    // the PID stays Xandikos'. The script's "#!" names the system Python it is installed for.
    return std::vector<std::string>{env_bin_,
                                    "-u",
                                    "PYTHONPATH",
                                    "-u",
                                    "PYTHONHOME",
                                    "-u",
                                    "PYTHONSTARTUP",
                                    "HOME=" + home_dir_,
                                    "GIT_CONFIG_NOSYSTEM=1",
                                    "PYTHONUNBUFFERED=1",
                                    "PYTHONDONTWRITEBYTECODE=1",
                                    xandikos_bin_,
                                    "-d",
                                    data_dir_,
                                    "-l",
                                    "127.0.0.1",
                                    "-p",
                                    std::to_string(port_),
                                    "--current-user-principal",
                                    principal_path(),
                                    options_.defaults ? "--defaults" : "--autocreate"};
  };
  return launch_server(process_, launch, retry_port);
}

kith::Status XandikosServer::stop() { return process_.stop(); }

kith::Status XandikosServer::kill_hard() { return process_.kill_hard(); }

kith::Status XandikosServer::restart() {
  if (auto st = process_.stop(); !st) return st;
  return launch(/*retry_port=*/false);
}

// ---------------------------------------------------------------------------
// Inspection

std::string XandikosServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

std::string XandikosServer::principal_url() const { return base_url() + principal_path().substr(1); }

std::string XandikosServer::calendar_home_url() const { return principal_url() + "calendars/"; }

std::string XandikosServer::calendar_url(const std::string& calendar) const {
  return calendar_home_url() + calendar + "/";
}

std::string XandikosServer::event_url(const std::string& calendar, const std::string& resource_name) const {
  return calendar_url(calendar) + resource_name;
}

std::string XandikosServer::log_tail(std::size_t lines) const { return read_tail(log_path_, lines); }

std::string XandikosServer::collection_dir(const std::string& calendar) const {
  return data_dir_ + principal_path() + "calendars/" + calendar;
}

std::string XandikosServer::addressbook_dir(const std::string& book) const {
  return data_dir_ + principal_path() + "contacts/" + book;
}

// ---------------------------------------------------------------------------
// HTTP changes

kith::Status XandikosServer::make_calendar(const std::string& calendar, const std::string& displayname) {
  if (!is_plain_segment(calendar)) return kith::Status::internal("unsupported calendar name '" + calendar + "'");
  const std::string url = calendar_url(calendar);
  auto r = client().mkcalendar(url, displayname);
  if (!r) return r.status();
  // An existing collection is a 207 multistatus carrying 403 resource-must-be-null.
  if (r->status != 201) return http_error("MKCALENDAR " + url, *r);
  return {};
}

std::string XandikosServer::addressbook_url(const std::string& book) const {
  return principal_url() + "contacts/" + book + "/";
}

kith::Status XandikosServer::make_addressbook(const std::string& book, const std::string& displayname) {
  if (!is_plain_segment(book)) return kith::Status::internal("unsupported address book name '" + book + "'");
  const std::string url = addressbook_url(book);
  auto r = client().mkcol_addressbook(url, displayname);
  if (!r) return r.status();
  if (r->status != 201) return http_error("MKCOL " + url, *r);
  return {};
}

kith::Result<std::string> XandikosServer::put_card(const std::string& book, const std::string& resource_name,
                                                   const std::string& vcard) {
  const std::string url = addressbook_url(book) + resource_name;
  auto r = client().put_vcard(url, vcard);
  if (!r) return r.status();
  if (r->status != 201 && r->status != 204) return http_error("PUT " + url, *r);
  return r->etag();
}

kith::Status XandikosServer::delete_card(const std::string& book, const std::string& resource_name) {
  const std::string url = addressbook_url(book) + resource_name;
  auto r = client().remove(url);
  if (!r) return r.status();
  if (!r->success()) return http_error("DELETE " + url, *r);
  return {};
}

kith::Result<std::string> XandikosServer::put_event(const std::string& calendar, const std::string& resource_name,
                                                    const std::string& ics, const std::string& if_match) {
  const std::string url = event_url(calendar, resource_name);
  auto r = client().put(url, ics, if_match);
  if (!r) return r.status();
  // An invalid body is a 207 multistatus carrying 412 valid-calendar-data.
  if (r->status != 201 && r->status != 204) return http_error("PUT " + url, *r);
  return r->etag();
}

kith::Status XandikosServer::delete_event(const std::string& calendar, const std::string& resource_name) {
  const std::string url = event_url(calendar, resource_name);
  auto r = client().remove(url);
  if (!r) return r.status();
  if (!r->success()) return http_error("DELETE " + url, *r);
  return {};
}

// ---------------------------------------------------------------------------
// On disk

kith::Status XandikosServer::seed_events(const std::string& calendar,
                                         const std::vector<std::pair<std::string, std::string>>& events) {
  if (!is_plain_segment(calendar)) return kith::Status::internal("unsupported calendar name '" + calendar + "'");
  return seed_files(collection_dir(calendar), [&] { return make_calendar(calendar, calendar); }, events, "events");
}

kith::Status XandikosServer::seed_cards(const std::string& book,
                                        const std::vector<std::pair<std::string, std::string>>& cards) {
  if (!is_plain_segment(book)) return kith::Status::internal("unsupported address book name '" + book + "'");
  return seed_files(addressbook_dir(book), [&] { return make_addressbook(book, book); }, cards, "cards");
}

kith::Status XandikosServer::seed_files(const std::string& dir, const std::function<kith::Status()>& make_collection,
                                        const std::vector<std::pair<std::string, std::string>>& files,
                                        const std::string& noun) {
  std::set<std::string> names;
  for (const auto& [name, data] : files) {
    if (!is_plain_segment(name)) return kith::Status::internal("unsupported resource name '" + name + "'");
    if (!names.insert(name).second) return kith::Status::internal("resource name given twice: " + name);
  }
  if (files.empty()) return {};
  if (!is_directory(dir)) {
    if (auto st = make_collection(); !st) return st.with_context("seeding");
  }
  std::string list;
  for (const auto& [name, data] : files) {
    const std::string path = dir + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << data;
    out.close();
    if (!out) return kith::Status::internal("cannot write " + path);
    list += name + "\n";
  }
  const std::string list_path = dir_ + "/seed-names.txt";
  {
    std::ofstream out(list_path, std::ios::binary | std::ios::trunc);
    out << list;
    out.close();
    if (!out) return kith::Status::internal("cannot write " + list_path);
  }
  // Stage and commit with dulwich, the git library Xandikos itself uses, in
  // the Python Xandikos runs on: no git executable needed.
  auto run = run_process({env_bin_, "-u", "PYTHONPATH", "-u", "PYTHONHOME", "-u", "PYTHONSTARTUP",
                          "HOME=" + home_dir_, "GIT_CONFIG_NOSYSTEM=1", python_bin_, "-c", kSeedScript, dir,
                          list_path, "Seed " + std::to_string(files.size()) + " " + noun + " (kith test harness)"},
                         std::chrono::minutes(10));
  ::unlink(list_path.c_str());
  if (!run) return run.status().with_context("seeding");
  if (run->timed_out) return kith::Status::internal("seeding: dulwich commit timed out");
  if (!run->ok()) {
    const std::string how = run->exit_code >= 0 ? "exit " + std::to_string(run->exit_code)
                                                : "signal " + std::to_string(run->term_signal);
    return kith::Status::internal("seeding: dulwich commit failed (" + how + "): " + run->err + run->out);
  }
  return {};
}

}  // namespace kith::testing

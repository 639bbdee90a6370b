#include "servers/RadicaleServer.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <sstream>

#include "servers/ServerDirectory.h"
#include "servers/ServerLauncher.h"

namespace kith::testing {
namespace {

namespace fs = std::filesystem;
// The launcher, for options Radicale has no setting for: `python3 <launcher>
// --config ...` runs the patches it holds, then Radicale's main
// (kRunRadicale).
//
// Radicale 3.1.8 without RFC 6578, for RadicaleOptions::sync_collection = false:
// patches three module-level functions of radicale.app (looked up at call time).
constexpr const char* kNoSyncLauncher = R"PY(
# Radicale WITHOUT RFC 6578 sync-collection, for the ctag/etag fallback path:
#  - PROPFIND: DAV:sync-token is 404 when asked for, absent from allprop/propname;
#  - DAV:supported-report-set does not list sync-collection;
#  - REPORT sync-collection answers 403 <D:supported-report/>.
import sys
import xml.etree.ElementTree as ET
from http import client

import radicale
from radicale import xmlutils
from radicale.app import propfind, report

if not radicale.VERSION.startswith("3.1.") or not hasattr(propfind, "xml_propfind_response") \
        or not hasattr(report, "xml_report"):
    sys.exit("kith no-sync launcher: written for Radicale 3.1.x, found %s" % radicale.VERSION)

SYNC_TOKEN = xmlutils.make_clark("D:sync-token")
SYNC_COLLECTION = xmlutils.make_clark("D:sync-collection")
SUPPORTED_REPORT_SET = xmlutils.make_clark("D:supported-report-set")
PROPSTAT = xmlutils.make_clark("D:propstat")
PROP = xmlutils.make_clark("D:prop")
STATUS = xmlutils.make_clark("D:status")
NOT_FOUND = xmlutils.make_response(404)

original_propfind_response = propfind.xml_propfind_response
original_report = report.xml_report


def xml_propfind_response(base_prefix, path, item, props, *args, **kwargs):
    asked = SYNC_TOKEN in props
    response = original_propfind_response(
        base_prefix, path, item, [p for p in props if p != SYNC_TOKEN], *args, **kwargs)
    not_found = None
    for propstat in list(response.findall(PROPSTAT)):
        prop = propstat.find(PROP)
        if prop is None:
            continue
        for element in list(prop):
            if element.tag == SYNC_TOKEN:
                prop.remove(element)
        for reports in prop.iter(SUPPORTED_REPORT_SET):
            for supported in list(reports):
                if supported.find(".//" + SYNC_COLLECTION) is not None:
                    reports.remove(supported)
        if len(prop) == 0:
            response.remove(propstat)
        elif (propstat.findtext(STATUS) or "") == NOT_FOUND:
            not_found = prop
    if asked:
        if not_found is None:
            propstat = ET.SubElement(response, PROPSTAT)
            not_found = ET.SubElement(propstat, PROP)
            ET.SubElement(propstat, STATUS).text = NOT_FOUND
        ET.SubElement(not_found, SYNC_TOKEN)
    return response


def xml_report(base_prefix, path, xml_request, *args, **kwargs):
    if xml_request is not None and xml_request.tag == SYNC_COLLECTION:
        return client.FORBIDDEN, xmlutils.webdav_error("D:supported-report")
    return original_report(base_prefix, path, xml_request, *args, **kwargs)


propfind.xml_propfind_response = xml_propfind_response
report.xml_report = xml_report
)PY";

// For RadicaleOptions::bearer_tokens: a token gateway in front of the
// unchanged Radicale, as an OAuth2 deployment puts one. "Authorization:
// Bearer T" for a known T becomes that user's Basic credentials; any other
// bearer token is answered 401 here. @TOKENS@ is the path of a file of
// "token<TAB>user:password" lines.
constexpr const char* kBearerPatch = R"PY(
import base64 as _b64
from radicale import app as _app

with open(@TOKENS@, encoding="utf-8") as _f:
    _TOKENS = dict(line.rstrip("\n").split("\t", 1) for line in _f if line.strip())
_original_call = _app.Application.__call__


def _call_with_bearer(self, environ, start_response):
    header = environ.get("HTTP_AUTHORIZATION", "")
    if header[:7].lower() == "bearer ":
        credentials = _TOKENS.get(header[7:].strip())
        if credentials is None:
            body = b"Access denied"
            start_response("401 Unauthorized", [
                ("WWW-Authenticate", 'Bearer realm="Kith test Radicale"'),
                ("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
            return [body]
        environ = dict(environ)
        environ["HTTP_AUTHORIZATION"] = "Basic " + _b64.b64encode(credentials.encode()).decode()
    return _original_call(self, environ, start_response)


_app.Application.__call__ = _call_with_bearer
)PY";

constexpr const char* kRunRadicale = R"PY(
import sys as _sys
from radicale.__main__ import run as _run  # noqa: E402

_sys.argv[0] = "radicale"
_run()
)PY";

std::string errno_text() { return std::strerror(errno); }

// A user or collection name that is one safe URL path segment as it is.
bool is_plain_segment(const std::string& s) {
  if (s.empty() || s[0] == '.' || s.back() == '~') return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-' && c != '@') return false;
  }
  return true;
}

// An exclusive flock on Radicale's storage lock, released by the destructor.
class StorageLock {
 public:
  StorageLock() = default;
  StorageLock(const StorageLock&) = delete;
  StorageLock& operator=(const StorageLock&) = delete;
  ~StorageLock() {
    if (fd_ >= 0) {
      ::flock(fd_, LOCK_UN);
      ::close(fd_);
    }
  }
  kith::Status acquire(const std::string& path, bool chown_to, uid_t uid, gid_t gid) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) return kith::Status::internal("open " + path + ": " + errno_text());
    // Radicale opens it "w+" as the server user: it must stay that user's.
    if (chown_to && ::fchown(fd_, uid, gid) != 0) return kith::Status::internal("chown " + path + ": " + errno_text());
    int rc;
    do {
      rc = ::flock(fd_, LOCK_EX);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) return kith::Status::internal("flock " + path + ": " + errno_text());
    return {};
  }

 private:
  int fd_ = -1;
};

}  // namespace

// ---------------------------------------------------------------------------
// Start, stop

kith::Result<std::unique_ptr<RadicaleServer>> RadicaleServer::start(const RadicaleOptions& options) {
  std::unique_ptr<RadicaleServer> server(new RadicaleServer());
  server->options_ = options;
  if (auto st = server->prepare(); !st) return st;
  if (auto st = server->launch(/*retry_port=*/true); !st) return st;
  return server;
}

RadicaleServer::~RadicaleServer() {
  (void)process_.stop();
  remove_server_dir(dir_, "KITH_KEEP_RADICALE_DIR");
}

kith::Status RadicaleServer::prepare() {
  const auto& users = options_.users;
  if (users.empty()) return kith::Status::internal("RadicaleOptions.users is empty");
  std::set<std::string> seen;
  for (const auto& [user, pass] : users) {
    if (!is_plain_segment(user)) {
      return kith::Status::internal("unsupported user name '" + user +
                                    "' (letters, digits, '.', '_', '-', '@'; not starting with '.')");
    }
    if (pass.empty() || pass.find_first_of(":\r\n") != std::string::npos) {
      return kith::Status::internal("unsupported password for '" + user + "' (non-empty, no ':' or line breaks)");
    }
    if (!seen.insert(user).second) return kith::Status::internal("duplicate user " + user);
  }
  for (const auto& [token, user] : options_.bearer_tokens) {
    const bool token68 = !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("-._~+/=", c) != nullptr;
    });
    if (!token68) return kith::Status::internal("unsupported bearer token for '" + user + "' (RFC 6750 token68 characters)");
    if (!seen.count(user)) return kith::Status::internal("bearer token for unknown user '" + user + "'");
  }

  auto radicale = find_executable("radicale");
  if (!radicale) return kith::Status::internal("radicale not found (install the Debian package radicale)");
  radicale_bin_ = *radicale;
  // The interpreter Radicale is installed for (/usr/bin/python3 on Debian),
  // not whatever `python3` comes first in PATH.
  auto python = script_interpreter(radicale_bin_);
  if (!python) return kith::Status::internal("cannot tell the Python interpreter of " + radicale_bin_);
  python_bin_ = *python;
  auto env = find_executable("env");
  if (!env) return kith::Status::internal("env not found");
  env_bin_ = *env;

  as_root_ = ::geteuid() == 0;
  if (as_root_) {
    const passwd* nobody = ::getpwnam("nobody");
    if (!nobody) return kith::Status::internal("no 'nobody' user to run Radicale as");
    run_uid_ = nobody->pw_uid;
    run_gid_ = nobody->pw_gid;
    auto setpriv = find_executable("setpriv");
    if (!setpriv) return kith::Status::internal("setpriv not found (Debian package util-linux)");
    setpriv_bin_ = *setpriv;
  } else {
    run_uid_ = ::geteuid();
    run_gid_ = ::getegid();
  }

  auto dir = make_server_dir(options_.parent_dir, "kr-");
  if (!dir) return dir.status();
  dir_ = *dir;
  // 0755: Radicale (as nobody when we are root) reads the config and users file.
  if (::chmod(dir_.c_str(), 0755) != 0) return kith::Status::internal("chmod " + dir_ + ": " + errno_text());
  config_path_ = dir_ + "/radicale.conf";
  extra_config_path_ = dir_ + "/extra.conf";
  users_path_ = dir_ + "/users";
  log_path_ = dir_ + "/radicale.log";
  collections_dir_ = dir_ + "/collections";
  launcher_path_ = dir_ + "/radicale_launcher.py";

  if (::mkdir(collections_dir_.c_str(), 0755) != 0) {
    return kith::Status::internal("mkdir " + collections_dir_ + ": " + errno_text());
  }
  if (as_root_ && ::chown(collections_dir_.c_str(), run_uid_, run_gid_) != 0) {
    return kith::Status::internal("chown " + collections_dir_ + ": " + errno_text());
  }
  std::string users_file;
  for (const auto& [user, pass] : users) users_file += user + ":" + pass + "\n";
  if (auto st = write_file_with_mode(users_path_, users_file, 0644); !st) return st;
  if (auto st = write_file_with_mode(extra_config_path_, options_.extra_config + "\n", 0644); !st) return st;
  if (uses_launcher()) {
    std::string script = "# Written by kith_test_servers (tests/servers/RadicaleServer.cpp). Test use only.\n";
    if (!options_.sync_collection) script += kNoSyncLauncher;
    if (!options_.bearer_tokens.empty()) {
      const std::string tokens_path = dir_ + "/bearer_tokens";
      std::string tokens;
      for (const auto& [token, user] : options_.bearer_tokens) {
        const auto it = std::find_if(users.begin(), users.end(), [&](const auto& u) { return u.first == user; });
        tokens += token + "\t" + user + ":" + it->second + "\n";
      }
      if (auto st = write_file_with_mode(tokens_path, tokens, 0644); !st) return st;
      std::string patch = kBearerPatch;
      patch.replace(patch.find("@TOKENS@"), 8, "'" + tokens_path + "'");
      script += patch;
    }
    script += kRunRadicale;
    if (auto st = write_file_with_mode(launcher_path_, script, 0644); !st) return st;
  }
  return {};
}

kith::Status RadicaleServer::write_config() {
  std::ostringstream c;
  c << "# Written by kith_test_servers (tests/servers/RadicaleServer.cpp). Test use only.\n"
    << "[server]\n"
    << "hosts = 127.0.0.1:" << port_ << "\n"
    << "max_connections = 32\n"
    << "[auth]\n"
    << "type = htpasswd\n"
    << "htpasswd_filename = " << users_path_ << "\n"
    << "htpasswd_encryption = plain\n"
    << "delay = 0\n"
    << "realm = Kith test Radicale\n"
    << "[rights]\n"
    << "type = owner_only\n"
    << "[storage]\n"
    << "filesystem_folder = " << collections_dir_ << "\n"
    << "[web]\n"
    << "type = none\n"
    << "[logging]\n"
    << "level = info\n"
    << "mask_passwords = True\n";
  return write_file_with_mode(config_path_, c.str(), 0644);
}

kith::Status RadicaleServer::launch(bool retry_port) {
  ServerLaunch launch =
      http_server_launch("Radicale", "radicale", port_, process_, log_path_, options_.startup_timeout);
  launch.command = [this]() -> kith::Result<std::vector<std::string>> {
    if (auto st = write_config(); !st) return st;
    // env: a clean Python environment (no PYTHONPATH of some other Python)
    // and a HOME of our own; setpriv (as root): run as nobody. Both exec, so
    // the PID stays Radicale's.
    std::vector<std::string> argv = {env_bin_,  "-u",           "PYTHONPATH",          "-u",
                                     "PYTHONHOME", "-u",        "PYTHONSTARTUP",       "HOME=" + dir_,
                                     "PYTHONUNBUFFERED=1",      "PYTHONDONTWRITEBYTECODE=1"};
    if (as_root_) {
      argv.insert(argv.end(), {setpriv_bin_, "--reuid=" + std::to_string(run_uid_),
                               "--regid=" + std::to_string(run_gid_), "--clear-groups"});
    }
    argv.push_back(python_bin_);
    if (uses_launcher()) {
      argv.push_back(launcher_path_);
    } else {
      argv.insert(argv.end(), {"-m", "radicale"});
    }
    argv.insert(argv.end(), {"--config", config_path_, extra_config_path_});
    return argv;
  };
  return launch_server(process_, launch, retry_port);
}

kith::Status RadicaleServer::stop() { return process_.stop(); }

kith::Status RadicaleServer::kill_hard() { return process_.kill_hard(); }

kith::Status RadicaleServer::restart() {
  if (auto st = process_.stop(); !st) return st;
  return launch(/*retry_port=*/false);
}

// ---------------------------------------------------------------------------
// Inspection

std::string RadicaleServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

std::string RadicaleServer::principal_url(const std::string& user) const { return base_url() + user + "/"; }

std::string RadicaleServer::calendar_url(const std::string& user, const std::string& calendar) const {
  return principal_url(user) + calendar + "/";
}

std::string RadicaleServer::event_url(const std::string& user, const std::string& calendar,
                                      const std::string& resource_name) const {
  return calendar_url(user, calendar) + resource_name;
}

std::string RadicaleServer::password(const std::string& user) const {
  for (const auto& [name, pass] : options_.users) {
    if (name == user) return pass;
  }
  return {};
}

bool RadicaleServer::has_user(const std::string& user) const {
  for (const auto& entry : options_.users) {
    if (entry.first == user) return true;
  }
  return false;
}

CalDavTestClient RadicaleServer::client(const std::string& user) const { return CalDavTestClient(user, password(user)); }

std::string RadicaleServer::log_tail(std::size_t lines) const { return read_tail(log_path_, lines); }

std::string RadicaleServer::collection_dir(const std::string& user, const std::string& calendar) const {
  return collections_dir_ + "/collection-root/" + user + "/" + calendar;
}

// ---------------------------------------------------------------------------
// HTTP changes

namespace {

kith::Status http_error(const std::string& what, const HttpResponse& r) {
  const std::string msg = what + ": " + r.describe();
  if (r.status == 401 || r.status == 403) return kith::Status::account(msg);
  if (r.status == 412 || r.status == 404) return kith::Status::item(msg);
  if (r.status == 409) return kith::Status::collection(msg);
  return kith::Status::internal(msg);
}

}  // namespace

kith::Status RadicaleServer::make_calendar(const std::string& user, const std::string& calendar,
                                           const std::string& displayname) {
  if (!has_user(user)) return kith::Status::internal("unknown user " + user);
  if (!is_plain_segment(calendar)) return kith::Status::internal("unsupported calendar name '" + calendar + "'");
  const std::string url = calendar_url(user, calendar);
  auto r = client(user).mkcalendar(url, displayname);
  if (!r) return r.status();
  if (r->status != 201) return http_error("MKCALENDAR " + url, *r);
  return {};
}

kith::Status RadicaleServer::make_addressbook(const std::string& user, const std::string& book,
                                              const std::string& displayname) {
  if (!has_user(user)) return kith::Status::internal("unknown user " + user);
  if (!is_plain_segment(book)) return kith::Status::internal("unsupported address book name '" + book + "'");
  const std::string url = calendar_url(user, book);
  auto r = client(user).mkcol_addressbook(url, displayname);
  if (!r) return r.status();
  if (r->status != 201) return http_error("MKCOL " + url, *r);
  return {};
}

kith::Result<std::string> RadicaleServer::put_card(const std::string& user, const std::string& book,
                                                   const std::string& resource_name, const std::string& vcard) {
  if (!has_user(user)) return kith::Status::internal("unknown user " + user);
  const std::string url = event_url(user, book, resource_name);
  auto r = client(user).put_vcard(url, vcard);
  if (!r) return r.status();
  if (!r->success()) return http_error("PUT " + url, *r);
  return r->etag();
}

kith::Result<std::string> RadicaleServer::put_event(const std::string& user, const std::string& calendar,
                                                    const std::string& resource_name, const std::string& ics,
                                                    const std::string& if_match) {
  if (!has_user(user)) return kith::Status::internal("unknown user " + user);
  const std::string url = event_url(user, calendar, resource_name);
  auto r = client(user).put(url, ics, if_match);
  if (!r) return r.status();
  if (!r->success()) return http_error("PUT " + url, *r);
  return r->etag();
}

kith::Status RadicaleServer::delete_event(const std::string& user, const std::string& calendar,
                                          const std::string& resource_name) {
  if (!has_user(user)) return kith::Status::internal("unknown user " + user);
  const std::string url = event_url(user, calendar, resource_name);
  auto r = client(user).remove(url);
  if (!r) return r.status();
  if (!r->success()) return http_error("DELETE " + url, *r);
  return {};
}

// ---------------------------------------------------------------------------
// On disk

kith::Status RadicaleServer::seed_events(const std::string& user, const std::string& calendar,
                                         const std::vector<std::pair<std::string, std::string>>& events) {
  if (!has_user(user)) return kith::Status::internal("unknown user " + user);
  if (!is_plain_segment(calendar)) return kith::Status::internal("unsupported calendar name '" + calendar + "'");
  std::set<std::string> names;
  for (const auto& [name, ics] : events) {
    if (!is_plain_segment(name)) return kith::Status::internal("unsupported resource name '" + name + "'");
    if (!names.insert(name).second) return kith::Status::internal("resource name given twice: " + name);
  }
  const std::string dir = collection_dir(user, calendar);
  if (!is_directory(dir)) {
    if (auto st = make_calendar(user, calendar, calendar); !st) return st.with_context("seeding");
  }
  {
    StorageLock lock;
    if (auto st = lock.acquire(collections_dir_ + "/.Radicale.lock", as_root_, run_uid_, run_gid_); !st) return st;
    // Radicale takes this lock for every request (shared for reads, exclusive
    // for writes): while we hold it nobody reads the collection, so plain
    // writes are safe.
    for (const auto& [name, ics] : events) {
      const std::string path = dir + "/" + name;
      int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (fd < 0) return kith::Status::internal("create " + path + ": " + errno_text());
      if (auto st = write_all(fd, ics, path); !st) {
        ::close(fd);
        return st;
      }
      if (as_root_ && ::fchown(fd, run_uid_, run_gid_) != 0) {
        ::close(fd);
        return kith::Status::internal("chown " + path + ": " + errno_text());
      }
      if (::close(fd) != 0) return kith::Status::internal("close " + path + ": " + errno_text());
    }
  }
  // One PROPFIND: Radicale reads, checks and caches every item now.
  const std::string url = calendar_url(user, calendar);
  CalDavTestClient dav = client(user);
  dav.set_timeout(std::chrono::minutes(10));
  auto r = dav.propfind_props(url, "1", {"D:getetag"});
  if (!r) return r.status().with_context("seeding");
  if (r->status != 207) return http_error("seeding: PROPFIND " + url, *r).with_context(log_tail(5));
  auto ms = parse_multistatus(r->body);
  if (!ms) return ms.status().with_context("seeding: PROPFIND " + url);
  std::size_t listed = 0;
  for (const auto& resp : ms->responses) {
    auto slash = resp.href.rfind('/');
    if (slash != std::string::npos && names.count(resp.href.substr(slash + 1)) && !resp.prop_text("getetag").empty()) {
      ++listed;
    }
  }
  if (listed != names.size()) {
    return kith::Status::internal("seeding: Radicale lists " + std::to_string(listed) + " of " +
                                  std::to_string(names.size()) + " seeded events\n" + log_tail(10));
  }
  return {};
}

kith::Status RadicaleServer::expire_sync_tokens(const std::string& user, const std::string& calendar) {
  if (!has_user(user)) return kith::Status::internal("unknown user " + user);
  const std::string dir = collection_dir(user, calendar);
  if (!is_directory(dir)) return kith::Status::internal("no calendar " + dir);
  StorageLock lock;
  if (auto st = lock.acquire(collections_dir_ + "/.Radicale.lock", as_root_, run_uid_, run_gid_); !st) return st;
  std::error_code ec;
  const fs::path tokens = fs::path(dir) / ".Radicale.cache" / "sync-token";
  if (!fs::exists(tokens, ec)) return {};
  for (const auto& entry : fs::directory_iterator(tokens, ec)) {
    std::error_code rm;
    fs::remove(entry.path(), rm);
    if (rm) return kith::Status::internal("remove " + entry.path().string() + ": " + rm.message());
  }
  if (ec) return kith::Status::internal("listing " + tokens.string() + ": " + ec.message());
  return {};
}

kith::Status RadicaleServer::expire_sync_history(const std::string& user, const std::string& collection) {
  if (auto st = expire_sync_tokens(user, collection); !st) return st;
  StorageLock lock;
  if (auto st = lock.acquire(collections_dir_ + "/.Radicale.lock", as_root_, run_uid_, run_gid_); !st) return st;
  std::error_code ec;
  fs::remove_all(fs::path(collection_dir(user, collection)) / ".Radicale.cache" / "history", ec);
  if (ec) return kith::Status::internal("removing the history of " + collection + ": " + ec.message());
  return {};
}

}  // namespace kith::testing

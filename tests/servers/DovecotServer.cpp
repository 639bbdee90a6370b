#include "servers/DovecotServer.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "servers/FreePort.h"
#include "servers/ImapTestClient.h"
#include "servers/SelfSignedCert.h"
#include "servers/ServerDirectory.h"
#include "servers/ServerLauncher.h"

namespace kith::testing {
namespace {

namespace fs = std::filesystem;

// Dovecot 2.3.19's post-login CAPABILITY minus CONDSTORE and QRESYNC.
constexpr const char* kCapabilitiesWithoutQresync =
    "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS "
    "THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS "
    "LIST-EXTENDED I18NLEVEL=1 ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE "
    "SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE";

std::string errno_text() { return std::strerror(errno); }

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// Dovecot config strings: quoted, with \ and " escaped.
std::string conf_quote(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

// Maildir info letter for an IMAP system flag, 0 if it is not one.
char maildir_flag_letter(const std::string& flag) {
  std::string f;
  for (char c : flag) f += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (f == "\\seen") return 'S';
  if (f == "\\answered") return 'R';
  if (f == "\\flagged") return 'F';
  if (f == "\\deleted") return 'T';
  if (f == "\\draft") return 'D';
  return 0;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : sep) + p;
  return s;
}

kith::Result<std::uint64_t> parse_number(const std::string& text, const std::string& what) {
  if (text.empty()) return kith::Status::internal("doveadm: no value for " + what);
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0') return kith::Status::internal("doveadm: bad " + what + ": '" + text + "'");
  return static_cast<std::uint64_t>(v);
}

}  // namespace

// ---------------------------------------------------------------------------
// Start, stop

kith::Result<std::unique_ptr<DovecotServer>> DovecotServer::start(const DovecotOptions& options) {
  std::unique_ptr<DovecotServer> server(new DovecotServer());
  server->options_ = options;
  if (auto st = server->prepare(); !st) return st;
  if (auto st = server->launch(/*retry_ports=*/true); !st) return st;
  return server;
}

DovecotServer::~DovecotServer() {
  (void)process_.stop();
  remove_server_dir(dir_, "KITH_KEEP_DOVECOT_DIR");
}

kith::Status DovecotServer::prepare() {
  const auto& users = options_.users;
  if (users.empty()) return kith::Status::internal("DovecotOptions.users is empty");
  for (std::size_t i = 0; i < users.size(); ++i) {
    const auto& [user, pass] = users[i];
    if (user.empty() || user.find_first_of(":\r\n\t ") != std::string::npos ||
        pass.find_first_of(":\r\n") != std::string::npos) {
      return kith::Status::internal("unsupported user name or password for '" + user +
                                    "' (no ':', whitespace or line breaks)");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (users[j].first == user) return kith::Status::internal("duplicate user " + user);
    }
  }
  if (options_.hierarchy_separator.size() != 1) {
    return kith::Status::internal("hierarchy_separator must be one character");
  }

  auto dovecot = find_executable("dovecot");
  auto doveadm = find_executable("doveadm");
  if (!dovecot || !doveadm) {
    return kith::Status::internal("dovecot/doveadm not found (install the Debian package dovecot-imapd)");
  }
  dovecot_bin_ = *dovecot;
  doveadm_bin_ = *doveadm;

  // Who the processes and the mail files run as.
  as_root_ = ::geteuid() == 0;
  auto name_of_group = [](gid_t gid) -> std::string {
    const group* g = ::getgrgid(gid);
    return g ? g->gr_name : std::string();
  };
  if (as_root_) {
    // Dovecot refuses mail access as root, and passwd-file refuses uid 0.
    const passwd* nobody = ::getpwnam("nobody");
    if (!nobody) return kith::Status::internal("no 'nobody' user to own the test mail");
    mail_uid_ = nobody->pw_uid;
    mail_gid_ = nobody->pw_gid;
    login_user_ = ::getpwnam("dovenull") ? "dovenull" : "nobody";
    const passwd* internal = ::getpwnam("dovecot");
    if (!internal) internal = nobody;
    internal_user_ = internal->pw_name;
    internal_group_ = name_of_group(internal->pw_gid);
  } else {
    mail_uid_ = ::geteuid();
    mail_gid_ = ::getegid();
    const passwd* self = ::getpwuid(mail_uid_);
    if (!self) return kith::Status::internal("the current uid has no passwd entry; Dovecot needs a user name");
    login_user_ = internal_user_ = self->pw_name;
    internal_group_ = name_of_group(mail_gid_);
  }
  if (internal_group_.empty()) return kith::Status::internal("no group name for Dovecot's internal user");

  // Short directory: unix socket paths below base_dir must stay under 108
  // bytes ("<dir>/run/login/imap-urlauth" and the like).
  const std::string parent = server_parent_dir(options_.parent_dir);
  if (parent.size() > 40) return kith::Status::internal("parent_dir too long for unix sockets: " + parent);
  auto dir = make_server_dir(parent, "kd-");
  if (!dir) return dir.status();
  dir_ = *dir;
  instance_name_ = fs::path(dir_).filename().string();
  // 0755: the auth process (running as the internal user) reads the users file.
  if (::chmod(dir_.c_str(), 0755) != 0) return kith::Status::internal("chmod " + dir_ + ": " + errno_text());
  config_path_ = dir_ + "/dovecot.conf";
  log_path_ = dir_ + "/dovecot.log";
  stderr_path_ = dir_ + "/dovecot.stderr";
  users_path_ = dir_ + "/users";

  auto make_dir = [&](const std::string& path, mode_t mode, bool mail_owned) -> kith::Status {
    if (::mkdir(path.c_str(), mode) != 0) return kith::Status::internal("mkdir " + path + ": " + errno_text());
    ::chmod(path.c_str(), mode);
    if (mail_owned && as_root_ && ::chown(path.c_str(), mail_uid_, mail_gid_) != 0) {
      return kith::Status::internal("chown " + path + ": " + errno_text());
    }
    return {};
  };
  if (auto st = make_dir(dir_ + "/state", 0755, false); !st) return st;
  if (auto st = make_dir(dir_ + "/mail", 0755, true); !st) return st;

  std::string users_file;
  for (std::size_t i = 0; i < users.size(); ++i) {
    std::string home = dir_ + "/mail/" + std::to_string(i);
    if (auto st = make_dir(home, 0700, true); !st) return st;
    // user:password:uid:gid:gecos:home:shell:extra
    users_file += users[i].first + ":{PLAIN}" + users[i].second + ":" + std::to_string(mail_uid_) + ":" +
                  std::to_string(mail_gid_) + "::" + home + "::\n";
  }
  if (auto st = write_file_with_mode(users_path_, users_file, 0644); !st) return st;

  if (options_.imaps) {
    auto cert = make_self_signed_cert(dir_);
    if (!cert) return cert.status().with_context("making the TLS certificate");
    ca_file_ = cert->cert_pem;
    key_file_ = cert->key_pem;
  }
  return {};
}

kith::Status DovecotServer::write_config() {
  const std::string& d = dir_;
  std::ostringstream c;
  c << "# Written by kith_test_servers (tests/servers/DovecotServer.cpp). Test use only.\n"
    << "base_dir = " << d << "/run\n"
    << "state_dir = " << d << "/state\n"
    << "instance_name = " << instance_name_ << "\n"
    << "log_path = " << log_path_ << "\n"
    << "info_log_path = " << log_path_ << "\n"
    << "debug_log_path = " << log_path_ << "\n"
    << "protocols = imap\n"
    << "listen = 127.0.0.1\n"
    << "login_greeting = Kith test Dovecot " << instance_name_ << " ready.\n"
    << "shutdown_clients = yes\n"
    << "disable_plaintext_auth = no\n"
    << "auth_mechanisms = plain login\n"
    << "auth_failure_delay = 0\n"
    << "first_valid_uid = 1\n"
    << "last_valid_uid = 0\n"
    << "first_valid_gid = 1\n"
    << "last_valid_gid = 0\n"
    << "default_login_user = " << login_user_ << "\n"
    << "default_internal_user = " << internal_user_ << "\n"
    << "default_internal_group = " << internal_group_ << "\n"
    << "mail_location = maildir:~/Maildir\n"
    << "mail_fsync = never\n";
  if (options_.imaps) {
    c << "ssl = yes\n"
      << "ssl_cert = <" << ca_file_ << "\n"
      << "ssl_key = <" << key_file_ << "\n";
  } else {
    c << "ssl = no\n";
  }
  c << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " << users_path_ << "\n}\n"
    << "userdb {\n  driver = passwd-file\n  args = username_format=%u " << users_path_ << "\n}\n"
    << "namespace inbox {\n  inbox = yes\n  separator = " << options_.hierarchy_separator << "\n";
  std::vector<DovecotMailbox> boxes = options_.mailboxes;
  boxes.insert(boxes.end(), extra_mailboxes_.begin(), extra_mailboxes_.end());
  for (const auto& box : boxes) {
    c << "  mailbox " << conf_quote(box.name) << " {\n";
    if (!box.special_use.empty()) c << "    special_use = " << box.special_use << "\n";
    c << "    auto = " << (box.autocreate.empty() ? "no" : box.autocreate) << "\n  }\n";
  }
  c << "}\n"
    << "protocol imap {\n  mail_max_userip_connections = 200\n";
  if (!options_.qresync) c << "  imap_capability = " << kCapabilitiesWithoutQresync << "\n";
  c << "}\n"
    << "service imap-login {\n"
    << "  inet_listener imap {\n    address = 127.0.0.1\n    port = " << imap_port_ << "\n  }\n"
    << "  inet_listener imaps {\n    address = 127.0.0.1\n    port = " << imaps_port_ << "\n    ssl = yes\n  }\n";
  if (!as_root_) c << "  chroot =\n";
  c << "}\n"
    // No growing delays after failed logins from 127.0.0.1 (tests try wrong passwords).
    << "service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n";
  if (!as_root_) c << "  chroot =\n";
  c << "}\n";
  if (!as_root_) {
    // An ordinary user cannot chroot: every service that would must not.
    for (const char* service : {"ipc", "imap-urlauth-login", "aggregator", "director", "old-stats"}) {
      c << "service " << service << " {\n  chroot =\n}\n";
    }
  }
  if (!options_.extra_config.empty()) c << "# extra_config\n" << options_.extra_config << "\n";
  return write_file_with_mode(config_path_, c.str(), 0644);
}

kith::Status DovecotServer::launch(bool retry_ports) {
  ServerLaunch launch;
  launch.name = "Dovecot";
  launch.program = "dovecot";
  launch.port_count = options_.imaps ? 2 : 1;
  launch.use_ports = [this](const std::vector<int>& ports) {
    imap_port_ = ports[0];
    imaps_port_ = options_.imaps ? ports[1] : 0;
  };
  launch.command = [this]() -> kith::Result<std::vector<std::string>> {
    if (auto st = write_config(); !st) return st;
    // A master.pid left by kill_hard() names a dead (or reused) PID.
    ::unlink((dir_ + "/run/master.pid").c_str());
    return std::vector<std::string>{dovecot_bin_, "-F", "-c", config_path_};
  };
  launch.output_path = stderr_path_;
  launch.startup_timeout = options_.startup_timeout;
  launch.awaited = "greeting";
  launch.make_probe = [this]() -> ReadinessProbe {
    return [this](std::string& last_error) { return greets(last_error); };
  };
  launch.log_tail = [this](std::size_t lines) { return log_tail(lines); };
  launch.log_location = dir_;
  return launch_server(process_, launch, retry_ports);
}

// Our greeting (it names the instance) on the imap port, and the imaps port
// open too: a server that took a port first does not count.
bool DovecotServer::greets(std::string& last_error) {
  auto client = ImapTestClient::connect(imap_port_, std::chrono::seconds(2));
  if (!client) {
    last_error = client.status().message();
    return false;
  }
  if (client->greeting().rfind("* OK", 0) != 0 || client->greeting().find(instance_name_) == std::string::npos) {
    last_error = "another server answered on port " + std::to_string(imap_port_) + ": " + client->greeting();
    return false;
  }
  if (!options_.imaps || can_connect_loopback(imaps_port_)) return true;
  last_error = "imaps port " + std::to_string(imaps_port_) + " not accepting connections";
  return false;
}

kith::Status DovecotServer::stop() { return process_.stop(); }

kith::Status DovecotServer::kill_hard() { return process_.kill_hard(); }

kith::Status DovecotServer::restart() {
  if (auto st = process_.stop(); !st) return st;
  return launch(/*retry_ports=*/false);
}

// ---------------------------------------------------------------------------
// Inspection

std::string DovecotServer::imap_url() const { return "imap://127.0.0.1:" + std::to_string(imap_port_) + "/"; }

std::string DovecotServer::imaps_url() const {
  return "imaps://127.0.0.1:" + std::to_string(imaps_port_) + "/";
}

std::string DovecotServer::password(const std::string& user) const {
  for (const auto& [name, pass] : options_.users) {
    if (name == user) return pass;
  }
  return {};
}

int DovecotServer::user_index(const std::string& user) const {
  for (std::size_t i = 0; i < options_.users.size(); ++i) {
    if (options_.users[i].first == user) return static_cast<int>(i);
  }
  return -1;
}

kith::Result<std::string> DovecotServer::maildir(const std::string& user) const {
  int i = user_index(user);
  if (i < 0) return kith::Status::internal("unknown user " + user);
  return dir_ + "/mail/" + std::to_string(i) + "/Maildir";
}

std::string DovecotServer::log_tail(std::size_t lines) const {
  std::string out = read_tail(log_path_, lines);
  std::string err = read_tail(stderr_path_, lines);
  if (!err.empty()) out += (out.empty() ? "" : "\n") + std::string("--- stderr ---\n") + err;
  return out;
}

// ---------------------------------------------------------------------------
// doveadm

kith::Result<std::string> DovecotServer::doveadm(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {doveadm_bin_, "-c", config_path_};
  argv.insert(argv.end(), args.begin(), args.end());
  auto run = run_process(argv, std::chrono::minutes(10));
  const std::string what = "doveadm " + join(args, " ");
  if (!run) return run.status().with_context(what);
  if (run->timed_out) return kith::Status::internal(what + ": timed out");
  if (!run->ok()) {
    std::string how = run->exit_code >= 0 ? "exit " + std::to_string(run->exit_code)
                                          : "signal " + std::to_string(run->term_signal);
    return kith::Status::internal(what + ": " + how + ": " + trim(run->err));
  }
  return std::move(run->out);
}

kith::Result<DovecotMailboxStatus> DovecotServer::mailbox_status(const std::string& user,
                                                                 const std::string& mailbox) {
  auto out = doveadm({"-f", "tab", "mailbox", "status", "-u", user,
                      "messages unseen uidnext uidvalidity highestmodseq", mailbox});
  if (!out) return out.status();
  // Tab formatter: a header line, then one line of values (column order is Dovecot's).
  std::istringstream lines(*out);
  std::string header, values;
  std::getline(lines, header);
  std::getline(lines, values);
  auto split = [](const std::string& s) {
    std::vector<std::string> cols;
    std::istringstream in(s);
    std::string col;
    while (std::getline(in, col, '\t')) cols.push_back(trim(col));
    return cols;
  };
  auto names = split(header);
  auto cols = split(values);
  if (names.size() != cols.size()) {
    return kith::Status::internal("doveadm mailbox status: unexpected output: " + *out);
  }
  DovecotMailboxStatus status;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "mailbox") continue;
    auto v = parse_number(cols[i], names[i]);
    if (!v) return v.status();
    if (names[i] == "messages") status.messages = static_cast<std::uint32_t>(*v);
    if (names[i] == "unseen") status.unseen = static_cast<std::uint32_t>(*v);
    if (names[i] == "uidnext") status.uidnext = static_cast<std::uint32_t>(*v);
    if (names[i] == "uidvalidity") status.uidvalidity = static_cast<std::uint32_t>(*v);
    if (names[i] == "highestmodseq") status.highestmodseq = *v;
  }
  return status;
}

kith::Result<std::uint32_t> DovecotServer::uidvalidity(const std::string& user, const std::string& mailbox) {
  auto status = mailbox_status(user, mailbox);
  if (!status) return status.status();
  return status->uidvalidity;
}

// ---------------------------------------------------------------------------
// Mailboxes

kith::Result<std::string> DovecotServer::ensure_mailbox_dir(const std::string& user, const std::string& mailbox) {
  auto path = doveadm({"mailbox", "path", "-u", user, mailbox});
  if (!path) return path.status();
  const std::string dir = trim(*path);
  if (dir.empty()) return kith::Status::internal("doveadm mailbox path printed nothing for " + mailbox);
  if (is_directory(dir + "/cur")) return dir;
  // INBOX and `auto =` mailboxes come into being when opened.
  (void)doveadm({"mailbox", "status", "-u", user, "messages", mailbox});
  if (is_directory(dir + "/cur")) return dir;
  auto created = doveadm({"mailbox", "create", "-s", "-u", user, mailbox});
  if (is_directory(dir + "/cur")) return dir;
  if (!created) return created.status();
  return kith::Status::internal("mailbox " + mailbox + " has no " + dir + "/cur after creating it");
}

kith::Status DovecotServer::create_mailbox(const std::string& user, const std::string& mailbox,
                                           const std::optional<std::string>& special_use) {
  if (special_use) {
    bool declared = false;
    for (const auto* list : {&options_.mailboxes, &extra_mailboxes_}) {
      for (const auto& box : *list) {
        if (box.name == mailbox && box.special_use == *special_use) declared = true;
      }
    }
    if (!declared) {
      // Dovecot 2.3 has no runtime SPECIAL-USE for new mailboxes: declare it in the config.
      extra_mailboxes_.push_back({mailbox, *special_use, "no"});
      if (auto st = restart(); !st) return st.with_context("restarting with special-use " + *special_use);
    }
  }
  auto dir = ensure_mailbox_dir(user, mailbox);
  return dir ? kith::Status() : dir.status();
}

kith::Status DovecotServer::delete_mailbox(const std::string& user, const std::string& mailbox) {
  auto out = doveadm({"mailbox", "delete", "-u", user, mailbox});
  return out ? kith::Status() : out.status();
}

kith::Result<std::uint32_t> DovecotServer::recreate_mailbox(const std::string& user, const std::string& mailbox) {
  if (auto st = delete_mailbox(user, mailbox); !st) return st;
  auto dir = ensure_mailbox_dir(user, mailbox);
  if (!dir) return dir.status();
  return uidvalidity(user, mailbox);
}

kith::Status DovecotServer::set_uidvalidity(const std::string& user, const std::string& mailbox,
                                            std::uint32_t value) {
  auto out = doveadm({"mailbox", "update", "-u", user, "--uid-validity", std::to_string(value), mailbox});
  return out ? kith::Status() : out.status();
}

// ---------------------------------------------------------------------------
// Messages

kith::Result<std::vector<std::uint32_t>> DovecotServer::add_messages(const std::string& user,
                                                                     const std::string& mailbox,
                                                                     const std::vector<std::string>& raw_messages) {
  std::vector<SeedMessage> messages;
  messages.reserve(raw_messages.size());
  for (const auto& raw : raw_messages) messages.push_back(SeedMessage{raw, {}, std::nullopt});
  return add_messages(user, mailbox, messages);
}

kith::Result<std::vector<std::uint32_t>> DovecotServer::add_messages(const std::string& user,
                                                                     const std::string& mailbox,
                                                                     const std::vector<SeedMessage>& messages) {
  if (user_index(user) < 0) return kith::Status::internal("unknown user " + user);
  // Maildir info suffixes first, so a bad flag leaves the mailbox untouched.
  std::vector<std::string> infos;
  infos.reserve(messages.size());
  for (const auto& m : messages) {
    std::string letters;
    for (const auto& flag : m.flags) {
      char l = maildir_flag_letter(flag);
      if (l == 0) {
        return kith::Status::internal("seeding supports system flags only, not '" + flag +
                                      "' (use add_flags afterwards)");
      }
      if (letters.find(l) == std::string::npos) letters += l;
    }
    std::sort(letters.begin(), letters.end());  // maildir wants them in ASCII order
    infos.push_back(":2," + letters);
  }
  auto dir = ensure_mailbox_dir(user, mailbox);
  if (!dir) return dir.status();
  auto before = mailbox_status(user, mailbox);
  if (!before) return before.status();

  // Names sort (by time, then the M<n> "microseconds") in the order given, so
  // Dovecot assigns UIDs in that order. S= and W= (size with CRLF line ends)
  // spare Dovecot from reading every file for RFC822.SIZE.
  static const long long kStamp = static_cast<long long>(std::time(nullptr));
  const std::string suffix = "P" + std::to_string(::getpid()) + "Q" + instance_name_.substr(3) + ".kith";
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const std::string& raw = messages[i].raw;
    std::size_t bare_lf = 0;
    for (std::size_t p = 0; p < raw.size(); ++p) {
      if (raw[p] == '\n' && (p == 0 || raw[p - 1] != '\r')) ++bare_lf;
    }
    const std::string base = std::to_string(kStamp) + ".M" + std::to_string(++seed_counter_) + suffix +
                             ",S=" + std::to_string(raw.size()) + ",W=" + std::to_string(raw.size() + bare_lf);
    // Written under a dot name, which maildir syncs ignore, then renamed in the
    // same directory: a session syncing meanwhile (IDLE uses inotify) never
    // sees a half-written file. (A rename from tmp/ costs ~0.5 ms per file on
    // ext4 here, 10x the whole write.)
    const std::string tmp_path = *dir + "/cur/.kith-seed-" + base;
    const std::string cur_path = *dir + "/cur/" + base + infos[i];
    int fd = ::open(tmp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return kith::Status::internal("create " + tmp_path + ": " + errno_text());
    if (auto st = write_all(fd, raw, tmp_path); !st) {
      ::close(fd);
      return st;
    }
    if (as_root_ && ::fchown(fd, mail_uid_, mail_gid_) != 0) {
      ::close(fd);
      return kith::Status::internal("chown " + tmp_path + ": " + errno_text());
    }
    if (messages[i].internal_date) {
      auto since_epoch = messages[i].internal_date->time_since_epoch();
      auto secs = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
      timespec times[2];
      times[0].tv_sec = static_cast<time_t>(secs.count());
      times[0].tv_nsec = 0;
      times[1] = times[0];
      ::futimens(fd, times);
    }
    ::close(fd);
    if (::rename(tmp_path.c_str(), cur_path.c_str()) != 0) {
      return kith::Status::internal("rename into " + cur_path + ": " + errno_text());
    }
  }

  // Opening the mailbox makes Dovecot scan cur/ and assign the UIDs.
  auto after = mailbox_status(user, mailbox);
  if (!after) return after.status();
  const auto n = static_cast<std::uint32_t>(messages.size());
  if (after->messages != before->messages + n || after->uidnext != before->uidnext + n) {
    return kith::Status::internal("after seeding " + std::to_string(n) + " messages into " + mailbox +
                                  ": messages " + std::to_string(before->messages) + " -> " +
                                  std::to_string(after->messages) + ", uidnext " +
                                  std::to_string(before->uidnext) + " -> " + std::to_string(after->uidnext));
  }
  std::vector<std::uint32_t> uids(n);
  for (std::uint32_t i = 0; i < n; ++i) uids[i] = before->uidnext + i;
  if (n > 0) {
    // Dovecot keeps per-message modseqs only once something asked for them
    // (until then a flag change gives every message the new modseq). Asking
    // here makes later doveadm changes look like a real CONDSTORE server's.
    auto enable = doveadm({"fetch", "-u", user, "modseq", "mailbox", mailbox, "uid", std::to_string(uids.back())});
    if (!enable) return enable.status().with_context("enabling modseqs");
  }
  return uids;
}

kith::Status DovecotServer::change_flags(const char* how, const std::string& user, const std::string& mailbox,
                                         const std::string& uid_set, const std::vector<std::string>& flags) {
  auto out = doveadm({"flags", how, "-u", user, join(flags, " "), "mailbox", mailbox, "uid", uid_set});
  return out ? kith::Status() : out.status();
}

kith::Status DovecotServer::set_flags(const std::string& user, const std::string& mailbox,
                                      const std::string& uid_set, const std::vector<std::string>& flags) {
  return change_flags("replace", user, mailbox, uid_set, flags);
}

kith::Status DovecotServer::add_flags(const std::string& user, const std::string& mailbox,
                                      const std::string& uid_set, const std::vector<std::string>& flags) {
  return change_flags("add", user, mailbox, uid_set, flags);
}

kith::Status DovecotServer::remove_flags(const std::string& user, const std::string& mailbox,
                                         const std::string& uid_set, const std::vector<std::string>& flags) {
  return change_flags("remove", user, mailbox, uid_set, flags);
}

kith::Status DovecotServer::expunge(const std::string& user, const std::string& mailbox,
                                    const std::string& uid_set) {
  auto out = doveadm({"expunge", "-u", user, "mailbox", mailbox, "uid", uid_set});
  return out ? kith::Status() : out.status();
}

}  // namespace kith::testing

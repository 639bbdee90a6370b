// A real Dovecot IMAP server for tests, on 127.0.0.1, owned by the test.
//
//   auto server = kith::testing::DovecotServer::start({});
//   ASSERT_TRUE(server) << server.status().message();
//   (*server)->add_messages("alex@example.org", "INBOX", {raw_rfc5322});
//   ... connect to 127.0.0.1:(*server)->imap_port() as alex@example.org / "secret" ...
//
// Each server lives in its own short temporary directory (/tmp/kd-XXXXXX:
// config, users file, TLS certificate, maildirs, log, sockets) on ports
// chosen at start, so any number can run in parallel processes. Dovecot runs
// in the foreground (`dovecot -F -c <dir>/dovecot.conf`) as a child of the
// test process, in its own process group; it is stopped by that PID (never by
// name) and the destructor leaves no process and no directory behind.
// Set KITH_KEEP_DOVECOT_DIR=1 to keep the directory for a look after a test.
//
// Works as root (CI: mail is owned by `nobody`, login processes run as
// `dovenull`, internal ones as `dovecot`) and as an ordinary user (everything
// runs as that user, without chroot). The system Dovecot service is never
// touched. Needs the Debian packages dovecot-imapd and openssl.
//
// Nothing here throws: failures are kith::Status / kith::Result values whose
// message says what failed (for start(): with the tail of Dovecot's log).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kith/Status.h"
#include "servers/TestProcess.h"

namespace kith::testing {

// A mailbox declared in the namespace config (the same for every user).
struct DovecotMailbox {
  std::string name;         // full name with the hierarchy separator, e.g. "Sent" or "Archive/2024"
  std::string special_use;  // "\\Sent", "\\Drafts", "\\Junk", "\\Trash", "\\Archive", ... or ""
  std::string autocreate = "subscribe";  // Dovecot `auto =`: "no", "create" or "subscribe"
};

struct DovecotOptions {
  // Advertise CONDSTORE and QRESYNC (Dovecot 2.3 does by default). When false,
  // imap_capability is set to Dovecot's post-login list without them. Only the
  // advertisement changes: a client that sends ENABLE QRESYNC anyway still gets it.
  bool qresync = true;
  // An imaps listener and STARTTLS with a self-signed certificate (ca_file()).
  bool imaps = true;
  // user name -> password (plain). Neither may contain ':' or a line break.
  std::vector<std::pair<std::string, std::string>> users = {{"alex@example.org", "secret"}};
  // Hierarchy separator shown to clients (the maildir++ layout on disk always uses '.').
  std::string hierarchy_separator = "/";
  // Mailboxes with SPECIAL-USE attributes; they appear in LIST (and are created
  // on first access) for every user.
  std::vector<DovecotMailbox> mailboxes = {
      {"Sent", "\\Sent"}, {"Drafts", "\\Drafts"}, {"Junk", "\\Junk"}, {"Trash", "\\Trash"}};
  // Appended verbatim to the generated dovecot.conf (later settings win).
  std::string extra_config;
  // Where the server's directory (<parent_dir>/kd-XXXXXX) is made. Keep it
  // short: unix socket paths below it must stay under 108 bytes. "/dev/shm"
  // (tmpfs) makes seeding independent of disk load, at the cost of RAM.
  std::string parent_dir = "/tmp";
  // Bound on the wait for the "* OK" greeting after each (re)start.
  std::chrono::milliseconds startup_timeout = std::chrono::seconds(10);
};

// What `doveadm mailbox status` says about one mailbox.
struct DovecotMailboxStatus {
  std::uint32_t messages = 0;
  std::uint32_t unseen = 0;
  std::uint32_t uidnext = 0;
  std::uint32_t uidvalidity = 0;
  std::uint64_t highestmodseq = 0;
};

// One message to seed.
struct SeedMessage {
  std::string raw;                 // RFC 5322 message, CRLF or LF line ends, stored byte for byte
  std::vector<std::string> flags;  // system flags only: \Seen \Answered \Flagged \Deleted \Draft
  // INTERNALDATE (the file's mtime); default: the time of seeding.
  std::optional<std::chrono::system_clock::time_point> internal_date;
};

class DovecotServer {
 public:
  // Writes the config, starts Dovecot and waits for its greeting. Ports are
  // picked free on 127.0.0.1; if one is taken before Dovecot binds it, start
  // is retried with new ports (up to 5 times).
  static kith::Result<std::unique_ptr<DovecotServer>> start(const DovecotOptions& options = {});

  // Stops the server (SIGTERM, then SIGKILL, to its process group) and removes its directory.
  ~DovecotServer();
  DovecotServer(const DovecotServer&) = delete;
  DovecotServer& operator=(const DovecotServer&) = delete;

  // ---- Where to connect (always 127.0.0.1) ----
  int imap_port() const { return imap_port_; }
  int imaps_port() const { return imaps_port_; }  // 0 when options.imaps is false
  std::string imap_url() const;                   // "imap://127.0.0.1:<port>/"
  std::string imaps_url() const;                  // "imaps://127.0.0.1:<port>/" (localhost works too)
  // The server certificate (CN=localhost, SAN IP:127.0.0.1 and DNS:localhost);
  // trust it as the CA. Empty when options.imaps is false.
  std::string ca_file() const { return ca_file_; }
  const DovecotOptions& options() const { return options_; }
  std::string password(const std::string& user) const;

  // ---- Seeding and changing mail (through files and doveadm, never IMAP) ----
  // Creates the mailbox if needed, writes each message as a file into its
  // maildir `cur/` (atomically: dot name, then rename) and has Dovecot index
  // them. UIDs follow the order given; returns the UIDs assigned. Also
  // switches on Dovecot's per-message modseqs for the mailbox (see README).
  // Seeded messages carry \Recent for the first session that sees them.
  // Fast: 10,000 small messages in well under a second on a quiet disk (README).
  kith::Result<std::vector<std::uint32_t>> add_messages(const std::string& user, const std::string& mailbox,
                                                        const std::vector<std::string>& raw_messages);
  kith::Result<std::vector<std::uint32_t>> add_messages(const std::string& user, const std::string& mailbox,
                                                        const std::vector<SeedMessage>& messages);
  // Creates the mailbox (subscribed) unless it exists. With `special_use` that
  // the config does not yet declare for this name, the config is extended
  // and the server restarted (same ports and data; open connections drop).
  kith::Status create_mailbox(const std::string& user, const std::string& mailbox,
                              const std::optional<std::string>& special_use = std::nullopt);
  // Deletes the mailbox and its messages. INBOX cannot be deleted.
  kith::Status delete_mailbox(const std::string& user, const std::string& mailbox);
  // Delete + create: an empty mailbox with a new UIDVALIDITY, which is returned.
  kith::Result<std::uint32_t> recreate_mailbox(const std::string& user, const std::string& mailbox);
  // Sets UIDVALIDITY in place, keeping the messages (works for INBOX too).
  kith::Status set_uidvalidity(const std::string& user, const std::string& mailbox, std::uint32_t uidvalidity);
  // Flags (system flags like "\\Seen" and keywords like "$Label1") of the
  // messages in `uid_set` ("3", "1:5,7", "1:*"). set_flags replaces them all.
  kith::Status set_flags(const std::string& user, const std::string& mailbox, const std::string& uid_set,
                         const std::vector<std::string>& flags);
  kith::Status add_flags(const std::string& user, const std::string& mailbox, const std::string& uid_set,
                         const std::vector<std::string>& flags);
  kith::Status remove_flags(const std::string& user, const std::string& mailbox, const std::string& uid_set,
                            const std::vector<std::string>& flags);
  // Removes the messages in `uid_set` at once (no \Deleted step).
  kith::Status expunge(const std::string& user, const std::string& mailbox, const std::string& uid_set);
  kith::Result<DovecotMailboxStatus> mailbox_status(const std::string& user, const std::string& mailbox);
  kith::Result<std::uint32_t> uidvalidity(const std::string& user, const std::string& mailbox);
  // Any doveadm command against this server: {"mailbox", "list", "-u", user}.
  // Returns stdout; a non-zero exit is an error carrying stderr.
  kith::Result<std::string> doveadm(const std::vector<std::string>& args);

  // ---- Lifecycle ----
  // Graceful stop (SIGTERM to the process group, bounded wait, SIGKILL fallback);
  // data stays until destruction.
  kith::Status stop();
  // SIGKILL to Dovecot and all its processes at once: a crash, as clients see it.
  kith::Status kill_hard();
  // Stops if running, then starts again on the same ports with the same data.
  kith::Status restart();
  bool running() const { return process_.running(); }
  // PID of the Dovecot master (== its process group id), -1 when stopped.
  pid_t pid() const { return process_.pid(); }

  // ---- Inspection ----
  const std::string& dir() const { return dir_; }            // /tmp/kd-XXXXXX (see parent_dir)
  const std::string& config_path() const { return config_path_; }
  const std::string& log_path() const { return log_path_; }  // Dovecot's log
  // Every Dovecot process of this server has this in its command line
  // (process titles are "dovecot-<instance_name>/<service>").
  const std::string& instance_name() const { return instance_name_; }
  // Last `lines` lines of Dovecot's log and of its stderr.
  std::string log_tail(std::size_t lines = 40) const;
  // The maildir of a user (<dir>/mail/<n>/Maildir).
  kith::Result<std::string> maildir(const std::string& user) const;

 private:
  DovecotServer() = default;
  kith::Status prepare();
  kith::Status write_config();
  kith::Status launch(bool retry_ports);
  bool greets(std::string& last_error);
  kith::Result<std::string> ensure_mailbox_dir(const std::string& user, const std::string& mailbox);
  kith::Status change_flags(const char* how, const std::string& user, const std::string& mailbox,
                            const std::string& uid_set, const std::vector<std::string>& flags);
  int user_index(const std::string& user) const;

  DovecotOptions options_;
  std::string dir_, config_path_, log_path_, stderr_path_, users_path_, ca_file_, key_file_;
  std::string instance_name_;
  std::string dovecot_bin_, doveadm_bin_;
  std::vector<DovecotMailbox> extra_mailboxes_;  // added by create_mailbox(special_use)
  uid_t mail_uid_ = 0;
  gid_t mail_gid_ = 0;
  std::string login_user_, internal_user_, internal_group_;
  bool as_root_ = false;
  int imap_port_ = 0;
  int imaps_port_ = 0;
  std::uint64_t seed_counter_ = 0;
  ChildProcess process_;
};

}  // namespace kith::testing

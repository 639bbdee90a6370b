// A small scripted IMAP server on 127.0.0.1 that misbehaves on purpose, for
// hostile-server tests: it logs anyone in, answers CAPABILITY, LIST,
// STATUS, EXAMINE, UID SEARCH and UID FETCH for one folder (INBOX), and
// turns hostile in one way, chosen by `mode`:
//   "esearch-all"   3 messages, but UIDNEXT 4294967295 and UID SEARCH answers
//                   ESEARCH ALL 1:4294967295
//   "list-flood"    LIST answers folder after folder, forever
//   "fetch-repeat"  1 message, whose FETCH response comes 20,000 times,
//                   plus one for a UID nobody asked for
//   "slow-drip"     FETCH gets a flag update every 100 ms and never completes
//   "plain"         1 message, answered once (the control case)
// or answers, with several folders, in the style of one real server:
//   "gmail"         SPECIAL-USE; every message also in [Gmail]/All Mail,
//                   drafts there flagged \Draft
//   "xlist"         roles only through XLIST (Zoho, older Gmail), INBOX
//                   named "Posteingang" there; drafts not flagged
//   "xlist-refused" XLIST announced but answered BAD; LIST has the folders
//   "noroles"       no roles at all: localised folder names only
//   "domino"        one FETCH item wrapped in parentheses of its own
// In every style the owner is me@example.org; ann@ writes to INBOX, the
// owner writes to hal@ (sent), drafts go to grace@ or gil@ and zed@ writes
// to the junk folder, so only ann@ and hal@ (and zed@ in "domino", whose
// INBOX holds zed's message too) may become contacts.
// Runs python3 like ScriptedHttpServer; started and stopped by PID.
#pragma once

#include <memory>
#include <string>

#include "kith/Status.h"
#include "servers/TestProcess.h"

namespace kith::testing {

class ScriptedImapServer {
 public:
  static kith::Result<std::unique_ptr<ScriptedImapServer>> start(const std::string& mode);
  ~ScriptedImapServer();
  ScriptedImapServer(const ScriptedImapServer&) = delete;
  ScriptedImapServer& operator=(const ScriptedImapServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "imap://127.0.0.1:" + std::to_string(port_); }

 private:
  ScriptedImapServer() = default;

  ChildProcess process_;
  int port_ = 0;
  std::string dir_;
};

}  // namespace kith::testing

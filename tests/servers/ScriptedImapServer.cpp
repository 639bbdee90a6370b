#include "servers/ScriptedImapServer.h"

#include <filesystem>

#include "servers/ServerDirectory.h"
#include "servers/ServerLauncher.h"

namespace kith::testing {
namespace {

// argv: port, mode, ready file.
constexpr const char* kServerScript = R"PY(
import socketserver, sys, time
port, mode, ready_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
HEADER = (b"From: Ann <ann@example.net>\r\nTo: me@example.org\r\nMessage-ID: <m1@example.net>\r\n"
          b"Date: Mon, 2 Mar 2026 10:00:00 +0000\r\n\r\n")

def fetch(uid):
    return (b"* %d FETCH (UID %d INTERNALDATE \"02-Mar-2026 10:00:00 +0000\" BODY[HEADER.FIELDS (MESSAGE-ID DATE FROM TO)] {%d}\r\n"
            % (uid, uid, len(HEADER)) + HEADER + b")\r\n")

class Handler(socketserver.StreamRequestHandler):
    def send(self, data):
        self.wfile.write(data)
        self.wfile.flush()
    def handle(self):
        exists = 3 if mode == "esearch-all" else 1
        uidnext = 4294967295 if mode == "esearch-all" else exists + 1
        try:
            self.send(b"* OK [CAPABILITY IMAP4rev1 ESEARCH AUTH=PLAIN SASL-IR] scripted\r\n")
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                parts = line.rstrip(b"\r\n").split(b" ")
                tag, command = parts[0], b" ".join(parts[1:3]).upper()
                word = parts[1].upper() if len(parts) > 1 else b""
                if word == b"AUTHENTICATE" and len(parts) == 3:
                    self.send(b"+ \r\n")
                    self.rfile.readline()
                if word == b"CAPABILITY":
                    self.send(b"* CAPABILITY IMAP4rev1 ESEARCH\r\n")
                elif word == b"LIST":
                    self.send(b'* LIST (\\HasNoChildren) "/" INBOX\r\n')
                    n = 0
                    while mode == "list-flood":
                        self.send(b'* LIST (\\HasNoChildren) "/" "flood%d"\r\n' % n)
                        n += 1
                elif word == b"STATUS":
                    self.send(b"* STATUS INBOX (UIDNEXT %d UIDVALIDITY 1)\r\n" % uidnext)
                elif word == b"EXAMINE":
                    self.send(b"* %d EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n* OK [UIDNEXT %d] ok\r\n" % (exists, uidnext))
                    self.send(tag + b" OK [READ-ONLY] done\r\n")
                    continue
                elif command == b"UID SEARCH":
                    if mode == "esearch-all":
                        self.send(b'* ESEARCH (TAG "%s") UID ALL 1:4294967295\r\n' % tag)
                    elif b"RETURN" in line:
                        self.send(b'* ESEARCH (TAG "%s") UID ALL 1\r\n' % tag)
                    else:
                        self.send(b"* SEARCH 1\r\n")
                elif command == b"UID FETCH":
                    if mode == "slow-drip":
                        while True:
                            self.send(b"* 1 FETCH (FLAGS (\\Seen))\r\n")
                            time.sleep(0.1)
                    copies = 20000 if mode == "fetch-repeat" else 1
                    chunk = fetch(1) * 100
                    for _ in range(copies // 100):
                        self.send(chunk)
                    for _ in range(copies % 100):
                        self.send(fetch(1))
                    if mode == "fetch-repeat":
                        self.send(fetch(999))
                elif word == b"LOGOUT":
                    self.send(b"* BYE bye\r\n" + tag + b" OK done\r\n")
                    return
                self.send(tag + b" OK done\r\n")
        except (BrokenPipeError, ConnectionResetError):
            return


# ---- Server styles: several folders, answered the way a real server does ----
import re
OWNER = b"me@example.org"

def msg(frm, to, mid, date=b"Mon, 2 Mar 2026 10:00:00 +0000"):
    return b"From: %s\r\nTo: %s\r\nMessage-ID: <%s>\r\nDate: %s\r\n\r\n" % (frm, to, mid, date)

ANN = msg(b"Ann <ann@example.net>", OWNER, b"a1@example.net")
TO_HAL = msg(OWNER, b"Hal <hal@example.net>", b"s1@example.org")
TO_GRACE = msg(OWNER, b"Grace <grace@example.net>", b"d1@example.org")
TO_GRACE2 = msg(OWNER, b"Gil <gil@example.net>", b"d2@example.org")
FROM_ZED = msg(b"Zed <zed@example.net>", OWNER, b"z1@example.net")

# name: (LIST attributes, XLIST attributes and name, [(uid, flags, header)])
STYLES = {
    # Gmail: SPECIAL-USE; every message also in [Gmail]/All Mail, drafts
    # there flagged \Draft.
    "gmail": (b"IMAP4rev1 SPECIAL-USE XLIST", [
        (b"INBOX", b"\\HasNoChildren", None, [(1, b"", ANN)]),
        (b"[Gmail]", b"\\HasChildren \\Noselect", None, []),
        (b"[Gmail]/All Mail", b"\\HasNoChildren \\All", None,
         [(1, b"", ANN), (2, b"\\Seen", TO_HAL), (3, b"\\Seen \\Draft", TO_GRACE)]),
        (b"[Gmail]/Drafts", b"\\HasNoChildren \\Drafts", None, [(1, b"\\Seen \\Draft", TO_GRACE)]),
        (b"[Gmail]/Sent Mail", b"\\HasNoChildren \\Sent", None, [(1, b"\\Seen", TO_HAL)]),
    ]),
    # Zoho, older Gmail: roles only through XLIST, whose INBOX has a
    # localised name; drafts not flagged.
    "xlist": (b"IMAP4rev1 XLIST", [
        (b"INBOX", b"\\HasNoChildren", (b"\\HasNoChildren \\Inbox", b"Posteingang"), [(1, b"", ANN)]),
        (b"Unsent", b"\\HasNoChildren", (b"\\HasNoChildren \\Drafts", None), [(1, b"", TO_GRACE)]),
        (b"Entw&APw-rfe", b"\\HasNoChildren", (b"\\HasNoChildren \\Drafts", None), [(1, b"", TO_GRACE2)]),
        (b"Werbung", b"\\HasNoChildren", (b"\\HasNoChildren \\Spam", None), [(1, b"", FROM_ZED)]),
        (b"Outbox Copies", b"\\HasNoChildren", (b"\\HasNoChildren \\Sent", None), [(1, b"", TO_HAL)]),
    ]),
    # XLIST announced, then refused: LIST must still name the folders.
    "xlist-refused": (b"IMAP4rev1 XLIST", [
        (b"INBOX", b"\\HasNoChildren", None, [(1, b"", ANN)]),
        (b"Drafts", b"\\HasNoChildren", None, [(1, b"", TO_GRACE)]),
    ]),
    # No roles announced at all: localised names only.
    "noroles": (b"IMAP4rev1", [
        (b"INBOX", b"\\HasNoChildren", None, [(1, b"", ANN)]),
        (b"Entw&APw-rfe", b"\\HasNoChildren", None, [(1, b"", TO_GRACE)]),
        (b"Junk Email", b"\\HasNoChildren", None, [(1, b"", FROM_ZED)]),
        (b"Gesendete Elemente", b"\\HasNoChildren", None, [(1, b"", TO_HAL)]),
    ]),
    # Domino: one FETCH item in parentheses of its own.
    "domino": (b"IMAP4rev1", [
        (b"INBOX", b"\\HasNoChildren", None, [(100, b"\\Seen", ANN), (101, b"", FROM_ZED)]),
    ]),
}

def args_of(line):
    return [m.group(1) if m.group(1) is not None else m.group(2)
            for m in re.finditer(rb'"((?:[^"\\]|\\.)*)"|([^\s()]+)', line)]

def uid_set(text):
    out = set()
    for part in text.split(b","):
        if b":" in part:
            a, b_ = part.split(b":")
            lo = int(a)
            hi = 4294967295 if b_ == b"*" else int(b_)
            out.update(range(lo, min(hi, lo + 100000) + 1))
        else:
            out.add(int(part))
    return out

class StyledHandler(socketserver.StreamRequestHandler):
    def send(self, data):
        self.wfile.write(data)
        self.wfile.flush()
    def handle(self):
        caps, folders = STYLES[mode]
        by_name = {f[0]: f for f in folders}
        selected = None
        try:
            self.send(b"* OK [CAPABILITY %s AUTH=PLAIN SASL-IR] scripted %s\r\n" % (caps, mode.encode()))
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                line = line.rstrip(b"\r\n")
                parts = line.split(b" ")
                tag = parts[0]
                word = parts[1].upper() if len(parts) > 1 else b""
                rest = line[len(tag) + 1 + len(parts[1]):] if len(parts) > 1 else b""
                if word == b"AUTHENTICATE" and len(parts) == 3:
                    self.send(b"+ \r\n")
                    self.rfile.readline()
                elif word == b"CAPABILITY":
                    self.send(b"* CAPABILITY %s\r\n" % caps)
                elif word == b"XLIST" and mode == "xlist-refused":
                    self.send(tag + b" BAD unknown command\r\n")
                    continue
                elif word in (b"LIST", b"XLIST"):
                    for name, attrs, xlist, _ in folders:
                        shown = name
                        if word == b"XLIST" and xlist is not None:
                            attrs = xlist[0]
                            shown = xlist[1] or name
                        if word == b"LIST" and b"SPECIAL-USE" not in line.upper() and mode == "gmail":
                            attrs = b" ".join(a for a in attrs.split(b" ") if a in (b"\\HasNoChildren", b"\\HasChildren", b"\\Noselect"))
                        self.send(b'* %s (%s) "/" "%s"\r\n' % (word, attrs, shown))
                elif word in (b"STATUS", b"EXAMINE", b"SELECT"):
                    name = args_of(rest)[0]
                    if name.upper() == b"INBOX":
                        name = b"INBOX"
                    if name not in by_name or b"\\Noselect" in by_name[name][1]:
                        self.send(tag + b" NO no such folder\r\n")
                        continue
                    messages = by_name[name][3]
                    uidnext = max([m[0] for m in messages] + [0]) + 1
                    if word == b"STATUS":
                        self.send(b'* STATUS "%s" (UIDNEXT %d UIDVALIDITY 7 MESSAGES %d)\r\n' % (name, uidnext, len(messages)))
                    else:
                        selected = name
                        self.send(b"* %d EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT %d] ok\r\n" % (len(messages), uidnext))
                        self.send(tag + b" OK [READ-ONLY] done\r\n")
                        continue
                elif word == b"UID" and len(parts) > 2 and parts[2].upper() == b"SEARCH":
                    m = re.search(rb"UID (\d+):\*", line, re.I)
                    low = int(m.group(1)) if m else 1
                    uids = [u for u, _, _ in by_name[selected][3] if u >= low]
                    self.send(b"* SEARCH" + b"".join(b" %d" % u for u in uids) + b"\r\n")
                elif word == b"UID" and len(parts) > 2 and parts[2].upper() == b"FETCH":
                    wanted = uid_set(parts[3])
                    section = re.search(rb"BODY\.PEEK\[([^\]]*)\]", line, re.I)
                    section = section.group(1) if section else b"HEADER"
                    for seq, (uid, flags, header) in enumerate(by_name[selected][3], 1):
                        if uid not in wanted:
                            continue
                        date = b'INTERNALDATE "02-Mar-2026 10:00:00 +0000"'
                        if mode == "domino":
                            date = b"(" + date + b")"
                        flag_item = b" FLAGS (%s)" % flags if b"FLAGS" in line.upper() else b""
                        self.send(b"* %d FETCH (UID %d %s%s BODY[%s] {%d}\r\n%s)\r\n"
                                  % (seq, uid, date, flag_item, section, len(header), header))
                elif word == b"LOGOUT":
                    self.send(b"* BYE bye\r\n" + tag + b" OK done\r\n")
                    return
                self.send(tag + b" OK done\r\n")
        except (BrokenPipeError, ConnectionResetError):
            return

class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

server = Server(("127.0.0.1", port), StyledHandler if mode in STYLES else Handler)
open(ready_path, "w").close()
server.serve_forever()
)PY";

}  // namespace

kith::Result<std::unique_ptr<ScriptedImapServer>> ScriptedImapServer::start(const std::string& mode) {
  std::unique_ptr<ScriptedImapServer> server(new ScriptedImapServer());
  auto dir = make_server_dir("/tmp", "ki-");
  if (!dir) return dir.status();
  server->dir_ = *dir;
  const std::string script = server->dir_ + "/server.py";
  const std::string log = server->dir_ + "/server.log";
  const std::string ready = server->dir_ + "/ready";
  if (auto st = write_file_with_mode(script, kServerScript, 0600); !st) return st;
  auto python = find_executable("python3");
  if (!python) return kith::Status::internal("python3 not found");

  ServerLaunch launch;
  launch.name = "scripted IMAP server";
  launch.program = "python3";
  launch.use_ports = [s = server.get()](const std::vector<int>& ports) { s->port_ = ports[0]; };
  launch.output_path = log;
  launch.startup_timeout = std::chrono::seconds(10);
  launch.awaited = "ready file";
  launch.make_probe = [ready] {
    return ReadinessProbe([ready](std::string& last_error) {
      last_error = "no ready file yet";
      return std::filesystem::exists(ready);
    });
  };
  launch.log_tail = [log](std::size_t lines) { return read_tail(log, lines); };
  launch.log_location = log;
  launch.command = [s = server.get(), python = *python, script, mode, ready]() -> kith::Result<std::vector<std::string>> {
    std::error_code ec;
    std::filesystem::remove(ready, ec);
    return std::vector<std::string>{python, script, std::to_string(s->port_), mode, ready};
  };
  if (auto st = launch_server(server->process_, launch, /*pick_ports=*/true); !st) return st;
  return server;
}

ScriptedImapServer::~ScriptedImapServer() {
  (void)process_.stop();
  remove_server_dir(dir_, "KITH_KEEP_SCRIPTED_DIR");
}

}  // namespace kith::testing

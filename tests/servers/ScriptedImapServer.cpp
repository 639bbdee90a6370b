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

class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

server = Server(("127.0.0.1", port), Handler)
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

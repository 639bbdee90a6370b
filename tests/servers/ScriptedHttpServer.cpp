#include "servers/ScriptedHttpServer.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "servers/ServerDirectory.h"
#include "servers/ServerLauncher.h"

namespace kith::testing {
namespace {

// argv: port, script (JSON), record file (one JSON line per request),
// ready file (written once listening), and for TLS: cert and key files.
constexpr const char* kServerScript = R"PY(
import json, ssl, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, script_path, record_path, ready_path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
tls = sys.argv[5:7]
base = ("https" if tls else "http") + "://127.0.0.1:%d" % port
with open(script_path, encoding="utf-8") as f:
    loaded = json.load(f)
require_auth = loaded["require_auth"]
script = loaded["responses"]

def scripted(method, path, body):
    """The first answer for this method and path whose match_body, if any, the body holds."""
    for r in script:
        if r["method"] == method and r["path"] == path and r["match_body"].encode("utf-8") in body:
            return r
    return None

record = open(record_path, "a", encoding="utf-8")
# What a DAV client's conditional writes and reports say besides the body.
RECORDED_HEADERS = ("content-type", "depth", "if-match", "if-none-match")

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.command == "OPTIONS" and self.path == "/":
            status, headers, out = 200, [], b""
        else:
            auth = self.headers.get("Authorization")
            kept = {k.lower(): v for k, v in self.headers.items() if k.lower() in RECORDED_HEADERS}
            record.write(json.dumps({"method": self.command, "path": self.path, "authorization": auth is not None,
                                     "auth_scheme": auth.split(" ")[0] if auth else "", "body_bytes": len(body),
                                     "body": body[:65536].decode("utf-8", "replace"), "headers": kept}) + "\n")
            record.flush()
            r = scripted(self.command, self.path, body)
            if require_auth and auth is None:
                status, headers, out = 401, [("WWW-Authenticate", 'Basic realm="scripted"')], b""
            elif r is None:
                status, headers, out = 404, [], b""
            elif r["requires_in_body"] and r["requires_in_body"].encode("utf-8") not in body:
                # What a DAV server answers a PROPFIND without that property
                # (an empty body asks for allprop, RFC 4918 9.1): the
                # resource, without the property asked for.
                status, headers = 207, []
                out = ('<d:multistatus xmlns:d="DAV:"><d:response><d:href>%s</d:href><d:propstat><d:prop>'
                       '<d:resourcetype><d:collection/></d:resourcetype></d:prop>'
                       '<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>'
                       % self.path).encode("utf-8")
            else:
                status = r["status"]
                headers = [(k, v.replace("{base}", base)) for k, v in r["headers"]]
                out = r["body"].replace("{base}", base).encode("utf-8")
        delivery = r["delivery"] if r is not None and status == r["status"] else "whole"
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if out:
            self.send_header("Content-Type", "application/xml; charset=utf-8")
        if delivery == "endless":
            # No length: the body ends when the connection does, i.e. never.
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(out)
            filler = b"<!--" + b"x" * (1 << 20) + b"-->"
            try:
                while True:
                    self.wfile.write(filler)
            except OSError:
                return
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        if delivery == "whole":
            self.wfile.write(out)
            return
        self.wfile.write(out[: len(out) // 2])
        self.wfile.flush()
        if delivery == "stalls":
            time.sleep(60)
        self.close_connection = True
        self.connection.shutdown(2)
    def __getattr__(self, name):
        if name.startswith("do_"):
            return self.answer
        raise AttributeError(name)

server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
if tls:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls[0], tls[1])
    server.socket = context.wrap_socket(server.socket, server_side=True)
open(ready_path, "w").close()
server.serve_forever()
)PY";

const char* delivery_name(BodyDelivery delivery) {
  switch (delivery) {
    case BodyDelivery::Whole: return "whole";
    case BodyDelivery::Endless: return "endless";
    case BodyDelivery::DiesMidBody: return "dies";
    case BodyDelivery::StallsMidBody: return "stalls";
  }
  return "whole";
}

}  // namespace

kith::Result<std::unique_ptr<ScriptedHttpServer>> ScriptedHttpServer::start(std::vector<ScriptedResponse> script,
                                                                            bool require_auth,
                                                                            std::optional<CertFiles> tls) {
  std::unique_ptr<ScriptedHttpServer> server(new ScriptedHttpServer());
  server->tls_ = std::move(tls);
  auto dir = make_server_dir("/tmp", "kh-");
  if (!dir) return dir.status();
  server->dir_ = *dir;
  server->log_path_ = server->dir_ + "/server.log";
  server->record_path_ = server->dir_ + "/requests.jsonl";
  if (auto st = server->launch(script, require_auth); !st) return st;
  return server;
}

ScriptedHttpServer::~ScriptedHttpServer() {
  (void)process_.stop();
  remove_server_dir(dir_, "KITH_KEEP_SCRIPTED_DIR");
}

kith::Status ScriptedHttpServer::launch(const std::vector<ScriptedResponse>& script, bool require_auth) {
  nlohmann::json responses = nlohmann::json::array();
  for (const auto& r : script)
    responses.push_back({{"method", r.method},
                         {"path", r.path},
                         {"status", r.status},
                         {"body", r.body},
                         {"headers", r.headers},
                         {"requires_in_body", r.requires_in_body},
                         {"match_body", r.match_body},
                         {"delivery", delivery_name(r.delivery)}});
  const nlohmann::json document = {{"require_auth", require_auth}, {"responses", responses}};
  if (auto st = write_file_with_mode(dir_ + "/script.json", document.dump(), 0600); !st) return st;
  if (auto st = write_file_with_mode(dir_ + "/server.py", kServerScript, 0600); !st) return st;
  auto python = find_executable("python3");
  if (!python) return kith::Status::internal("python3 not found");
  ServerLaunch launch = http_server_launch("scripted HTTP server", "python3", port_, process_, log_path_,
                                           std::chrono::seconds(10));
  const std::string ready = dir_ + "/ready";
  // Ready once the script says it listens: the launcher's own probe speaks
  // plain HTTP, which a TLS server cannot answer.
  launch.make_probe = [ready] {
    return ReadinessProbe([ready](std::string& last_error) {
      last_error = "no ready file yet";
      return std::filesystem::exists(ready);
    });
  };
  launch.command = [this, python = *python, ready]() -> kith::Result<std::vector<std::string>> {
    std::error_code ec;
    std::filesystem::remove(ready, ec);
    std::vector<std::string> argv{python, dir_ + "/server.py", std::to_string(port_), dir_ + "/script.json",
                                  record_path_, ready};
    if (tls_) argv.insert(argv.end(), {tls_->cert_pem, tls_->key_pem});
    return argv;
  };
  return launch_server(process_, launch, /*pick_ports=*/true);
}

std::vector<RecordedRequest> ScriptedHttpServer::requests() const {
  std::vector<RecordedRequest> out;
  std::ifstream in(record_path_);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    RecordedRequest r;
    r.method = j.value("method", "");
    r.path = j.value("path", "");
    r.authorization = j.value("authorization", false);
    r.auth_scheme = j.value("auth_scheme", "");
    r.body_bytes = j.value("body_bytes", std::size_t{0});
    r.body = j.value("body", "");
    r.headers = j.value("headers", std::map<std::string, std::string>{});
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace kith::testing

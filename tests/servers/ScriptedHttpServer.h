// A small scripted HTTP server on 127.0.0.1 for hostile-server tests: it
// answers each (method, path) with a canned status, headers and body, and
// records every request it gets (method, path, whether an Authorization
// header came and which scheme, the headers of conditional requests) so a
// test can prove what a client sent.
//
//   auto s = ScriptedHttpServer::start({{"PROPFIND", "/", 207, body}});
//   ... point the client at (*s)->base_url() ...
//   for (const auto& r : (*s)->requests()) EXPECT_FALSE(r.authorization);
//
// Bodies and header values may contain "{base}", replaced by the server's
// own base URL ("http://127.0.0.1:PORT"). Unscripted requests get 404;
// OPTIONS / answers 200 (the launcher's readiness probe) and is not recorded.
// A response may require text in the request body (see requires_in_body).
// With `require_auth`, a request without an Authorization header gets 401
// with WWW-Authenticate: Basic, as a real server would, so a client that
// holds credentials sends them.
// Runs python3's http.server (python3 is on every machine the suite runs
// on: Radicale needs it), started and stopped by PID like the real servers.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kith/Status.h"
#include "servers/SelfSignedCert.h"
#include "servers/TestProcess.h"

namespace kith::testing {

// How a dying or hostile server delivers a scripted body.
enum class BodyDelivery {
  Whole,          // as scripted, with its Content-Length
  Endless,        // the body, then filler forever, without an end in sight
  DiesMidBody,    // announces the whole body, sends half of it, closes the connection
  StallsMidBody,  // announces the whole body, sends half of it, then nothing for a minute
};

struct ScriptedResponse {
  ScriptedResponse(std::string m, std::string p, int s, std::string b = {},
                   std::vector<std::pair<std::string, std::string>> h = {})
      : method(std::move(m)), path(std::move(p)), status(s), body(std::move(b)), headers(std::move(h)) {}
  std::string method;
  std::string path;
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. {"Location", "{base}/x"}
  // When set, a request whose body lacks this text (a PROPFIND resent
  // without its body asks for allprop) gets what a DAV server answers
  // then: 207 with the resource and no such property.
  std::string requires_in_body;
  // When set, this answer is only for requests whose body holds this text;
  // the first scripted answer that fits is sent. Tells two REPORTs to one
  // URL apart (calendar-query, calendar-multiget).
  std::string match_body;
  BodyDelivery delivery = BodyDelivery::Whole;
};

struct RecordedRequest {
  std::string method;
  std::string path;
  bool authorization = false;
  std::string auth_scheme;  // "Basic", "Bearer", ... when authorization
  std::size_t body_bytes = 0;
  std::string body;  // its first 64 KiB, as UTF-8 (invalid bytes replaced)
  // Content-Type, Depth, If-Match and If-None-Match as sent, by lower-case
  // name; absent ones are not listed.
  std::map<std::string, std::string> headers;
};

class ScriptedHttpServer {
 public:
  // With `tls`, it speaks HTTPS with that certificate (base_url() says
  // https://), for tests of certificate checks.
  static kith::Result<std::unique_ptr<ScriptedHttpServer>> start(std::vector<ScriptedResponse> script,
                                                                 bool require_auth = false,
                                                                 std::optional<CertFiles> tls = std::nullopt);
  ~ScriptedHttpServer();
  ScriptedHttpServer(const ScriptedHttpServer&) = delete;
  ScriptedHttpServer& operator=(const ScriptedHttpServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return (tls_ ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_); }
  // Every request so far, in arrival order.
  std::vector<RecordedRequest> requests() const;

 private:
  ScriptedHttpServer() = default;
  kith::Status launch(const std::vector<ScriptedResponse>& script, bool require_auth);

  std::optional<CertFiles> tls_;

  ChildProcess process_;
  int port_ = 0;
  std::string dir_;
  std::string log_path_;
  std::string record_path_;
};

}  // namespace kith::testing

// A tiny HTTP/1.1 proxy on 127.0.0.1 that forwards every request to one
// upstream server (a real Radicale or Xandikos) and its answer back, and
// lets a test act between the two: `before_forwarding` runs after a
// request has arrived and before it goes on. The reminders tests use it
// to make a true race deterministic: the phone changes a task on the
// server right after Kith read the list and right before Kith's PUT of
// that task reaches the server.
//
// One request per connection (every answer says Connection: close), each
// connection on its own thread. Request bodies need a Content-Length
// (what libcurl sends for a body of known size); an `Expect:
// 100-continue` is answered here. The request's headers go on as they
// came, Host included (so any absolute URL the server makes names the
// proxy), but Accept-Encoding, so answers come back as they are.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kith::test::e2e {

struct ProxiedRequest {
  std::string method, path;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string header(const std::string& name) const;  // case-insensitive; "" when absent
};

struct ProxiedExchange {
  std::string method, path;
  std::string if_match, if_none_match;
  long status = 0;  // the upstream's answer; 0 when it gave none (502 sent)
};

class ForwardingProxy {
 public:
  // Listens on 127.0.0.1 (a port the kernel picks); null when it cannot.
  static std::unique_ptr<ForwardingProxy> start(std::string upstream_base_url);
  ~ForwardingProxy();
  ForwardingProxy(const ForwardingProxy&) = delete;
  ForwardingProxy& operator=(const ForwardingProxy&) = delete;

  std::string base_url() const;  // "http://127.0.0.1:PORT/"

  // Called (on the connection's thread) with each request before it is
  // forwarded; replaces the previous hook; an empty function clears it.
  void before_forwarding(std::function<void(const ProxiedRequest&)> hook);

  // Every exchange so far, in the order the answers came.
  std::vector<ProxiedExchange> exchanges() const;
  void clear_exchanges();

 private:
  ForwardingProxy() = default;
  void accept_loop();
  void serve(int fd);

  std::string upstream_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  mutable std::mutex mutex_;
  std::vector<std::thread> connections_;
  std::function<void(const ProxiedRequest&)> hook_;
  std::vector<ProxiedExchange> exchanges_;
};

}  // namespace kith::test::e2e

#include "dashboard/DashboardServer.h"

#include <arpa/inet.h>
#include <httplib.h>

#include <charconv>
#include <chrono>
#include <ctime>
#include <future>
#include <optional>
#include <thread>

#include "dashboard/Assets.h"
#include "dashboard/BoundedWorkQueue.h"
#include "dashboard/DashboardFiles.h"
#include "dashboard/Html.h"
#include "dashboard/Pages.h"

namespace kith::engine {

using nlohmann::json;

namespace {

// httplib's worker pool, bounded (BoundedWorkQueue.h).
class BoundedTaskQueue : public httplib::TaskQueue {
 public:
  BoundedTaskQueue(std::size_t threads, std::size_t max_waiting) : queue_(threads, max_waiting) {}
  void enqueue(std::function<void()> fn) override { queue_.enqueue(std::move(fn)); }
  void shutdown() override { queue_.shutdown(); }

 private:
  BoundedWorkQueue queue_;
};

}  // namespace

Result<ListenAddress> parse_listen_address(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return Status::account("dashboard address '" + text + "': " + why + " (write host:port, e.g. 127.0.0.1:8417)");
  };
  std::string host, port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') return bad("no port");
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) return bad("no port");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string::npos) return bad("an IPv6 address goes in brackets: [::1]:8417");
  }
  ListenAddress address;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), address.port);
  if (ec != std::errc() || end != port.data() + port.size() || address.port < 0 || address.port > 65535)
    return bad("the port is not a number from 0 to 65535");
  if (host == "localhost") host = "127.0.0.1";
  in_addr v4{};
  in6_addr v6{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    address.loopback = (ntohl(v4.s_addr) >> 24) == 127;
  } else if (::inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
    address.loopback = IN6_IS_ADDR_LOOPBACK(&v6);
  } else {
    return bad("the host is not an IP address or localhost");
  }
  address.host = host;
  return address;
}

namespace {

constexpr const char* kCookie = "kith_token";

// Every response: nothing but this origin's own stylesheet, forms that post
// only here, no framing, no script at all.
const httplib::Headers& security_headers() {
  static const httplib::Headers headers = {
      {"Content-Security-Policy",
       "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      // Not no-referrer: Chrome then sends "Origin: null" on the pages' own
      // form posts, and the origin check below needs the real one.
      {"Referrer-Policy", "same-origin"},
      {"Cache-Control", "no-store"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      {"X-Frame-Options", "DENY"},
  };
  return headers;
}

// The value of cookie `name` in a Cookie header ("a=1; b=2").
std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t at = 0;
  while (at < header.size()) {
    auto end = header.find(';', at);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(at, end - at);
    const auto first = part.find_first_not_of(' ');
    if (first != std::string::npos) part.erase(0, first);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 && part[name.size()] == '=')
      return part.substr(name.size() + 1);
    at = end + 1;
  }
  return {};
}

// A path of this server to send the browser to, or "/": never another
// host ("//evil"), never a header break.
std::string local_path(const std::string& path) {
  if (path.empty() || path.front() != '/' || path.rfind("//", 0) == 0) return "/";
  for (unsigned char c : path)
    if (c < 0x20 || c == 0x7f || c == '\\') return "/";
  return path;
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() < 20 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

struct DashboardServer::Impl {
  DashboardSettings settings;
  Logger& log;
  ListenAddress address;
  int port = 0;
  httplib::Server server;
  std::thread thread;

  Impl(DashboardSettings s, Logger& l) : settings(std::move(s)), log(l) {}

  std::string origin() const {
    const std::string host = address.host.find(':') != std::string::npos ? "[" + address.host + "]" : address.host;
    return "http://" + host + ":" + std::to_string(port);
  }

  // The Host header a browser sends for this server: guards against DNS
  // rebinding (another name resolving to 127.0.0.1).
  bool host_allowed(const std::string& host) const {
    if (!address.loopback) return true;  // the user named the address; the token still guards it
    const std::string p = ":" + std::to_string(port);
    return host == "127.0.0.1" + p || host == "localhost" + p || host == "[::1]" + p ||
           host == origin().substr(std::string("http://").size());
  }

  bool has_token(const httplib::Request& req) const {
    const std::string& token = settings.token;
    if (same_token(cookie_value(req.get_header_value("Cookie"), kCookie), token)) return true;
    const std::string auth = req.get_header_value("Authorization");
    return auth.rfind("Bearer ", 0) == 0 && same_token(auth.substr(7), token);
  }

  // A change must come from a page of this server: its Origin (or, where a
  // browser sends none, Sec-Fetch-Site) says so, and the form carries the
  // token, which another site cannot read.
  bool same_origin(const httplib::Request& req) const {
    const std::string sent_origin = req.get_header_value("Origin");
    if (!sent_origin.empty() && sent_origin != "null") return sent_origin == "http://" + req.get_header_value("Host");
    return req.get_header_value("Sec-Fetch-Site") == "same-origin";
  }

  void error_page(httplib::Response& res, int status, const std::string& title, const std::string& message) {
    res.status = status;
    res.set_content(html::page({title, ""}, "<p class=\"error\" role=\"alert\">" + html::escape(message) + "</p>"),
                    "text/html; charset=utf-8");
  }

  // Runs these `kith` commands side by side; their JSON, or the first error.
  // Each is read (and its JSON parsed) on a thread of its own: read one
  // after the other, a command printing more than a pipe holds would wait
  // for the ones before it to finish.
  Result<std::vector<json>> query(const std::vector<std::vector<std::string>>& commands) {
    std::vector<std::unique_ptr<KithProcess>> running;
    for (const auto& c : commands) running.push_back(std::make_unique<KithProcess>(settings.kith, c));
    std::vector<std::future<Result<json>>> read;
    for (auto& p : running) {
      read.push_back(std::async(std::launch::async, [process = p.get()]() -> Result<json> {
        auto text = process->finish();
        if (!text) return text.status();
        json doc = json::parse(*text, nullptr, false);
        if (doc.is_discarded()) return Status::internal("kith printed JSON the dashboard could not read");
        return doc;
      }));
    }
    std::vector<json> out;
    std::optional<Status> failed;
    for (auto& r : read) {
      auto doc = r.get();
      if (!doc && !failed) failed = doc.status();
      if (doc) out.push_back(std::move(*doc));
    }
    if (failed) return *failed;
    return out;
  }

  void page(httplib::Response& res, const std::string& title, const std::string& active,
            const std::vector<std::vector<std::string>>& commands,
            const std::function<std::string(const std::vector<json>&)>& render) {
    const auto started = std::chrono::steady_clock::now();
    auto docs = query(commands);
    if (!docs) {
      const bool not_found = docs.status().kind() == ErrorKind::Item;
      error_page(res, not_found ? 404 : 500, not_found ? "Not found" : "Error", docs.status().message());
      return;
    }
    const auto queried = std::chrono::steady_clock::now();
    std::string body = render(*docs);
    std::string page_title = title;
    if (page_title.empty() && !docs->empty()) page_title = (*docs)[0].value("name", std::string("Person"));
    res.set_content(html::page({page_title, active}, body), "text/html; charset=utf-8");
    // The page's time on the server, for the benchmark (README): all of
    // it, and its part waiting for the `kith` commands' JSON.
    auto ms = [](auto from, auto to) { return std::to_string(std::chrono::duration<double, std::milli>(to - from).count()); };
    res.set_header("Server-Timing",
                   "page;dur=" + ms(started, std::chrono::steady_clock::now()) + ", kith;dur=" + ms(started, queried));
  }

  // Runs a `kith` command that changes something, then sends the browser
  // back to the page it came from.
  void change(const httplib::Request& req, httplib::Response& res, const std::vector<std::string>& command) {
    auto run = query({command});
    if (!run) {
      error_page(res, run.status().kind() == ErrorKind::Item ? 400 : 500, "Not changed", run.status().message());
      return;
    }
    res.status = 303;
    res.set_header("Location", local_path(req.get_param_value("return")));
  }

  void routes() {
    server.set_default_headers(security_headers());
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (!host_allowed(req.get_header_value("Host"))) {
        error_page(res, 403, "Refused", "This dashboard answers only to " + origin() + ".");
        return httplib::Server::HandlerResponse::Handled;
      }
      // The link `kith dashboard` prints: the token becomes a cookie this
      // origin alone sends, and leaves the address bar.
      if (req.method == "GET" && req.has_param("token")) {
        if (!same_token(req.get_param_value("token"), settings.token)) {
          error_page(res, 403, "Refused", "That token is not this dashboard's. Run `kith dashboard` for the link.");
          return httplib::Server::HandlerResponse::Handled;
        }
        res.set_header("Set-Cookie", std::string(kCookie) + "=" + settings.token +
                                         "; HttpOnly; SameSite=Strict; Path=/");
        res.status = 303;
        res.set_header("Location", local_path(req.path));
        return httplib::Server::HandlerResponse::Handled;
      }
      if (!has_token(req)) {
        error_page(res, 403, "Refused", "This dashboard needs its token: open the link `kith dashboard` prints.");
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.method == "POST") {
        if (!same_origin(req)) {
          error_page(res, 403, "Refused", "A change must come from this dashboard's own pages.");
          return httplib::Server::HandlerResponse::Handled;
        }
      } else if (req.method != "GET" && req.method != "HEAD") {
        error_page(res, 405, "Not allowed", "Only GET and POST.");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      log.log(LogLevel::Debug, "dashboard: " + req.method + " " + req.path + " " + std::to_string(res.status));
    });
    server.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
      if (res.body.empty()) error_page(res, res.status, "Not found", "No such page.");
    });

    server.Get("/assets/kith.css", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(dashboard_stylesheet(), "text/css; charset=utf-8");
    });
    server.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
      // One `kith` works out the five lists from one read of the store,
      // printing the rows shown (all of them for the list asked for whole).
      const std::string expanded = req.get_param_value("all");
      const std::string limit = expanded.empty() ? std::to_string(pages::kWeekRowsShown) : "0";
      page(res, "This week", "week", {{"week", "--limit", limit}}, [this, expanded](const std::vector<json>& d) {
        return pages::week(d[0], settings.token, expanded);
      });
    });
    server.Get(R"(/person/(\d{1,18}))", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string id = req.matches[1];
      const auto now = settings.as_of ? *settings.as_of : static_cast<UnixSeconds>(std::time(nullptr));
      const bool every = req.get_param_value("all") == "interactions";
      // The history's months counted by `kith`, and only the rows shown.
      std::vector<std::string> history{"history", "--months", std::to_string(pages::kTimelineMonths)};
      if (!every) history.insert(history.end(), {"--limit", std::to_string(pages::kPersonInteractionsShown)});
      history.insert(history.end(), {"--", id});
      page(res, "", "", {{"show", "--", id}, {"explain", "--", id}, history},
           [this, now, every](const std::vector<json>& d) {
             return pages::person(d[0], d[1], d[2], now, settings.token, every);
           });
    });
    server.Get("/network", [this](const httplib::Request&, httplib::Response& res) {
      // One `kith` reads the history once for the four groupings.
      page(res, "Network", "network", {{"network", "--by", "org,domain,source,tag"}}, [](const std::vector<json>& d) {
        const json& views = d[0];
        if (!views.is_array() || views.size() != 4) return std::string("<p class=\"error\">kith network printed no four views.</p>");
        return pages::network(views[0], views[1], views[2], views[3]);
      });
    });
    server.Get("/events", [this](const httplib::Request&, httplib::Response& res) {
      page(res, "Events", "events", {{"events"}}, [](const std::vector<json>& d) { return pages::events(d[0]); });
    });
    server.Get(R"(/event/([0-9a-zA-Z_-]{1,64}))", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string id = req.matches[1];
      auto docs = query({{"event", "--", id}});
      if (!docs) {
        error_page(res, docs.status().kind() == ErrorKind::Item ? 404 : 500, "Not found", docs.status().message());
        return;
      }
      res.set_content(html::page({(*docs)[0].value("title", std::string("Event")), "events"},
                                 pages::event((*docs)[0], settings.token)),
                      "text/html; charset=utf-8");
    });
    server.Get("/status", [this](const httplib::Request&, httplib::Response& res) {
      const json now = settings.daemon_now ? settings.daemon_now() : json::object();
      page(res, "Status", "status", {{"status"}},
           [&now](const std::vector<json>& d) { return pages::status(d[0], now); });
    });
    server.Get("/merge", [this](const httplib::Request&, httplib::Response& res) {
      page(res, "Possible duplicates", "week", {{"merge", "--suggest"}},
           [this](const std::vector<json>& d) { return pages::merge_suggestions(d[0], settings.token); });
    });

    // The JSON the pages are made from, as `kith … --json` prints it.
    server.Get(R"(/api/(week|due|awaiting|drift|followups|milestones|events|status|network))",
               [this](const httplib::Request& req, httplib::Response& res) {
                 std::vector<std::string> command{req.matches[1]};
                 if (command[0] == "network" && req.has_param("by")) {
                   command.push_back("--by");
                   command.push_back(req.get_param_value("by"));
                 }
                 if (command[0] == "milestones") command.insert(command.end(), {"--within", "14d", "--past", "0d"});
                 if (command[0] == "week" && req.has_param("limit")) {
                   const std::string limit = req.get_param_value("limit");
                   if (!all_digits(limit)) return error_page(res, 400, "Bad request", "limit is a number of rows.");
                   command.insert(command.end(), {"--limit", limit});
                 }
                 json_answer(res, command);
               });
    server.Get(R"(/api/(show|explain|history)/(\d{1,18}))", [this](const httplib::Request& req, httplib::Response& res) {
      json_answer(res, {req.matches[1], "--", req.matches[2]});
    });

    // Changes: each the `kith` command a user would type.
    post("/action/snooze", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string person = req.get_param_value("person");
      if (!all_digits(person)) return error_page(res, 400, "Not changed", "No person given.");
      change(req, res, {"snooze", "--", person, req.get_param_value("duration")});
    });
    post("/action/tag", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string person = req.get_param_value("person");
      const std::string op = req.get_param_value("op");
      if (!all_digits(person) || (op != "add" && op != "remove"))
        return error_page(res, 400, "Not changed", "Give a person and add or remove.");
      change(req, res, {op == "add" ? "tag" : "untag", "--", person, req.get_param_value("tag")});
    });
    post("/action/cadence", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string person = req.get_param_value("person");
      if (!all_digits(person)) return error_page(res, 400, "Not changed", "No person given.");
      change(req, res, {"cadence", "--", person, req.get_param_value("cadence")});
    });
    post("/action/merge", [this](const httplib::Request& req, httplib::Response& res) {
      std::vector<std::string> command{"merge", "--"};
      const std::string people = req.get_param_value("people");
      std::size_t at = 0;
      while (at <= people.size()) {
        auto end = people.find(',', at);
        if (end == std::string::npos) end = people.size();
        const std::string id = people.substr(at, end - at);
        if (!all_digits(id)) return error_page(res, 400, "Not changed", "Name the people to merge by their ids.");
        command.push_back(id);
        at = end + 1;
      }
      if (command.size() < 4) return error_page(res, 400, "Not changed", "Merging takes two people or more.");
      change(req, res, command);
    });
    post("/action/met-at", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string person = req.get_param_value("person");
      const std::string decision = req.get_param_value("decision");
      if (!all_digits(person) || (decision != "confirm" && decision != "reject"))
        return error_page(res, 400, "Not changed", "Give an event, a person, and confirm or reject.");
      change(req, res, {"event", decision, "--", req.get_param_value("event"), person});
    });
  }

  // A change's handler, run only when the form (or an X-Kith-Token header)
  // carries the token: the body is read after the pre-routing checks.
  void post(const std::string& path, httplib::Server::Handler handler) {
    server.Post(path, [this, handler](const httplib::Request& req, httplib::Response& res) {
      if (!same_token(req.get_param_value("token"), settings.token) &&
          !same_token(req.get_header_value("X-Kith-Token"), settings.token))
        return error_page(res, 403, "Refused", "A change must carry the dashboard's token.");
      handler(req, res);
    });
  }

  void json_answer(httplib::Response& res, const std::vector<std::string>& command) {
    KithProcess process(settings.kith, command);
    auto text = process.finish();
    if (!text) {
      res.status = text.status().kind() == ErrorKind::Item ? 404 : 500;
      json error = json::object();
      error["error"] = text.status().message();
      res.set_content(error.dump() + "\n", "application/json");
      return;
    }
    res.set_content(*text, "application/json");
  }
};

DashboardServer::DashboardServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

DashboardServer::~DashboardServer() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

Result<std::unique_ptr<DashboardServer>> DashboardServer::start(DashboardSettings settings, Logger& log) {
  auto address = parse_listen_address(settings.listen);
  if (!address) return address.status();
  if (!address->loopback && !settings.allow_remote)
    return Status::account("dashboard address '" + settings.listen +
                           "' is not a loopback address; set allow_remote = true in [dashboard] to serve it there");
  auto impl = std::make_unique<Impl>(std::move(settings), log);
  impl->address = *address;
  const std::size_t threads = std::max<std::size_t>(1, impl->settings.threads);
  const std::size_t waiting = impl->settings.max_waiting_requests;
  impl->server.new_task_queue = [threads, waiting] { return new BoundedTaskQueue(threads, waiting); };
  impl->server.set_payload_max_length(impl->settings.max_request_bytes);
  impl->server.set_read_timeout(10, 0);
  impl->server.set_write_timeout(30, 0);
  impl->server.set_keep_alive_max_count(100);
  impl->server.set_keep_alive_timeout(5);
  impl->routes();
  if (address->port == 0) {
    impl->port = impl->server.bind_to_any_port(address->host);
    if (impl->port <= 0) return Status::account("dashboard: cannot listen on " + impl->settings.listen);
  } else {
    if (!impl->server.bind_to_port(address->host, address->port))
      return Status::account("dashboard: cannot listen on " + impl->settings.listen + " (in use?)");
    impl->port = address->port;
  }
  if (!address->loopback)
    log.log(LogLevel::Warn, "dashboard: serving on " + impl->origin() +
                                ", outside this machine's loopback: anyone who can reach it and has the token sees your "
                                "history (plain HTTP)");
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->server.listen_after_bind(); });
  return std::unique_ptr<DashboardServer>(new DashboardServer(std::move(impl)));
}

std::string DashboardServer::link() const { return impl_->origin() + "/?token=" + impl_->settings.token; }
int DashboardServer::port() const { return impl_->port; }

}  // namespace kith::engine

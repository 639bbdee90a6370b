#include "servers/CalDavTestClient.h"

#include <curl/curl.h>
#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

#include "servers/TestProcess.h"

namespace kith::testing {
namespace {

constexpr const char* kXmlType = "application/xml; charset=utf-8";
constexpr const char* kCalendarType = "text/calendar; charset=utf-8";

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

struct Capture {
  HttpResponse* response;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<Capture*>(user)->response->body.append(data, size * count);
  return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* response = static_cast<Capture*>(user)->response;
  std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    response->headers.clear();  // a new response (after 100 Continue): keep only the last
    return size * count;
  }
  auto colon = line.find(':');
  if (colon != std::string::npos) response->headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  return size * count;
}

// "D:displayname" -> "<D:displayname/>"; namespaces declared on the root.
std::string prop_elements(const std::vector<std::string>& props) {
  std::string out;
  for (const auto& p : props) out += "<" + p + "/>";
  return out;
}

constexpr const char* kNamespaces =
    R"( xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/")";

// ---- XML reader ----

class XmlReader {
 public:
  explicit XmlReader(const std::string& s) : s_(s) {}

  kith::Result<XmlElement> document() {
    skip_misc();
    if (pos_ >= s_.size() || s_[pos_] != '<') return error("no root element");
    XmlElement root;
    std::map<std::string, std::string> scope;
    if (auto st = element(root, scope); !st) return st;
    skip_misc();
    if (pos_ != s_.size()) return error("content after the root element");
    return root;
  }

 private:
  kith::Status error(const std::string& what) const {
    return kith::Status::internal("XML: " + what + " at offset " + std::to_string(pos_));
  }

  bool starts(const char* lit) const { return s_.compare(pos_, std::char_traits<char>::length(lit), lit) == 0; }

  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }

  // Whitespace, <?…?>, <!--…-->, <!DOCTYPE …> between top-level items.
  void skip_misc() {
    for (;;) {
      skip_space();
      if (starts("<?")) {
        auto end = s_.find("?>", pos_);
        pos_ = end == std::string::npos ? s_.size() : end + 2;
      } else if (starts("<!--")) {
        auto end = s_.find("-->", pos_);
        pos_ = end == std::string::npos ? s_.size() : end + 3;
      } else if (starts("<!DOCTYPE") || starts("<!doctype")) {
        auto end = s_.find('>', pos_);
        pos_ = end == std::string::npos ? s_.size() : end + 1;
      } else {
        return;
      }
    }
  }

  std::string name() {
    std::size_t b = pos_;
    while (pos_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[pos_])) && s_[pos_] != '>' &&
           s_[pos_] != '/' && s_[pos_] != '=') {
      ++pos_;
    }
    return s_.substr(b, pos_ - b);
  }

  static std::string decode(const std::string& raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      auto semi = raw.find(';', i);
      if (semi == std::string::npos) {
        out += raw[i];
        continue;
      }
      std::string ent = raw.substr(i + 1, semi - i - 1);
      if (ent == "amp") out += '&';
      else if (ent == "lt") out += '<';
      else if (ent == "gt") out += '>';
      else if (ent == "quot") out += '"';
      else if (ent == "apos") out += '\'';
      else if (!ent.empty() && ent[0] == '#') {
        unsigned long cp = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X') ? std::strtoul(ent.c_str() + 2, nullptr, 16)
                                                                              : std::strtoul(ent.c_str() + 1, nullptr, 10);
        // UTF-8
        if (cp < 0x80) {
          out += static_cast<char>(cp);
        } else if (cp < 0x800) {
          out += static_cast<char>(0xC0 | (cp >> 6));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
          out += static_cast<char>(0xE0 | (cp >> 12));
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          out += static_cast<char>(0xF0 | (cp >> 18));
          out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        }
      } else {
        out += raw.substr(i, semi - i + 1);  // unknown entity: keep as is
      }
      i = semi;
    }
    return out;
  }

  static std::string local_part(const std::string& qname) {
    auto colon = qname.find(':');
    return colon == std::string::npos ? qname : qname.substr(colon + 1);
  }

  static std::string prefix_part(const std::string& qname) {
    auto colon = qname.find(':');
    return colon == std::string::npos ? std::string() : qname.substr(0, colon);
  }

  // At '<' of a start tag.
  kith::Status element(XmlElement& out, std::map<std::string, std::string> scope) {
    if (++depth_ > 200) return error("nested too deep");
    ++pos_;
    const std::string qname = name();
    if (qname.empty()) return error("empty element name");
    std::vector<std::pair<std::string, std::string>> raw_attrs;
    bool self_closing = false;
    for (;;) {
      skip_space();
      if (pos_ >= s_.size()) return error("unterminated start tag <" + qname);
      if (s_[pos_] == '>') {
        ++pos_;
        break;
      }
      if (starts("/>")) {
        pos_ += 2;
        self_closing = true;
        break;
      }
      std::string attr = name();
      if (attr.empty()) return error("bad attribute in <" + qname);
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != '=') return error("attribute without value in <" + qname);
      ++pos_;
      skip_space();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) return error("unquoted attribute");
      char quote = s_[pos_++];
      auto end = s_.find(quote, pos_);
      if (end == std::string::npos) return error("unterminated attribute value");
      raw_attrs.emplace_back(attr, decode(s_.substr(pos_, end - pos_)));
      pos_ = end + 1;
    }
    for (const auto& [attr, value] : raw_attrs) {
      if (attr == "xmlns") scope[""] = value;
      else if (attr.rfind("xmlns:", 0) == 0) scope[attr.substr(6)] = value;
      else out.attributes[local_part(attr)] = value;
    }
    out.name = local_part(qname);
    auto ns = scope.find(prefix_part(qname));
    if (ns != scope.end()) out.ns = ns->second;
    if (self_closing) {
      --depth_;
      return {};
    }
    for (;;) {
      if (pos_ >= s_.size()) return error("unterminated element <" + qname + ">");
      if (starts("</")) {
        pos_ += 2;
        std::string closing = name();
        skip_space();
        if (pos_ >= s_.size() || s_[pos_] != '>') return error("bad end tag </" + closing);
        ++pos_;
        if (closing != qname) return error("</" + closing + "> closes <" + qname + ">");
        --depth_;
        return {};
      }
      if (starts("<!--")) {
        auto end = s_.find("-->", pos_);
        if (end == std::string::npos) return error("unterminated comment");
        pos_ = end + 3;
      } else if (starts("<![CDATA[")) {
        auto end = s_.find("]]>", pos_);
        if (end == std::string::npos) return error("unterminated CDATA");
        out.text += s_.substr(pos_ + 9, end - pos_ - 9);
        pos_ = end + 3;
      } else if (starts("<?")) {
        auto end = s_.find("?>", pos_);
        if (end == std::string::npos) return error("unterminated processing instruction");
        pos_ = end + 2;
      } else if (s_[pos_] == '<') {
        out.children.emplace_back();
        if (auto st = element(out.children.back(), scope); !st) return st;
      } else {
        auto next = s_.find('<', pos_);
        if (next == std::string::npos) next = s_.size();
        out.text += decode(s_.substr(pos_, next - pos_));
        pos_ = next;
      }
    }
  }

  const std::string& s_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

void collect(const XmlElement& e, const std::string& local_name, std::vector<const XmlElement*>& out) {
  for (const auto& c : e.children) {
    if (c.name == local_name) out.push_back(&c);
    collect(c, local_name, out);
  }
}

// "HTTP/1.1 404 Not Found" -> 404
int status_code(const std::string& line) {
  std::istringstream in(trim(line));
  std::string version;
  int code = 0;
  in >> version >> code;
  return code;
}

std::string url_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------
// HttpResponse

std::string HttpResponse::header(const std::string& name) const {
  const std::string want = lower(name);
  for (const auto& [k, v] : headers) {
    if (lower(k) == want) return v;
  }
  return {};
}

std::string HttpResponse::describe() const {
  std::string text = "HTTP " + std::to_string(status);
  if (!body.empty()) text += ": " + trim(body.substr(0, 300));
  return text;
}

// ---------------------------------------------------------------------------
// CalDavTestClient

CalDavTestClient::CalDavTestClient(std::string user, std::string password)
    : user_(std::move(user)), password_(std::move(password)), auth_(true) {}

kith::Result<HttpResponse> CalDavTestClient::send(const HttpRequest& request) const {
  global_init();
  // Declared before the handle: curl may write into it until cleanup.
  char error[CURL_ERROR_SIZE] = {0};
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return kith::Status::internal("curl_easy_init failed");
  CURL* h = curl.get();
  HttpResponse response;
  Capture capture{&response};

  curl_slist* list = nullptr;
  // No "Expect: 100-continue" round trip: Radicale's WSGI server speaks HTTP/1.0.
  list = curl_slist_append(list, "Expect:");
  // libcurl would add its own form Content-Type to a body without one.
  list = curl_slist_append(list, request.content_type.empty() ? "Content-Type:"
                                                              : ("Content-Type: " + request.content_type).c_str());
  for (const auto& line : request.headers) list = curl_slist_append(list, line.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(list, &curl_slist_free_all);

  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method == "HEAD") curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  if (!request.body.empty() || request.send_empty_body) {
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    // POSTFIELDS turns the request into a POST; CUSTOMREQUEST (set above) renames it.
  }
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  if (auth_) {
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(h, CURLOPT_USERNAME, user_.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, password_.c_str());
  }
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  // Test servers listen on 127.0.0.1 only: "localhost" must not go to ::1.
  curl_easy_setopt(h, CURLOPT_IPRESOLVE, static_cast<long>(CURL_IPRESOLVE_V4));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &capture);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &capture);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    std::string msg = request.method + " " + request.url + ": " + curl_easy_strerror(rc);
    if (error[0] != '\0') msg += std::string(": ") + error;
    return kith::Status::transient(msg);
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

kith::Result<HttpResponse> CalDavTestClient::options(const std::string& url) const {
  return send({"OPTIONS", url, "", "", {}, false});
}

kith::Result<HttpResponse> CalDavTestClient::get(const std::string& url) const {
  return send({"GET", url, "", "", {}, false});
}

kith::Result<HttpResponse> CalDavTestClient::mkcalendar(const std::string& url, const std::string& displayname,
                                                        const std::vector<std::string>& components) const {
  std::string body = std::string("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<C:mkcalendar") + kNamespaces +
                     "><D:set><D:prop><D:displayname>" + xml_escape(displayname) + "</D:displayname>";
  if (!components.empty()) {
    body += "<C:supported-calendar-component-set>";
    for (const auto& c : components) body += "<C:comp name=\"" + xml_escape(c) + "\"/>";
    body += "</C:supported-calendar-component-set>";
  }
  body += "</D:prop></D:set></C:mkcalendar>\n";
  return send({"MKCALENDAR", url, body, kXmlType, {}, false});
}

kith::Result<HttpResponse> CalDavTestClient::mkcol_addressbook(const std::string& url,
                                                               const std::string& displayname) const {
  const std::string body =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:mkcol xmlns:D=\"DAV:\" "
      "xmlns:CARD=\"urn:ietf:params:xml:ns:carddav\"><D:set><D:prop><D:resourcetype><D:collection/>"
      "<CARD:addressbook/></D:resourcetype><D:displayname>" +
      xml_escape(displayname) + "</D:displayname></D:prop></D:set></D:mkcol>\n";
  return send({"MKCOL", url, body, kXmlType, {}, false});
}

kith::Result<HttpResponse> CalDavTestClient::put_vcard(const std::string& url, const std::string& vcard,
                                                       const std::string& if_match) const {
  HttpRequest req{"PUT", url, vcard, "text/vcard; charset=utf-8", {}, true};
  if (!if_match.empty()) req.headers.push_back("If-Match: " + if_match);
  return send(req);
}

kith::Result<HttpResponse> CalDavTestClient::put(const std::string& url, const std::string& ics,
                                                 const std::string& if_match, bool create_only) const {
  HttpRequest req{"PUT", url, ics, kCalendarType, {}, true};
  if (!if_match.empty()) req.headers.push_back("If-Match: " + if_match);
  if (create_only) req.headers.push_back("If-None-Match: *");
  return send(req);
}

kith::Result<HttpResponse> CalDavTestClient::remove(const std::string& url, const std::string& if_match) const {
  HttpRequest req{"DELETE", url, "", "", {}, false};
  if (!if_match.empty()) req.headers.push_back("If-Match: " + if_match);
  return send(req);
}

kith::Result<HttpResponse> CalDavTestClient::propfind(const std::string& url, const std::string& depth,
                                                      const std::string& body) const {
  std::string xml = body.empty()
                        ? "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:propfind xmlns:D=\"DAV:\"><D:allprop/></D:propfind>\n"
                        : body;
  return send({"PROPFIND", url, xml, kXmlType, {"Depth: " + depth}, false});
}

kith::Result<HttpResponse> CalDavTestClient::propfind_props(const std::string& url, const std::string& depth,
                                                            const std::vector<std::string>& props) const {
  return propfind(url, depth,
                  std::string("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:propfind") + kNamespaces + "><D:prop>" +
                      prop_elements(props) + "</D:prop></D:propfind>\n");
}

kith::Result<HttpResponse> CalDavTestClient::report(const std::string& url, const std::string& depth,
                                                    const std::string& body) const {
  return send({"REPORT", url, body, kXmlType, {"Depth: " + depth}, false});
}

kith::Result<HttpResponse> CalDavTestClient::sync_collection(const std::string& url, const std::string& token) const {
  return report(url, "0",
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:sync-collection xmlns:D=\"DAV:\"><D:sync-token>" +
                    xml_escape(token) + "</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop>"
                                        "</D:sync-collection>\n");
}

// ---------------------------------------------------------------------------
// XML

const XmlElement* XmlElement::child(const std::string& local_name) const {
  for (const auto& c : children) {
    if (c.name == local_name) return &c;
  }
  return nullptr;
}

std::vector<const XmlElement*> XmlElement::find_all(const std::string& local_name) const {
  std::vector<const XmlElement*> out;
  collect(*this, local_name, out);
  return out;
}

std::string XmlElement::find_text(const std::string& local_name) const {
  auto all = find_all(local_name);
  return all.empty() ? std::string() : trim(all.front()->text);
}

kith::Result<XmlElement> parse_xml(const std::string& xml) { return XmlReader(xml).document(); }

std::string DavResponse::prop_text(const std::string& local_name) const {
  auto it = found.find(local_name);
  return it == found.end() ? std::string() : trim(it->second.text);
}

const DavResponse* Multistatus::find(const std::string& href) const {
  for (const auto& r : responses) {
    if (r.href == href) return &r;
  }
  for (const auto& r : responses) {
    const std::string decoded = url_decode(r.href);
    if (decoded.size() >= href.size() && decoded.compare(decoded.size() - href.size(), href.size(), href) == 0) {
      return &r;
    }
  }
  return nullptr;
}

kith::Result<Multistatus> parse_multistatus(const std::string& xml) {
  auto root = parse_xml(xml);
  if (!root) return root.status();
  if (root->name != "multistatus") return kith::Status::internal("XML: root is <" + root->name + ">, not multistatus");
  Multistatus ms;
  if (const XmlElement* token = root->child("sync-token")) ms.sync_token = trim(token->text);
  for (const auto& r : root->children) {
    if (r.name != "response") continue;
    DavResponse out;
    if (const XmlElement* href = r.child("href")) out.href = trim(href->text);
    if (const XmlElement* status = r.child("status")) out.status = status_code(status->text);
    for (const auto& ps : r.children) {
      if (ps.name != "propstat") continue;
      const XmlElement* status = ps.child("status");
      const XmlElement* prop = ps.child("prop");
      if (!status || !prop) continue;
      const int code = status_code(status->text);
      for (const auto& p : prop->children) {
        if (code >= 200 && code < 300) out.found[p.name] = p;
        else if (code == 404) out.not_found.push_back(p.name);
      }
    }
    ms.responses.push_back(std::move(out));
  }
  return ms;
}

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Port ownership

bool loopback_port_owned_by_group(int port, pid_t pgid) {
  // Inodes of IPv4 sockets listening (state 0A) on 127.0.0.1:port or *:port.
  std::set<std::string> inodes;
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  std::getline(tcp, line);  // header
  char want_loopback[32], want_any[32];
  std::snprintf(want_loopback, sizeof want_loopback, "0100007F:%04X", static_cast<unsigned>(port));
  std::snprintf(want_any, sizeof want_any, "00000000:%04X", static_cast<unsigned>(port));
  while (std::getline(tcp, line)) {
    std::istringstream in(line);
    std::string sl, local, remote, state, queues, timer, retr, uid, timeout, inode;
    if (!(in >> sl >> local >> remote >> state >> queues >> timer >> retr >> uid >> timeout >> inode)) continue;
    if (state != "0A") continue;
    if (local == want_loopback || local == want_any) inodes.insert("socket:[" + inode + "]");
  }
  if (inodes.empty()) return false;
  for (pid_t pid : live_processes_in_group(pgid)) {
    const std::string fd_dir = "/proc/" + std::to_string(pid) + "/fd";
    DIR* dir = ::opendir(fd_dir.c_str());
    if (!dir) continue;
    bool found = false;
    while (dirent* e = ::readdir(dir)) {
      if (e->d_name[0] == '.') continue;
      char target[128];
      ssize_t n = ::readlink((fd_dir + "/" + e->d_name).c_str(), target, sizeof target - 1);
      if (n <= 0) continue;
      target[n] = '\0';
      if (inodes.count(target)) {
        found = true;
        break;
      }
    }
    ::closedir(dir);
    if (found) return true;
  }
  return false;
}

}  // namespace kith::testing

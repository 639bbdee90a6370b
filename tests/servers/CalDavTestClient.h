// A small, independent CalDAV/WebDAV client for tests (libcurl), plus a
// lenient XML reader for the multistatus answers, and the readiness probe the
// CalDAV server harnesses (RadicaleServer, XandikosServer) share.
//
//   CalDavTestClient dav("alex", "secret");
//   auto made = dav.mkcalendar(server->calendar_url("alex", "work"), "Work");
//   auto put = dav.put(server->calendar_url("alex", "work") + "lunch.ics", ics);
//   // put->status == 201, put->etag() == "\"…\""
//   auto sync = dav.sync_collection(server->calendar_url("alex", "work"), "");
//   auto ms = parse_multistatus(sync->body);   // ms->sync_token, ms->responses
//
// Requests go to what the URL says, but proxies are never used and names
// resolve to IPv4 only ("localhost" is 127.0.0.1). Redirects are not followed
// (tests look at them). XML bodies are sent as
// `Content-Type: application/xml; charset=utf-8` (Xandikos rejects anything
// else with 415), calendar data as `text/calendar; charset=utf-8`.
//
// Nothing throws. A Result error means "no HTTP answer at all" (connection
// refused, timeout); every HTTP answer, 4xx and 5xx included, is a value
// whose status the test checks.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kith/Status.h"

namespace kith::testing {

struct HttpResponse {
  long status = 0;                                            // 207, 401, ...
  std::vector<std::pair<std::string, std::string>> headers;  // as received (the last response's)
  std::string body;

  // First header with this name (case-insensitive), without surrounding
  // blanks; "" when absent.
  std::string header(const std::string& name) const;
  std::string etag() const { return header("ETag"); }        // with its quotes: "\"abc\""
  std::string location() const { return header("Location"); }
  bool success() const { return status >= 200 && status < 300; }
  // "PUT http://…: HTTP 412: <first 300 bytes of the body>" style text for messages.
  std::string describe() const;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::string body;                  // sent when non-empty (or when send_empty_body)
  std::string content_type;          // Content-Type header; empty: none
  std::vector<std::string> headers;  // extra "Name: value" lines
  bool send_empty_body = false;      // send a zero-length body (Content-Length: 0)
};

class CalDavTestClient {
 public:
  // Without credentials: no Authorization header (Xandikos has no auth).
  CalDavTestClient() = default;
  // HTTP Basic authentication on every request.
  CalDavTestClient(std::string user, std::string password);

  void set_timeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }
  const std::string& user() const { return user_; }

  // Any request. Everything else below is a shortcut for this.
  kith::Result<HttpResponse> send(const HttpRequest& request) const;

  kith::Result<HttpResponse> options(const std::string& url) const;
  kith::Result<HttpResponse> get(const std::string& url) const;
  // MKCALENDAR (RFC 4791 5.3.1) with DAV:displayname and, when `components`
  // is non-empty, C:supported-calendar-component-set (default: VEVENT only).
  kith::Result<HttpResponse> mkcalendar(const std::string& url, const std::string& displayname,
                                        const std::vector<std::string>& components = {"VEVENT"}) const;
  // Extended MKCOL (RFC 5689) of a CardDAV address book (RFC 6352 6.3.1):
  // resourcetype DAV:collection + CARD:addressbook, and DAV:displayname.
  kith::Result<HttpResponse> mkcol_addressbook(const std::string& url, const std::string& displayname) const;
  // PUT of one vCard (text/vcard), optionally conditional as put().
  kith::Result<HttpResponse> put_vcard(const std::string& url, const std::string& vcard,
                                       const std::string& if_match = "") const;
  // PUT of iCalendar data. `if_match` (an ETag with its quotes) makes it
  // conditional; `create_only` sends If-None-Match: *.
  kith::Result<HttpResponse> put(const std::string& url, const std::string& ics, const std::string& if_match = "",
                                 bool create_only = false) const;
  // DELETE, optionally with If-Match.
  kith::Result<HttpResponse> remove(const std::string& url, const std::string& if_match = "") const;
  // PROPFIND with a Depth header ("0", "1"; "infinity" is refused by both
  // servers) and an XML body; an empty body asks for <D:allprop/>.
  kith::Result<HttpResponse> propfind(const std::string& url, const std::string& depth,
                                      const std::string& body = "") const;
  // PROPFIND for named properties, e.g. {"D:displayname", "CS:getctag",
  // "C:calendar-home-set"}. Prefixes: D = DAV:, C = CalDAV, CS = calendarserver.org.
  kith::Result<HttpResponse> propfind_props(const std::string& url, const std::string& depth,
                                            const std::vector<std::string>& props) const;
  // REPORT with a Depth header and an XML body.
  kith::Result<HttpResponse> report(const std::string& url, const std::string& depth,
                                    const std::string& body) const;
  // RFC 6578 sync-collection REPORT (Depth: 0 as the RFC says, sync-level 1;
  // Radicale and Xandikos ignore Depth here) asking for DAV:getetag; `token`
  // "" is the initial sync.
  kith::Result<HttpResponse> sync_collection(const std::string& url, const std::string& token) const;

 private:
  std::string user_, password_;
  bool auth_ = false;
  std::chrono::milliseconds timeout_ = std::chrono::seconds(30);
};

// ---------------------------------------------------------------------------
// Reading WebDAV XML in tests. Lenient on purpose: element names are matched
// by local name (namespace prefixes such as Xandikos' `ns0:` are dropped),
// the five predefined entities and numeric character references are decoded,
// comments, processing instructions, DOCTYPE and CDATA are handled; no
// validation. Good for server answers, not a general XML parser.

struct XmlElement {
  std::string name;                                 // local name: "response", "getetag"
  std::string ns;                                   // namespace URI if declared, else ""
  std::map<std::string, std::string> attributes;    // by local name
  std::string text;                                 // character data directly inside, concatenated
  std::vector<XmlElement> children;

  // First direct child with this local name, nullptr if none.
  const XmlElement* child(const std::string& local_name) const;
  // Every descendant (any depth, document order) with this local name.
  std::vector<const XmlElement*> find_all(const std::string& local_name) const;
  // Text of the first descendant with this local name, trimmed; "" if none.
  std::string find_text(const std::string& local_name) const;
};

kith::Result<XmlElement> parse_xml(const std::string& xml);

// One <D:response> of a multistatus.
struct DavResponse {
  std::string href;    // as sent (Xandikos sends URL-encoded absolute URLs in some errors)
  int status = 0;      // the response's own <D:status> (a sync-collection removal: 404); 0 if only propstats
  std::map<std::string, XmlElement> found;         // properties of 200 propstats, by local name
  std::vector<std::string> not_found;              // local names of properties in 404 propstats
  std::string prop_text(const std::string& local_name) const;  // trimmed text of a found property
};

struct Multistatus {
  std::string sync_token;                  // top-level <D:sync-token>, "" if none
  std::vector<DavResponse> responses;
  const DavResponse* find(const std::string& href) const;  // by exact href, or by href ending in it
};

kith::Result<Multistatus> parse_multistatus(const std::string& xml);

// & < > " escaped, for building XML bodies.
std::string xml_escape(const std::string& text);

// ---------------------------------------------------------------------------
// For the CalDAV harnesses.

// True when a socket listening on 127.0.0.1:`port` (or 0.0.0.0:`port`)
// belongs to a live process of process group `pgid`: a server that answered
// on the port is then ours and not one that took the port first. Reads
// /proc/net/tcp and /proc/<pid>/fd.
bool loopback_port_owned_by_group(int port, pid_t pgid);

}  // namespace kith::testing

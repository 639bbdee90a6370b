#include "tasks/TaskAnswers.h"

#include <vector>

#include "dav/xml/DavError.h"
#include "dav/xml/Multistatus.h"
#include "dav/xml/StatusLine.h"

namespace kith::caldav {
namespace {

bool is_success(long status) { return status >= 200 && status < 300; }

// A body says little that fits a one-line message: a few condition names.
void append_conditions(std::string& text, const std::vector<dav::DavName>& names) {
  constexpr std::size_t kMost = 3;
  for (std::size_t i = 0; i < names.size() && i < kMost; ++i) {
    text += i == 0 ? " " : ", ";
    text += names[i].local.substr(0, 64);
  }
}

// The first failure a multistatus names, "" when it names none.
std::string first_failure(const dav::HttpResponse& response) {
  auto parsed = dav::parse_multistatus(response.body);
  if (!parsed) return "";
  for (const auto& r : parsed->responses) {
    if (r.status && *r.status >= 300) {
      std::string text = dav::describe_status(*r.status);
      append_conditions(text, r.errors);
      return text;
    }
    for (const auto& block : r.propstats)
      if (block.status >= 300) return dav::describe_status(block.status);
  }
  return "";
}

}  // namespace

std::string strong_etag(std::string_view header) {
  if (header.size() < 2 || header.front() != '"' || header.back() != '"') return "";
  for (std::size_t i = 1; i + 1 < header.size(); ++i) {
    const auto byte = static_cast<unsigned char>(header[i]);
    if (byte == '"' || byte < 0x21 || byte == 0x7f) return "";  // RFC 9110 etagc
  }
  return std::string(header);
}

std::string refusal_reason(const dav::HttpResponse& response) {
  std::string text = dav::describe_status(response.status);
  if (response.body.empty()) return text;
  if (response.status == 207) {
    if (const std::string failure = first_failure(response); !failure.empty()) text += ": " + failure;
    return text;
  }
  if (auto conditions = dav::parse_dav_error(response.body); conditions && !conditions->empty()) {
    text += ":";
    append_conditions(text, *conditions);
  }
  return text;
}

Status write_failed(std::string_view method, std::string_view name, const dav::HttpResponse& response) {
  const std::string message =
      std::string(method) + " of " + std::string(name) + " answered " + refusal_reason(response);
  const long status = response.status;
  if (status == 401) return Status::account(message + " (login refused)");
  if (status == 408 || status == 429 || status >= 500) return Status::transient(message);
  return Status::item(message);
}

Result<TaskWrite> put_outcome(const dav::HttpResponse& response, bool create, std::string_view name,
                              std::string& etag) {
  etag.clear();
  const long status = response.status;
  if (status == 412) return TaskWrite::Conflict;
  if ((status == 404 || status == 410) && !create) return TaskWrite::Missing;
  if (!is_success(status) || status == 207) return write_failed("PUT", name, response);
  etag = strong_etag(response.etag);
  return TaskWrite::Written;
}

Result<TaskWrite> remove_outcome(const dav::HttpResponse& response, std::string_view name) {
  const long status = response.status;
  if (status == 412) return TaskWrite::Conflict;
  if (status == 404 || status == 410) return TaskWrite::Missing;
  if (!is_success(status)) return write_failed("DELETE", name, response);
  if (status == 207 && !first_failure(response).empty()) return write_failed("DELETE", name, response);
  return TaskWrite::Written;
}

}  // namespace kith::caldav

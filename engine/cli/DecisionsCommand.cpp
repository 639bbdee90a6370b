// `kith decisions export` and `kith decisions import`: the user's decisions
// about people (merges, splits, names, tags, cadences, snoozes, ignores)
// as one JSON document, by handle, so that a store made again from
// scratch, or on another machine, gets the same people.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/Commands.h"
#include "cli/Output.h"
#include "extract/HandleValue.h"
#include "store/IgnoreSet.h"
#include "util/PrivateFile.h"
#include "util/Time.h"

namespace kith::engine {

namespace {

constexpr const char* kFormat = "kith-decisions/1";
// A decisions file is the user's own, but read whole: a bound all the same.
constexpr std::uintmax_t kMaxFileBytes = 64 << 20;
// Longer than any cadence or snooze anyone means (100 years).
constexpr long kMaxDays = 36'500;

nlohmann::json to_json(const Decisions& d) {
  nlohmann::json people = nlohmann::json::array();
  for (const auto& p : d.people) {
    nlohmann::json handles = nlohmann::json::array();
    for (const auto& [kind, value] : p.handles) handles.push_back({{"kind", kind}, {"value", value}});
    people.push_back({{"handles", handles},
                      {"name", p.name ? nlohmann::json(*p.name) : nlohmann::json(nullptr)},
                      {"cadence_days", p.cadence_days ? nlohmann::json(*p.cadence_days) : nlohmann::json(nullptr)},
                      {"snoozed_until", p.snoozed_until ? nlohmann::json(format_rfc3339(*p.snoozed_until))
                                                        : nlohmann::json(nullptr)},
                      {"tags", p.tags}});
  }
  return {{"format", kFormat}, {"people", people}, {"tag_cadences", d.tag_cadences}, {"ignores", d.ignores}};
}

// The document, checked: every error names where in the file it is.
Result<Decisions> from_json(const nlohmann::json& doc) {
  auto bad = [](const std::string& where, const std::string& what) { return Status::account(where + ": " + what); };
  if (!doc.is_object()) return bad("the document", "must be a JSON object");
  if (!doc.contains("format") || doc["format"] != kFormat)
    return bad("format", std::string("must be \"") + kFormat + "\" (a file `kith decisions export` wrote)");
  for (const auto& [key, value] : doc.items())
    if (key != "format" && key != "people" && key != "tag_cadences" && key != "ignores")
      return bad(key, "is not a member of a decisions file");
  auto days = [&](const nlohmann::json& v, const std::string& where) -> Result<std::optional<int>> {
    if (v.is_null()) return std::optional<int>();
    if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > kMaxDays)
      return bad(where, "must be a whole number of days from 0 to " + std::to_string(kMaxDays) + ", or null");
    return std::optional<int>(v.get<int>());
  };
  Decisions out;
  const nlohmann::json people = doc.value("people", nlohmann::json::array());
  if (!people.is_array()) return bad("people", "must be an array");
  for (std::size_t i = 0; i < people.size(); ++i) {
    const std::string at = "people[" + std::to_string(i) + "]";
    const auto& p = people[i];
    if (!p.is_object()) return bad(at, "must be an object");
    for (const auto& [key, value] : p.items())
      if (key != "handles" && key != "name" && key != "cadence_days" && key != "snoozed_until" && key != "tags")
        return bad(at + "." + key, "is not a member of a person");
    PersonDecision d;
    const auto handles = p.value("handles", nlohmann::json());
    if (!handles.is_array() || handles.empty()) return bad(at + ".handles", "must list at least one handle");
    for (std::size_t h = 0; h < handles.size(); ++h) {
      const std::string where = at + ".handles[" + std::to_string(h) + "]";
      const auto& handle = handles[h];
      if (!handle.is_object() || !handle.contains("kind") || !handle.contains("value") || !handle["kind"].is_string() ||
          !handle["value"].is_string())
        return bad(where, "must be {\"kind\": ..., \"value\": ...}");
      const std::string kind = handle["kind"];
      HandleKind k;
      if (kind == "email") k = HandleKind::Email;
      else if (kind == "uri") k = HandleKind::Uri;
      else if (kind == "phone") k = HandleKind::Phone;
      else return bad(where + ".kind", "must be email, uri or phone, not '" + kind + "'");
      const std::string value = normalized_handle(k, handle["value"].get<std::string>());
      if (value.empty()) return bad(where + ".value", "is not a usable " + kind);
      d.handles.emplace_back(kind, value);
    }
    if (p.contains("name") && !p["name"].is_null()) {
      if (!p["name"].is_string() || p["name"].get<std::string>().empty())
        return bad(at + ".name", "must be a non-empty string or null");
      d.name = p["name"].get<std::string>();
    }
    if (p.contains("cadence_days")) {
      auto cadence = days(p["cadence_days"], at + ".cadence_days");
      if (!cadence) return cadence.status();
      d.cadence_days = *cadence;
    }
    if (p.contains("snoozed_until") && !p["snoozed_until"].is_null()) {
      const auto& until = p["snoozed_until"];
      auto t = until.is_string() ? parse_rfc3339(until.get<std::string>()) : std::nullopt;
      if (!t) return bad(at + ".snoozed_until", "must be a time as YYYY-MM-DDTHH:MM:SSZ, or null");
      d.snoozed_until = *t;
    }
    const auto tags = p.value("tags", nlohmann::json::array());
    if (!tags.is_array()) return bad(at + ".tags", "must be an array of tags");
    for (const auto& tag : tags) {
      if (!tag.is_string() || tag.get<std::string>().empty()) return bad(at + ".tags", "must hold non-empty strings");
      d.tags.push_back(tag);
    }
    out.people.push_back(std::move(d));
  }
  const nlohmann::json cadences = doc.value("tag_cadences", nlohmann::json::object());
  if (!cadences.is_object()) return bad("tag_cadences", "must be an object of tag: days");
  for (const auto& [tag, value] : cadences.items()) {
    auto cadence = days(value, "tag_cadences." + tag);
    if (!cadence) return cadence.status();
    if (!*cadence || tag.empty()) return bad("tag_cadences." + tag, "must be a whole number of days");
    out.tag_cadences[tag] = **cadence;
  }
  const nlohmann::json ignores = doc.value("ignores", nlohmann::json::array());
  if (!ignores.is_array()) return bad("ignores", "must be an array");
  for (std::size_t i = 0; i < ignores.size(); ++i) {
    const std::string where = "ignores[" + std::to_string(i) + "]";
    if (!ignores[i].is_string()) return bad(where, "must be a handle or an @domain");
    const std::string entry = ignore_entry_from_text(ignores[i].get<std::string>());
    if (entry.empty()) return bad(where, "'" + ignores[i].get<std::string>() + "' is neither a handle nor an @domain");
    out.ignores.push_back(entry);
  }
  return out;
}

Result<nlohmann::json> read_document(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::account("decisions file '" + path + "': " + ec.message());
  if (size > kMaxFileBytes)
    return Status::account("decisions file '" + path + "': larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::account("decisions file '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  auto doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) return Status::account("decisions file '" + path + "': not valid JSON");
  return doc;
}

Status write_file(const std::string& path, const std::string& text) {
  auto fd = open_private_file(path, "decisions file");
  if (!fd) return fd.status();
  Status result;
  if (::ftruncate(*fd, 0) != 0) result = Status::account("decisions file '" + path + "': " + std::strerror(errno));
  for (std::size_t done = 0; result && done < text.size();) {
    const ssize_t n = ::write(*fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) result = Status::account("decisions file '" + path + "': " + std::strerror(errno));
    else done += static_cast<std::size_t>(n);
  }
  if (::close(*fd) != 0 && result) result = Status::account("decisions file '" + path + "': " + std::strerror(errno));
  return result;
}

}  // namespace

int run_decisions_export(Session& session, const std::string& output) {
  auto store = session.store();
  if (!store) return report_error(store.status());
  auto decisions = (*store)->decisions();
  if (!decisions) return report_error(decisions.status());
  const std::string text = to_json(*decisions).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (output.empty() || output == "-") {
    std::cout << text;
    return 0;
  }
  if (auto s = write_file(output, text); !s) return report_error(s);
  std::cerr << "wrote " << decisions->people.size() << " people's decisions to " << output << "\n";
  return 0;
}

int run_decisions_import(Session& session, const std::string& path) {
  auto doc = read_document(path);
  if (!doc) return report_error(doc.status());
  auto decisions = from_json(*doc);
  if (!decisions) return report_error(Status::account("decisions file '" + path + "': " + decisions.status().message()));
  auto store = session.store();
  if (!store) return report_error(store.status());
  if (auto s = (*store)->import_decisions(*decisions); !s) return report_error(s);
  if (session.options().json) {
    print_json({{"people", decisions->people.size()},
                {"tag_cadences", decisions->tag_cadences.size()},
                {"ignores", decisions->ignores.size()}});
    return 0;
  }
  std::cout << "imported the decisions about " << decisions->people.size() << " people, "
            << decisions->tag_cadences.size() << " tag cadences and " << decisions->ignores.size() << " ignores\n";
  return 0;
}

}  // namespace kith::engine

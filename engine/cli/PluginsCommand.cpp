#include <iostream>

#include "cli/Commands.h"
#include "cli/Output.h"

namespace kith::engine {
namespace {

const char* setting_type_name(SettingType type) {
  switch (type) {
    case SettingType::String: return "string";
    case SettingType::Integer: return "integer";
    case SettingType::Boolean: return "boolean";
    case SettingType::StringList: return "list";
    case SettingType::Path: return "path";
    case SettingType::Secret: return "secret";
  }
  return "?";
}

}  // namespace

int run_plugins(Session& session, bool verbose) {
  const auto dirs = session.plugin_search_path();
  const auto& plugins = session.plugins();

  if (session.options().json) {
    nlohmann::json out = {{"search_path", nlohmann::json::array()}, {"plugins", nlohmann::json::array()}};
    for (const auto& d : dirs) out["search_path"].push_back(d.string());
    for (const auto& entry : plugins.entries()) {
      nlohmann::json p = {{"path", entry.path.string()}, {"id", nullptr},      {"name", nullptr},
                           {"version", nullptr},           {"abi", nullptr}, {"settings", nlohmann::json::array()}};
      if (entry.library) {
        const auto& d = entry.library->descriptor();
        p["id"] = d.id;
        p["name"] = d.name ? d.name : "";
        p["version"] = d.version ? d.version : "";
        p["abi"] = std::to_string(d.abi_major) + "." + std::to_string(d.abi_minor);
        for (std::size_t i = 0; i < d.settings_count; ++i) {
          const SettingSpec& spec = d.settings[i];
          nlohmann::json setting = {{"key", spec.key},
                                    {"type", setting_type_name(spec.type)},
                                    {"help", spec.help ? spec.help : ""},
                                    {"default", spec.default_value ? nlohmann::json(spec.default_value) : nullptr},
                                    {"minimum", nullptr},
                                    {"maximum", nullptr}};
          if (spec.type == SettingType::Integer && spec.minimum != INT64_MIN) setting["minimum"] = spec.minimum;
          if (spec.type == SettingType::Integer && spec.maximum != INT64_MAX) setting["maximum"] = spec.maximum;
          p["settings"].push_back(std::move(setting));
        }
        p["error"] = nullptr;
      } else {
        p["error"] = entry.error;
      }
      out["plugins"].push_back(std::move(p));
    }
    print_json(out);
    return 0;
  }

  std::cout << "Plugin search path:\n";
  if (dirs.empty()) std::cout << "  (no plugin directory exists)\n";
  for (const auto& d : dirs) std::cout << "  " << d.string() << '\n';
  std::cout << '\n';
  if (plugins.entries().empty()) {
    std::cout << "No plugins found.\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {{"ID", "NAME", "VERSION", "ABI", "PATH"}};
  std::vector<std::string> errors;
  for (const auto& entry : plugins.entries()) {
    if (!entry.library) {
      rows.push_back({"-", "(not loaded)", "-", "-", entry.path.string()});
      errors.push_back(entry.error);
      continue;
    }
    const auto& d = entry.library->descriptor();
    rows.push_back({d.id, d.name ? d.name : "", d.version ? d.version : "",
                    std::to_string(d.abi_major) + "." + std::to_string(d.abi_minor), entry.path.string()});
    if (verbose)
      for (std::size_t i = 0; i < d.settings_count; ++i)
        rows.push_back({"", std::string("  ") + d.settings[i].key + " (" + setting_type_name(d.settings[i].type) + ")",
                        setting_help(d.settings[i]), "", ""});
  }
  print_table(rows);
  for (const auto& e : errors) std::cout << "error: " << e << '\n';
  return 0;
}

}  // namespace kith::engine

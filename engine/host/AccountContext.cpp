#include "host/AccountContext.h"

#include <algorithm>
#include <chrono>

#include "util/Strings.h"

namespace kith::engine {

template <typename T>
std::optional<T> ConfigAccountSettings::get(std::string_view key) const {
  auto it = account_.settings.find(std::string(key));
  if (it == account_.settings.end()) return std::nullopt;
  if (const auto* v = std::get_if<T>(&it->second.value)) return *v;
  return std::nullopt;
}

std::optional<std::string> ConfigAccountSettings::get_string(std::string_view key) const { return get<std::string>(key); }
std::optional<std::int64_t> ConfigAccountSettings::get_integer(std::string_view key) const { return get<std::int64_t>(key); }
std::optional<bool> ConfigAccountSettings::get_bool(std::string_view key) const { return get<bool>(key); }
std::optional<std::vector<std::string>> ConfigAccountSettings::get_string_list(std::string_view key) const {
  return get<std::vector<std::string>>(key);
}

std::vector<std::string> owner_addresses_for(const Config& config, const AccountConfig& account) {
  std::vector<std::string> owners = config.identity_addresses;
  if (const MemberConfig* member = config.find_member(account.owner))
    for (const auto& a : member->addresses)
      if (std::find(owners.begin(), owners.end(), a) == owners.end()) owners.push_back(a);
  if (auto username = account.string_setting("username"); username && username->find('@') != std::string::npos) {
    auto lowered = ascii_lower(trim(*username));
    if (std::find(owners.begin(), owners.end(), lowered) == owners.end()) owners.push_back(std::move(lowered));
  }
  return owners;
}

std::vector<std::string> owner_handles_for(const Config& config, const AccountConfig& account) {
  std::vector<std::string> handles = config.identity_handles;
  if (const MemberConfig* member = config.find_member(account.owner))
    for (const auto& h : member->handles)
      if (std::find(handles.begin(), handles.end(), h) == handles.end()) handles.push_back(h);
  if (auto url = account.string_setting("profile_url")) {
    std::string trimmed(trim(*url));
    if (!trimmed.empty() && std::find(handles.begin(), handles.end(), trimmed) == handles.end())
      handles.push_back(std::move(trimmed));
  }
  return handles;
}

AccountContext::AccountContext(const Config& config, const AccountConfig& account, Logger& logger,
                               const Cancellation& cancellation)
    : account_(account),
      settings_(account),
      owners_(owner_addresses_for(config, account)),
      logger_(logger, account.name),
      secrets_(account),
      cancellation_(cancellation) {}

std::int64_t AccountContext::now() const noexcept {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace kith::engine

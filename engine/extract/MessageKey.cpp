#include "extract/MessageKey.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "util/Strings.h"

namespace kith::engine {
namespace {

// FNV-1a: a stable, dependency-free fingerprint. Two independent 64-bit
// passes give 128 bits, ample for telling messages apart in one history.
std::uint64_t fnv1a(const std::string& data, std::uint64_t basis) {
  std::uint64_t h = basis;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

void append_addresses(std::string& out, const char* label, const std::vector<Mailbox>& boxes) {
  std::vector<std::string> addresses;
  for (const auto& box : boxes) addresses.push_back(ascii_lower(trim(box.address)));
  std::sort(addresses.begin(), addresses.end());
  out += label;
  for (const auto& a : addresses) {
    out += a;
    out += ',';
  }
  out += '\n';
}

}  // namespace

std::string message_key(const MessageHeaders& message) {
  const auto id = trim(message.message_id);
  if (!id.empty()) return "mid:" + std::string(id);
  std::string canonical = "date:" + (message.date ? std::to_string(*message.date) : std::string("none")) + "\n";
  append_addresses(canonical, "from:", message.from);
  append_addresses(canonical, "to:", message.to);
  append_addresses(canonical, "cc:", message.cc);
  char hex[40];
  std::snprintf(hex, sizeof hex, "%016llx%016llx",
                static_cast<unsigned long long>(fnv1a(canonical, 0xcbf29ce484222325ULL)),
                static_cast<unsigned long long>(fnv1a(canonical, 0x84222325cbf29ce4ULL)));
  return std::string("hash:") + hex;
}

}  // namespace kith::engine

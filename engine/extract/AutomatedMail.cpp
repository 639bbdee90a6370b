#include "extract/AutomatedMail.h"

#include "util/Strings.h"

namespace kith::engine {

bool is_machine_sender(std::string_view address) {
  const auto at = address.rfind('@');
  const std::string local = ascii_lower(address.substr(0, at == std::string_view::npos ? address.size() : at));
  std::string squeezed;
  for (char c : local)
    if (c != '.' && c != '-' && c != '_') squeezed += c;
  return squeezed.find("noreply") != std::string::npos ||
         squeezed.find("donotreply") != std::string::npos || squeezed == "mailerdaemon" ||
         squeezed == "postmaster";
}

bool is_automated(const MessageHeaders& message) {
  if (message.has_list_id || message.has_list_unsubscribe) return true;
  const std::string precedence = ascii_lower(trim(message.precedence));
  if (precedence == "bulk" || precedence == "list" || precedence == "junk") return true;
  // Auto-Submitted may carry parameters: "auto-replied; owner-email=...".
  std::string_view auto_submitted = trim(message.auto_submitted);
  auto_submitted = trim(auto_submitted.substr(0, auto_submitted.find(';')));
  if (!auto_submitted.empty() && ascii_lower(auto_submitted) != "no") return true;
  for (const auto& from : message.from)
    if (is_machine_sender(from.address)) return true;
  return false;
}

}  // namespace kith::engine

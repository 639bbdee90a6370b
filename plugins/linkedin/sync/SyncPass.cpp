#include "sync/SyncPass.h"

namespace kith::linkedin {

std::optional<std::string> SyncPass::stored_text(const std::string& collection) const {
  const auto it = state_.cursors.find(collection);
  if (it == state_.cursors.end()) return std::nullopt;
  return it->second;
}

std::optional<FileCursor> SyncPass::stored(const std::string& collection) const {
  const auto text = stored_text(collection);
  if (!text) return std::nullopt;
  auto cursor = decode_cursor(*text);
  if (!cursor) log(LogLevel::Warn, "the cursor of '" + collection + "' is unreadable; reading the file again");
  return cursor;
}

void SyncPass::item_failed(kit::BatchWriter& out, std::string_view item, const Status& why) {
  ++failures;
  log(LogLevel::Warn, std::string(item) + ": " + why.message());
  out.item_failed(item, why);
}

void SyncPass::file_failed(const Status& why) {
  log(LogLevel::Error, why.message());
  if (file_status_.is_ok()) file_status_ = why;
}

void SyncPass::warn_owner_unknown(std::string_view sent_by) {
  if (owner_warning_given_ || !settings_.profile_url.empty()) return;
  owner_warning_given_ = true;
  std::string message = std::string("'") + kProfileUrlKey +
                        "' is not set: what you sent on LinkedIn counts as sent only if your profile URL is in "
                        "[identity] handles";
  if (!sent_by.empty()) message += " (the export's SENT messages are from " + std::string(sent_by) + ")";
  log(LogLevel::Warn, message);
}

}  // namespace kith::linkedin

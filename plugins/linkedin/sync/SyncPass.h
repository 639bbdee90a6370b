// What one LinkedInProvider::sync call shares between the files it reads:
// the context, settings, export and sink, the stored cursors, logging,
// counters, and the first file that could not be read.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "archive/ExportSource.h"
#include "kith/Host.h"
#include "kith/Provider.h"
#include "kith/kit/BatchWriter.h"
#include "sync/LinkedInCursor.h"
#include "sync/LinkedInSettings.h"

namespace kith::linkedin {

class SyncPass {
 public:
  SyncPass(const ProviderContext& context, const LinkedInSettings& settings, const SyncState& state, BatchSink& sink,
           ExportSource& source, std::size_t batch_size)
      : context_(context), settings_(settings), state_(state), sink_(sink), source_(source), batch_size_(batch_size) {}

  const LinkedInSettings& settings() const { return settings_; }
  ExportSource& source() { return source_; }
  BatchSink& sink() { return sink_; }
  std::size_t batch_size() const { return batch_size_; }
  bool cancelled() const { return context_.cancellation().requested(); }
  void log(LogLevel level, std::string_view message) const { context_.logger().log(level, message); }

  // The cursor stored for `collection` as written, and decoded; nullopt when
  // there is none or it cannot be decoded (logged; read as if new).
  std::optional<std::string> stored_text(const std::string& collection) const;
  std::optional<FileCursor> stored(const std::string& collection) const;

  // Reports an unreadable row through `out`, logs and counts it.
  void item_failed(kit::BatchWriter& out, std::string_view item, const Status& why);

  // A file that could not be read: logged, remembered, the pass goes on.
  void file_failed(const Status& why);
  const Status& file_status() const { return file_status_; }

  // Without profile_url the engine knows the owner's profile only from
  // [identity] handles; said once per pass, with the URL the export's SENT
  // folder shows as the sender when there is one.
  void warn_owner_unknown(std::string_view sent_by);

  std::size_t items = 0, failures = 0;

 private:
  const ProviderContext& context_;
  const LinkedInSettings& settings_;
  const SyncState& state_;
  BatchSink& sink_;
  ExportSource& source_;
  std::size_t batch_size_;
  Status file_status_;
  bool owner_warning_given_ = false;
};

}  // namespace kith::linkedin

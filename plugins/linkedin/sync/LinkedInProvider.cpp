#include "sync/LinkedInProvider.h"

#include "kith/Boundary.h"
#include "rows/ConnectionRows.h"
#include "rows/InvitationRows.h"
#include "rows/MessageRows.h"
#include "sync/ConnectionsSync.h"
#include "sync/ConversationsSync.h"
#include "sync/SyncPass.h"

namespace kith::linkedin {

LinkedInProvider::LinkedInProvider(const ProviderContext& context) : LinkedInProvider(context, Options{}) {}

LinkedInProvider::LinkedInProvider(const ProviderContext& context, Options options)
    : context_(context), settings_(LinkedInSettings::from(context.settings())), options_(options) {}

Status LinkedInProvider::sync(const SyncState& state, BatchSink& sink) noexcept {
  return at_provider_boundary(kProviderId, context_.cancellation(), [&] { return sync_pass(state, sink); });
}

Status LinkedInProvider::sync_pass(const SyncState& state, BatchSink& sink) {
  auto source = open_export(settings_.path, settings_.export_limits);
  if (!source) return source.status();
  SyncPass pass(context_, settings_, state, sink, **source, options_.batch_size);
  for (Status (*step)(SyncPass&) : {&sync_connections, &sync_messages, &sync_invitations}) {
    if (pass.cancelled()) return Status::cancelled();
    if (Status status = step(pass); !status) return status;
  }
  pass.log(LogLevel::Info, "delivered " + std::to_string(pass.items) + " items; " + std::to_string(pass.failures) +
                               " rows failed");
  return pass.file_status();
}

Result<CheckReport> LinkedInProvider::check() noexcept {
  return at_provider_boundary(kProviderId, context_.cancellation(), [&] { return check_pass(); });
}

Result<CheckReport> LinkedInProvider::check_pass() const {
  auto source = open_export(settings_.path, settings_.export_limits);
  if (!source) return source.status();
  CheckReport report;
  report.supported = true;
  for (std::string_view name : {kConnectionsFile, kMessagesFile, kInvitationsFile}) {
    auto entry = (*source)->find(name);
    if (!entry) return entry.status();
    if (*entry) report.collections.push_back({**entry, "", true});
  }
  return report;
}

}  // namespace kith::linkedin

#include "extract/Interaction.h"

namespace kith::engine {

const char* to_string(InteractionKind kind) {
  switch (kind) {
    case InteractionKind::EmailSent: return "email_sent";
    case InteractionKind::EmailReceived: return "email_received";
    case InteractionKind::Meeting: return "meeting";
  }
  return "unknown";
}

std::optional<InteractionKind> interaction_kind_from_string(std::string_view name) {
  if (name == "email_sent") return InteractionKind::EmailSent;
  if (name == "email_received") return InteractionKind::EmailReceived;
  if (name == "meeting") return InteractionKind::Meeting;
  return std::nullopt;
}

const char* direction_of(InteractionKind kind) {
  switch (kind) {
    case InteractionKind::EmailSent: return "outgoing";
    case InteractionKind::EmailReceived: return "incoming";
    case InteractionKind::Meeting: return "mutual";
  }
  return "unknown";
}

}  // namespace kith::engine

#include "extract/Interaction.h"

namespace kith::engine {

const char* to_string(InteractionKind kind) {
  switch (kind) {
    case InteractionKind::EmailSent: return "email_sent";
    case InteractionKind::EmailReceived: return "email_received";
    case InteractionKind::Meeting: return "meeting";
    case InteractionKind::MessageSent: return "message_sent";
    case InteractionKind::MessageReceived: return "message_received";
  }
  return "unknown";
}

std::optional<InteractionKind> interaction_kind_from_string(std::string_view name) {
  if (name == "email_sent") return InteractionKind::EmailSent;
  if (name == "email_received") return InteractionKind::EmailReceived;
  if (name == "meeting") return InteractionKind::Meeting;
  if (name == "message_sent") return InteractionKind::MessageSent;
  if (name == "message_received") return InteractionKind::MessageReceived;
  return std::nullopt;
}

const char* direction_of(InteractionKind kind) {
  switch (kind) {
    case InteractionKind::EmailSent:
    case InteractionKind::MessageSent: return "outgoing";
    case InteractionKind::EmailReceived:
    case InteractionKind::MessageReceived: return "incoming";
    case InteractionKind::Meeting: return "mutual";
  }
  return "unknown";
}

}  // namespace kith::engine

// The host side of the record protocol: a BatchSink that reassembles the
// records a provider sends into a kith::Batch of this SDK's version and
// hands it to on_batch(). The engine's sink, the conformance suite and
// test sinks derive from it. Fields an older plugin never sends keep their
// defaults, which is what lets old plugins run on a newer engine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kith/Items.h"
#include "kith/Provider.h"
#include "kith/Records.h"

namespace kith {

class BatchCollector : public BatchSink {
 public:
  void begin_item(ItemKind kind) noexcept final;
  void end_item() noexcept final;
  void begin_part(PartKind kind) noexcept final;
  void end_part() noexcept final;
  void text(Field field, std::string_view value) noexcept final;
  void number(Field field, std::int64_t value) noexcept final;
  Status commit_records() noexcept final;

 protected:
  BatchCollector() = default;
  ~BatchCollector() = default;

  // One whole, well-formed batch. Its result is commit's result.
  virtual Status on_batch(Batch& batch) noexcept = 0;

 private:
  enum class Scope {
    Batch, Message, Event, EventRemoval, Mailbox, Occurrence, Participant, Conversation, Handle,
    Card, CardRemoval, CardValue, CardDate
  };

  void fail(std::string what) noexcept;
  // The same, built from pieces without letting an allocation failure out.
  void fail(const char* first, const char* second, const char* third = "") noexcept;
  bool text_field(Field field, std::string_view value);
  bool number_field(Field field, std::int64_t value);

  Batch batch_;
  Scope scope_ = Scope::Batch;
  Mailbox* mailbox_ = nullptr;          // the open From/To/... part
  Participant* participant_ = nullptr;  // the open Organizer/Attendee part
  Handle* handle_ = nullptr;            // the open Sender/Recipient/CardHandle part
  Scope handle_parent_ = Scope::Conversation;
  std::string* value_ = nullptr;        // the open Nickname/Category part
  PartialDate* date_ = nullptr;         // the open Birthday/Anniversary/Connected part
  std::string error_;                   // the first protocol error of this batch
};

}  // namespace kith

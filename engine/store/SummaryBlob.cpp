#include "store/SummaryBlob.h"

#include <cstring>

namespace kith::engine {

namespace {

constexpr auto kFormat = static_cast<std::uint16_t>(kSummaryFormat);
constexpr std::uint16_t kByteOrderMark = 0xFEFF;

class Writer {
 public:
  template <typename T>
  void put(const T& value) {
    const auto* bytes = reinterpret_cast<const char*>(&value);
    out_.append(bytes, sizeof value);
  }
  void put_optional(const std::optional<UnixSeconds>& t) {
    put<std::uint8_t>(t.has_value());
    put<std::int64_t>(t.value_or(0));
  }
  void put_entry(const std::optional<TimelineEntry>& e) {
    put<std::uint8_t>(e.has_value());
    put<std::uint8_t>(static_cast<std::uint8_t>(e ? e->kind : InteractionKind::EmailReceived));
    put<std::int64_t>(e ? e->at : 0);
    put<std::uint32_t>(e ? e->participants : 1);
    put<std::int64_t>(e ? e->interaction_id : 0);
  }
  void put_text(std::string_view text) {
    put(static_cast<std::uint32_t>(text.size()));
    out_.append(text);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  bool get(T& value) {
    if (in_.size() < sizeof value) return false;
    std::memcpy(&value, in_.data(), sizeof value);
    in_.remove_prefix(sizeof value);
    return true;
  }
  bool get_optional(std::optional<UnixSeconds>& t) {
    std::uint8_t has = 0;
    std::int64_t value = 0;
    if (!get(has) || !get(value)) return false;
    t = has ? std::optional<UnixSeconds>(value) : std::nullopt;
    return true;
  }
  bool get_entry(std::optional<TimelineEntry>& e) {
    std::uint8_t has = 0, kind = 0;
    TimelineEntry entry;
    if (!get(has) || !get(kind) || !get(entry.at) || !get(entry.participants) || !get(entry.interaction_id)) return false;
    if (kind > static_cast<std::uint8_t>(InteractionKind::MessageReceived)) return false;
    entry.kind = static_cast<InteractionKind>(kind);
    e = has ? std::optional<TimelineEntry>(entry) : std::nullopt;
    return true;
  }
  bool get_text(std::string& text) {
    std::uint32_t size = 0;
    if (!get(size) || in_.size() < size) return false;
    text.assign(in_.data(), size);
    in_.remove_prefix(size);
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

std::string encode(const PersonSummary& s) {
  Writer w;
  w.put(kFormat);
  w.put(kByteOrderMark);
  w.put(s.half_life_days);
  w.put<std::int64_t>(s.reference);
  w.put_optional(s.next_after);
  w.put_optional(s.next_meeting);
  for (const auto* e : {&s.first, &s.last, &s.last_touch, &s.last_received}) w.put_entry(*e);
  w.put(s.sent);
  w.put(s.received);
  w.put(s.meetings);
  w.put(s.counts);
  w.put(s.upcoming_meetings);
  w.put(s.day_count);
  w.put<std::uint8_t>(s.usual_gap_days.has_value());
  w.put(s.usual_gap_days.value_or(0));
  w.put_optional(s.gap_from);
  w.put_optional(s.gap_until);
  return w.take();
}

std::optional<PersonSummary> decode(std::string_view blob) {
  Reader r(blob);
  PersonSummary s;
  std::uint16_t format = 0, mark = 0;
  std::int64_t reference = 0;
  if (!r.get(format) || !r.get(mark) || format != kFormat || mark != kByteOrderMark) return std::nullopt;
  if (!r.get(s.half_life_days) || !r.get(reference) || !r.get_optional(s.next_after) || !r.get_optional(s.next_meeting))
    return std::nullopt;
  s.reference = reference;
  for (auto* e : {&s.first, &s.last, &s.last_touch, &s.last_received})
    if (!r.get_entry(*e)) return std::nullopt;
  std::uint8_t has_gap = 0;
  double gap = 0;
  if (!r.get(s.sent) || !r.get(s.received) || !r.get(s.meetings) || !r.get(s.counts) || !r.get(s.upcoming_meetings) ||
      !r.get(s.day_count) || !r.get(has_gap) || !r.get(gap) || !r.get_optional(s.gap_from) || !r.get_optional(s.gap_until) || !r.done())
    return std::nullopt;
  if (has_gap) s.usual_gap_days = gap;
  return s;
}

}  // namespace

std::string encode_summary(const PersonSummary& summary) { return encode(summary); }

std::string encode_days(const std::vector<std::int32_t>& days) {
  Writer w;
  w.put(kFormat);
  w.put(kByteOrderMark);
  for (const std::int32_t d : days) w.put(d);
  return w.take();
}

std::optional<PersonSummary> decode_summary(std::string_view blob) { return decode(blob); }

bool decode_days(std::string_view blob, PersonSummary& summary) {
  Reader r(blob);
  std::uint16_t format = 0, mark = 0;
  if (!r.get(format) || !r.get(mark) || format != kFormat || mark != kByteOrderMark) return false;
  // The days within 730 days of the last one: at most 731.
  if (blob.size() % sizeof(std::int32_t) != 0 || blob.size() / sizeof(std::int32_t) > 732) return false;
  summary.days.resize(blob.size() / sizeof(std::int32_t) - 1);
  if (summary.days.size() != summary.day_count) return false;
  for (auto& d : summary.days)
    if (!r.get(d)) return false;
  return true;
}

std::string encode_listing(const PersonListing& listing) {
  Writer w;
  w.put(kFormat);
  w.put(kByteOrderMark);
  w.put<std::int64_t>(listing.group_id);
  w.put_text(listing.name);
  w.put(static_cast<std::uint32_t>(listing.handles.size()));
  for (const auto& [kind, value] : listing.handles) {
    w.put_text(kind);
    w.put_text(value);
  }
  return w.take();
}

bool decode_listing(std::string_view blob, Person& person, std::int64_t& group_id) {
  Reader r(blob);
  std::uint16_t format = 0, mark = 0;
  std::uint32_t count = 0;
  if (!r.get(format) || !r.get(mark) || format != kFormat || mark != kByteOrderMark) return false;
  if (!r.get(group_id) || !r.get_text(person.name) || !r.get(count)) return false;
  // Each handle takes at least eight bytes: a count larger than the BLOB
  // could hold is not of this layout.
  if (count > blob.size() / 8) return false;
  person.handles.resize(count);
  for (auto& [kind, value] : person.handles)
    if (!r.get_text(kind) || !r.get_text(value)) return false;
  return r.done();
}

}  // namespace kith::engine

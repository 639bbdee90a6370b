// update_task(): a list's copy of a task with only the properties Kith
// changed replaced. The copy may have been edited in another app (alarms,
// notes, the user's own categories, properties Kith does not know): it is
// parsed into libical's tree, changed there and written back, so all of
// that stays.
#include <libical/ical.h>

#include <climits>
#include <string>
#include <utility>

#include "IcalResource.h"
#include "TaskProperties.h"
#include "kith/calendar/Tasks.h"

namespace kith::calendar {
namespace {

// libical removes a property by searching the component's list for it, so
// replacing k copies of a property among n costs k * n: a hostile VTODO of
// a few hundred kilobytes took seconds. Real tasks have a few dozen
// properties; past this many, a VTODO is not updated.
constexpr int kMaxTaskProperties = 1000;

icalcomponent* first_vtodo(const std::vector<icalcomponent*>& calendars) {
  for (icalcomponent* calendar : calendars) {
    if (icalcomponent* vtodo = icalcomponent_get_first_component(calendar, ICAL_VTODO_COMPONENT)) return vtodo;
  }
  return nullptr;
}

// SEQUENCE + 1: absent (or unreadable, or negative) counts as 0.
void raise_sequence(icalcomponent* vtodo) {
  int sequence = 0;
  icalproperty* p = icalcomponent_get_first_property(vtodo, ICAL_SEQUENCE_PROPERTY);
  icalvalue* value = p != nullptr ? icalproperty_get_value(p) : nullptr;
  if (value != nullptr && icalvalue_isa(value) == ICAL_INTEGER_VALUE) sequence = icalvalue_get_integer(value);
  if (sequence < 0) sequence = 0;
  detail::remove_all(vtodo, ICAL_SEQUENCE_PROPERTY);
  icalcomponent_add_property(vtodo, icalproperty_new_sequence(sequence == INT_MAX ? INT_MAX : sequence + 1));
}

}  // namespace

Result<std::string> update_task(std::string_view existing, const Task& task, const TaskChanges& changes,
                                UnixSeconds now) {
  detail::IcalErrnoGuard errno_guard;
  Result<detail::ParsedResource> parsed = detail::parse_vcalendars(existing);
  if (!parsed) return parsed.status();
  icalcomponent* vtodo = first_vtodo(parsed->calendars);
  if (vtodo == nullptr) return Status::item("no VTODO in the resource");
  if (icalcomponent_count_properties(vtodo, ICAL_ANY_PROPERTY) > kMaxTaskProperties) {
    std::string message = "the VTODO has more than ";
    message += std::to_string(kMaxTaskProperties);
    message += " properties; it is not updated";
    return Status::item(std::move(message));
  }

  if (changes.summary) detail::set_summary(vtodo, task.summary);
  if (changes.description) detail::set_description(vtodo, task.description);
  if (changes.due) detail::set_due(vtodo, task.due);
  if (changes.status) detail::set_status(vtodo, task.status, task.completed, now);
  raise_sequence(vtodo);
  detail::stamp(vtodo, now);

  std::string text = detail::to_ical_text(parsed->calendars);
  if (text.empty()) return Status::item("libical could not write the updated task");
  return text;
}

}  // namespace kith::calendar

// write_task(): a new VCALENDAR holding one VTODO, built with libical.
#include <libical/ical.h>

#include "IcalResource.h"
#include "TaskProperties.h"
#include "kith/calendar/Tasks.h"

namespace kith::calendar {
namespace {

constexpr const char* kProductId = "-//Kith//Kith reminders//EN";

}  // namespace

std::string write_task(const Task& task, UnixSeconds now) {
  detail::IcalErrnoGuard errno_guard;
  detail::ComponentPtr vcalendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(vcalendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(vcalendar.get(), icalproperty_new_prodid(kProductId));

  icalcomponent* vtodo = icalcomponent_new(ICAL_VTODO_COMPONENT);
  icalcomponent_add_component(vcalendar.get(), vtodo);  // owned by vcalendar from here on
  icalcomponent_add_property(vtodo, icalproperty_new_uid(task.uid.c_str()));
  detail::stamp(vtodo, now);
  detail::set_summary(vtodo, task.summary);
  detail::set_description(vtodo, task.description);
  detail::set_due(vtodo, task.due);
  detail::set_status(vtodo, task.status, task.completed, now);
  // One CATEGORIES property per category: RFC 5545 allows the property
  // more than once, every client reads it so, and read_task() returns the
  // values in this order. (libical does not escape a comma inside a
  // CATEGORIES value, so such a category reads back as several.)
  for (const std::string& category : task.categories) {
    if (!category.empty()) icalcomponent_add_property(vtodo, icalproperty_new_categories(category.c_str()));
  }
  return detail::to_ical_text({vcalendar.get()});
}

}  // namespace kith::calendar

#include "relate/PersonLookup.h"

#include <algorithm>

#include "extract/HandleValue.h"
#include "relate/NameFold.h"

namespace kith::engine {

std::string person_name(const Person& person) {
  if (!person.name.empty()) return person.name;
  return person.handles.empty() ? "?" : person.handles.front().second;
}

std::string person_label(const Person& person) {
  if (person.handles.empty()) return person_name(person);
  if (person.name.empty()) return person.handles.front().second;
  return person.name + " <" + person.handles.front().second + ">";
}

Result<const Person*> find_person(const std::vector<Person>& people, const std::string& text) {
  if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    for (const Person& p : people)
      if (std::to_string(p.id) == text) return &p;
    return Status::account("no person with id " + text);
  }
  const TypedHandle handle = handle_from_user_text(text);
  if (!handle.value.empty())
    for (const Person& p : people)
      for (const auto& [kind, value] : p.handles)
        if (value == handle.value && kind == to_string(handle.kind)) return &p;
  const std::string fragment = fold_name(text);
  if (fragment.empty()) return Status::account("no person matches '" + text + "'");
  std::vector<const Person*> exact, partial;
  for (const Person& p : people) {
    const std::string name = fold_name(p.name);
    if (name == fragment) exact.push_back(&p);
    else if (name.find(fragment) != std::string::npos) partial.push_back(&p);
  }
  if (exact.size() == 1) return exact.front();
  exact.insert(exact.end(), partial.begin(), partial.end());
  if (exact.empty()) return Status::account("no person matches '" + text + "' (an id, a handle or part of a name)");
  if (exact.size() == 1) return exact.front();
  std::string list;
  std::size_t shown = 0;
  for (const Person* p : exact) {
    if (shown++ == 10) {
      list += ", ...";
      break;
    }
    list += (list.empty() ? "" : ", ") + std::to_string(p->id) + " " + person_label(*p);
  }
  return Status::account("'" + text + "' matches " + std::to_string(exact.size()) + " people: " + list +
                         "; name one by id or handle");
}

Result<std::int64_t> person_id(HistoryStore& store, const std::string& text) {
  const bool numeric = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (numeric && text.size() < 19) {
    auto one = store.people(std::stoll(text));
    if (!one) return one.status();
    if (one->empty()) return Status::account("no person with id " + text);
    return one->front().id;
  }
  if (!numeric) {
    const TypedHandle handle = handle_from_user_text(text);
    if (!handle.value.empty()) {
      auto id = store.person_with_handle(handle.kind, handle.value);
      if (!id) return id.status();
      if (*id) return **id;
    }
  }
  auto people = store.people();
  if (!people) return people.status();
  auto p = find_person(*people, text);
  if (!p) return p.status();
  return (*p)->id;
}

}  // namespace kith::engine

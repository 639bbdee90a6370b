// PERSON on the command line: an id, any of the person's handles, or a
// fragment of one person's name (case, accents and spacing folded).
#pragma once

#include <string>
#include <vector>

#include "store/HistoryStore.h"

namespace kith::engine {

// An error says what matched nothing, or lists the candidates when a name
// fragment matches several people.
Result<const Person*> find_person(const std::vector<Person>& people, const std::string& text);

// The same, reading only what it needs: a handle or an id is looked up;
// only a name fragment reads everyone.
Result<std::int64_t> person_id(HistoryStore& store, const std::string& text);

// "Dana Whitfield <dana@example.com>", or the first handle alone.
std::string person_label(const Person& person);
// The name, else the first handle.
std::string person_name(const Person& person);

}  // namespace kith::engine

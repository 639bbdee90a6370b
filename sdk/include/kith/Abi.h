// The version of the provider contract. The engine refuses a plugin whose
// major differs from its own or whose minor is newer than its own: a newer
// minor may rely on host behaviour this engine does not have.
#pragma once

// ABI 2.0: items cross as records (kith/Records.h), so that adding a field
// or an item kind is a minor change; the rule is written there and in the
// README. 1.x plugins are refused: their Batch struct cannot be read.
#define KITH_ABI_MAJOR 2
// 2.1: Message subject, occurrence summary and location.
// 2.2: SettingType::Secret; `url`, `username` and secrets are accepted only
//      when the provider declares them (plugins built for 2.0/2.1 keep the
//      keys every provider had before); ConversationMessage items and
//      handles (email, URI, phone).
// 2.3: ContactCard::connected, the day the owner and the person first
//      connected on a network (a LinkedIn connection).
// 2.4: Provider::task_list, reminders written back as tasks (kith/Tasks.h);
//      CalendarEvent::collection_name, the calendar's display name.
#define KITH_ABI_MINOR 4

#if defined(_WIN32)
#define KITH_PLUGIN_EXPORT __declspec(dllexport)
#define KITH_SDK_VISIBLE
#else
#define KITH_PLUGIN_EXPORT __attribute__((visibility("default")))
// Interface classes must stay visible in plugins built with
// -fvisibility=hidden, so that vtables and type identity agree with the host.
#define KITH_SDK_VISIBLE __attribute__((visibility("default")))
#endif

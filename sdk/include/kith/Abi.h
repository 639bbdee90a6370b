// The version of the provider contract. The engine refuses a plugin whose
// major differs from its own or whose minor is newer than its own: a newer
// minor may rely on host behaviour this engine does not have.
#pragma once

#define KITH_ABI_MAJOR 1
#define KITH_ABI_MINOR 2  // 1.1: Provider::watch; 1.2: Provider::check

#if defined(_WIN32)
#define KITH_PLUGIN_EXPORT __declspec(dllexport)
#define KITH_SDK_VISIBLE
#else
#define KITH_PLUGIN_EXPORT __attribute__((visibility("default")))
// Interface classes must stay visible in plugins built with
// -fvisibility=hidden, so that vtables and type identity agree with the host.
#define KITH_SDK_VISIBLE __attribute__((visibility("default")))
#endif

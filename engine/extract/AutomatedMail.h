// Rule 3: mail written by machines is not an interaction with a person.
#pragma once

#include <string_view>

#include "kith/Items.h"

namespace kith::engine {

// True for list mail, bulk mail, auto-replies and bounces: any List-Id or
// List-Unsubscribe, Precedence bulk/list/junk, Auto-Submitted other than
// "no", or a From local part that (lower-cased, '.', '-', '_' removed)
// contains "noreply" or "donotreply", or is "mailerdaemon" or "postmaster".
bool is_automated(const MessageHeaders& message);

// The From-address part of the rule on its own.
bool is_machine_sender(std::string_view address);

}  // namespace kith::engine

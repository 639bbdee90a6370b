// Rule 1: the identity of a message across folders and accounts.
#pragma once

#include <string>

#include "kith/Items.h"

namespace kith::engine {

// "mid:<Message-ID>" when the message has one; otherwise "hash:<hex>" of
// its Date, From, To and Cc (addresses lower-cased and sorted), so the
// same copy in two folders still yields one key.
std::string message_key(const MessageHeaders& message);

}  // namespace kith::engine

// A LinkedIn profile URL as a key that stays the same across exports:
// delivered handles keep the URL as written (the engine normalizes them),
// but card resources and message ids must not change because one export
// wrote "https://www.linkedin.com/in/Ann-Lee/" and the next ".../in/ann-lee".
#pragma once

#include <string>
#include <string_view>

namespace kith::linkedin {

// ASCII lower case, without query, fragment, trailing '/' or control
// characters; "" for an empty URL.
std::string profile_key(std::string_view url);

}  // namespace kith::linkedin

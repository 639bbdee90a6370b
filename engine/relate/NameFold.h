// Names compared as people read them: case, accents and whitespace folded
// ("José  García" and "jose garcia" are one name). Unicode case folding,
// decomposition and categories come from GNU libunistring.
#pragma once

#include <string>
#include <string_view>

namespace kith::engine {

// Case-folded, compatibility-decomposed, without combining marks, words
// separated by single spaces; "" for a name with no letters or digits.
std::string fold_name(std::string_view name);

}  // namespace kith::engine

#include "relate/NameFold.h"

#include <cstdlib>
#include <memory>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "util/Strings.h"

namespace kith::engine {

std::string fold_name(std::string_view name) {
  std::size_t length = 0;
  uint8_t* folded = u8_casefold(reinterpret_cast<const uint8_t*>(name.data()), name.size(), nullptr, UNINORM_NFKD,
                                nullptr, &length);
  // Only on allocation failure: invalid UTF-8 comes back with U+FFFD.
  if (!folded) return ascii_lower(name);
  const std::unique_ptr<uint8_t, decltype(&std::free)> owned(folded, &std::free);
  std::string out;
  bool space = false;
  bool any = false;
  for (std::size_t i = 0; i < length;) {
    ucs4_t c = 0;
    const int n = u8_mbtouc(&c, folded + i, length - i);
    const std::size_t at = i;
    i += static_cast<std::size_t>(n > 0 ? n : 1);
    if (uc_is_general_category(c, UC_CATEGORY_M)) continue;  // accents, after decomposition
    if (uc_is_property_white_space(c) || uc_is_general_category(c, UC_CATEGORY_P)) {
      space = any;
      continue;
    }
    if (space) out += ' ';
    space = false;
    any = true;
    out.append(reinterpret_cast<const char*>(folded + at), i - at);
  }
  return out;
}

}  // namespace kith::engine

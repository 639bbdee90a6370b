#include "Charset.h"

#include <cerrno>
#include <iconv.h>

#include <vector>

#include "Text.h"

namespace kith::mail::detail {
namespace {

class IconvConverter {
 public:
  IconvConverter(const char* to, const char* from) : handle_(iconv_open(to, from)) {}
  ~IconvConverter() {
    if (is_open()) iconv_close(handle_);
  }
  IconvConverter(const IconvConverter&) = delete;
  IconvConverter& operator=(const IconvConverter&) = delete;

  bool is_open() const noexcept { return handle_ != reinterpret_cast<iconv_t>(-1); }

  // nullopt on an invalid or incomplete input sequence.
  std::optional<std::string> convert(std::string_view input) {
    std::vector<char> in(input.begin(), input.end());
    char* in_ptr = in.data();
    std::size_t in_left = in.size();
    std::string output;
    std::vector<char> chunk(4 * input.size() + 64);
    while (true) {
      char* out_ptr = chunk.data();
      std::size_t out_left = chunk.size();
      // A null input flushes a stateful encoding (ISO-2022-JP shifts back).
      const std::size_t result =
          in_left > 0 ? iconv(handle_, &in_ptr, &in_left, &out_ptr, &out_left)
                      : iconv(handle_, nullptr, nullptr, &out_ptr, &out_left);
      const int error = errno;
      output.append(chunk.data(), static_cast<std::size_t>(out_ptr - chunk.data()));
      if (result != static_cast<std::size_t>(-1)) {
        if (in_left == 0 && in_ptr == nullptr) return output;  // flushed
        if (in_left == 0) in_ptr = nullptr;  // next round flushes
        continue;
      }
      if (error != E2BIG) return std::nullopt;  // EILSEQ or EINVAL
    }
  }

 private:
  iconv_t handle_;
};

constexpr bool is_charset_char(char c) noexcept {
  // RFC 2978 mime-charset chars: no especials, so no "//TRANSLIT" tricks
  // and nothing iconv could read as options.
  if (is_ascii_alpha(c) || is_ascii_digit(c)) return true;
  for (char allowed : std::string_view("!#$%&'+-^_`{}~")) {
    if (c == allowed) return true;
  }
  return false;
}

// iconv names to try for a MIME charset, best first. Labels that mail
// software uses loosely are widened the way mail readers do: text
// labelled Latin-1 or ASCII is nearly always Windows-1252, GB2312 text is
// GB18030; Korean mail says ks_c_5601-1987 and means CP949.
std::vector<std::string> iconv_candidates(std::string_view charset) {
  const std::string name = ascii_lower(charset);
  if (name == "us-ascii" || name == "ascii" || name == "iso-8859-1" || name == "iso8859-1" ||
      name == "latin1" || name == "l1")
    return {"WINDOWS-1252", "ISO-8859-1"};
  if (name == "gb2312" || name == "gbk" || name == "x-gbk") return {"GB18030"};
  if (name == "ks_c_5601-1987" || name == "ks_c_5601" || name == "euc-kr") return {"CP949", "EUC-KR"};
  if (name == "utf8") return {"UTF-8"};
  return {name};
}

}  // namespace

std::optional<std::string> convert_to_utf8(std::string_view bytes, std::string_view charset) {
  if (charset.empty() || charset.size() > 64) return std::nullopt;
  for (char c : charset)
    if (!is_charset_char(c)) return std::nullopt;
  for (const std::string& candidate : iconv_candidates(charset)) {
    IconvConverter converter("UTF-8", candidate.c_str());
    if (!converter.is_open()) continue;
    if (auto converted = converter.convert(bytes)) return converted;
  }
  return std::nullopt;
}

bool is_valid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char min_second = 0x80, max_second = 0xbf;  // excludes overlongs and surrogates
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead == 0xe0) min_second = 0xa0;
      if (lead == 0xed) max_second = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead == 0xf0) min_second = 0x90;
      if (lead == 0xf4) max_second = 0x8f;
    } else {
      return false;
    }
    if (text.size() - i < length) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      const unsigned char low = k == 1 ? min_second : 0x80;
      const unsigned char high = k == 1 ? max_second : 0xbf;
      if (next < low || next > high) return false;
    }
    i += length;
  }
  return true;
}

std::string as_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return std::string(text);
  // ISO-8859-1 maps every byte, so the second candidate always succeeds.
  if (auto converted = convert_to_utf8(text, "iso-8859-1")) return *converted;
  return {};
}

}  // namespace kith::mail::detail

// Helpers shared by the DAV XML tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ostream>
#include <string>
#include <string_view>

#include "dav/xml/DavName.h"
#include "dav/xml/Multistatus.h"

namespace kith::dav {

// gtest prints DavName in failure messages as Clark notation.
inline void PrintTo(const DavName& name, std::ostream* out) { *out << "{" << name.ns << "}" << name.local; }

}  // namespace kith::dav

namespace kith::dav::testing {

// Redirects file descriptor 2 into a temporary file for its lifetime, so a
// test can assert that libxml2 printed nothing. Captures writes from any
// code, C stdio and raw write(2) alike.
class StderrCapture {
 public:
  StderrCapture() {
    std::fflush(stderr);
    file_ = std::tmpfile();
    saved_ = ::dup(2);
    if (file_ != nullptr && saved_ >= 0) ::dup2(::fileno(file_), 2);
  }
  ~StderrCapture() { (void)finish(); }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

  // Restores stderr and returns everything written meanwhile.
  std::string finish() {
    if (file_ == nullptr) return captured_;
    std::fflush(stderr);
    if (saved_ >= 0) {
      ::dup2(saved_, 2);
      ::close(saved_);
      saved_ = -1;
    }
    std::rewind(file_);
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file_)) > 0) captured_.append(buffer, n);
    std::fclose(file_);
    file_ = nullptr;
    return captured_;
  }

 private:
  std::FILE* file_ = nullptr;
  int saved_ = -1;
  std::string captured_;
};

// Sanitizers slow parsing down several times; time bounds scale with them.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr int kSlowdown = 10;
#else
inline constexpr int kSlowdown = 1;
#endif

inline std::chrono::milliseconds time_budget(int milliseconds) {
  return std::chrono::milliseconds(static_cast<long long>(milliseconds) * kSlowdown);
}

// Parses a body that must parse; records a failure (and returns an empty
// Multistatus) otherwise.
inline Multistatus parse_ok(std::string_view xml) {
  Expected<Multistatus> parsed = parse_multistatus(xml);
  if (!parsed) {
    ADD_FAILURE() << "parse error: " << parsed.error().message << " (line " << parsed.error().line << ")";
    return Multistatus{};
  }
  return std::move(parsed).value();
}

}  // namespace kith::dav::testing

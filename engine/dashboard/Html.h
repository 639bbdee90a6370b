// Text into HTML: every string from the store goes through escape(), so a
// subject line or a name can never become markup.
#pragma once

#include <string>
#include <string_view>

namespace kith::engine::html {

// &, <, >, " and ' as entities; fit for element text and quoted attributes.
std::string escape(std::string_view text);
// A URL query value: everything but unreserved characters percent-encoded.
std::string url_component(std::string_view text);

struct PageFrame {
  std::string title;   // the page's own title (escaped here)
  std::string active;  // the navigation entry to mark: week, network, events, status
};

// A whole document around `body` (markup made by the caller).
std::string page(const PageFrame& frame, const std::string& body);

// A form that POSTs to `action` with hidden fields and one button; the
// token goes with it (the server also checks the origin).
std::string action_form(const std::string& action, const std::string& csrf,
                        std::initializer_list<std::pair<std::string, std::string>> fields, const std::string& label,
                        const std::string& extra_inputs = {});

}  // namespace kith::engine::html

#include "dashboard/Html.h"

#include <cstdio>

namespace kith::engine::html {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string url_component(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

std::string page(const PageFrame& frame, const std::string& body) {
  struct Entry {
    const char* key;
    const char* href;
    const char* label;
  };
  static constexpr Entry entries[] = {{"week", "/", "This week"},
                                      {"network", "/network", "Network"},
                                      {"events", "/events", "Events"},
                                      {"status", "/status", "Status"}};
  std::string nav;
  for (const auto& e : entries) {
    nav += "<li><a href=\"";
    nav += e.href;
    nav += '"';
    if (frame.active == e.key) nav += " aria-current=\"page\"";
    nav += '>';
    nav += e.label;
    nav += "</a></li>";
  }
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"color-scheme\" content=\"light dark\">\n<title>";
  out += escape(frame.title);
  out += " · Kith</title>\n<link rel=\"stylesheet\" href=\"/assets/kith.css\">\n</head>\n<body>\n"
         "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
         "<header><span class=\"brand\">Kith</span><nav aria-label=\"Pages\"><ul>";
  out += nav;
  out += "</ul></nav></header>\n<main id=\"main\">\n<h1>";
  out += escape(frame.title);
  out += "</h1>\n";
  out += body;
  out += "\n</main>\n<footer>Served by kithd on this machine; nothing leaves it.</footer>\n</body>\n</html>\n";
  return out;
}

std::string action_form(const std::string& action, const std::string& csrf,
                        std::initializer_list<std::pair<std::string, std::string>> fields, const std::string& label,
                        const std::string& extra_inputs) {
  std::string out = "<form class=\"action\" method=\"post\" action=\"" + escape(action) + "\">";
  out += "<input type=\"hidden\" name=\"token\" value=\"" + escape(csrf) + "\">";
  for (const auto& [name, value] : fields)
    out += "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">";
  out += extra_inputs;
  out += "<button type=\"submit\">" + escape(label) + "</button></form>";
  return out;
}

}  // namespace kith::engine::html

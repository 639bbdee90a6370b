#include "store/PostgresSql.h"

#include <cctype>
#include <vector>

namespace kith::engine {
namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Whether `sql` at `at` starts the words `words` (one space between them
// matching any run of white space), case-insensitively, as whole words.
std::size_t match_words(std::string_view sql, std::size_t at, std::string_view words) {
  if (at > 0 && word_char(sql[at - 1])) return 0;
  std::size_t i = at;
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (words[w] == ' ') {
      if (i >= sql.size() || !std::isspace(static_cast<unsigned char>(sql[i]))) return 0;
      while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
      continue;
    }
    if (i >= sql.size() || std::toupper(static_cast<unsigned char>(sql[i])) != words[w]) return 0;
    ++i;
  }
  if (i < sql.size() && word_char(sql[i])) return 0;
  return i - at;
}

// One statement (no top-level ';'), rewritten; `next` numbers bare '?'s.
std::string rewrite_statement(std::string_view sql, int& largest, std::vector<bool>& referenced) {
  std::string out;
  out.reserve(sql.size() + 32);
  bool ignore_conflicts = false;
  std::size_t returning_at = std::string::npos;  // in `out`
  int depth = 0;
  for (std::size_t i = 0; i < sql.size();) {
    const char c = sql[i];
    if (std::size_t n = match_words(sql, i, "STRFTIME('%S','NOW')")) {
      out += "CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)";
      i += n;
      continue;
    }
    if (c == '\'' || c == '"') {  // a quoted string or name, copied as is ('' and "" stay inside)
      std::size_t end = i + 1;
      for (;;) {
        end = sql.find(c, end);
        if (end == std::string_view::npos) { end = sql.size(); break; }
        if (end + 1 < sql.size() && sql[end + 1] == c) { end += 2; continue; }
        ++end;
        break;
      }
      out.append(sql.substr(i, end - i));
      i = end;
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {  // a comment, to the end of the line
      const std::size_t end = sql.find('\n', i);
      const std::size_t stop = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, stop - i));
      i = stop;
      continue;
    }
    if (c == '?') {
      std::size_t j = i + 1;
      int number = 0;
      while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) number = number * 10 + (sql[j++] - '0');
      if (j == i + 1) number = largest + 1;
      if (number > largest) largest = number;
      if (referenced.size() < static_cast<std::size_t>(number)) referenced.resize(static_cast<std::size_t>(number), false);
      if (number > 0) referenced[static_cast<std::size_t>(number - 1)] = true;
      out += '$';
      out += std::to_string(number);
      i = j;
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (std::size_t n = match_words(sql, i, "INSERT OR IGNORE INTO")) {
      out += "INSERT INTO";
      ignore_conflicts = true;
      i += n;
      continue;
    }
    if (std::size_t n = match_words(sql, i, "CROSS JOIN")) {
      out += "JOIN";
      i += n;
      continue;
    }
    if (std::size_t n = match_words(sql, i, "AS INTEGER")) {
      out += "AS BIGINT";
      i += n;
      continue;
    }
    if (depth == 0 && returning_at == std::string::npos && match_words(sql, i, "RETURNING")) returning_at = out.size();
    out += c;
    ++i;
  }
  if (ignore_conflicts) {
    if (returning_at != std::string::npos) {
      out.insert(returning_at, "ON CONFLICT DO NOTHING ");
    } else {
      while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
      out += " ON CONFLICT DO NOTHING";
    }
  }
  return out;
}

}  // namespace

PostgresSql to_postgres(std::string_view sql) {
  PostgresSql result;
  // Split at top-level ';' (outside quotes and comments), rewrite each.
  std::size_t start = 0;
  bool in_quote = false;
  char quote = 0;
  for (std::size_t i = 0; i <= sql.size(); ++i) {
    if (i < sql.size()) {
      const char c = sql[i];
      if (in_quote) {
        if (c == quote) in_quote = false;
        continue;
      }
      if (c == '\'' || c == '"') {
        in_quote = true;
        quote = c;
        continue;
      }
      if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
        const std::size_t end = sql.find('\n', i);
        i = end == std::string_view::npos ? sql.size() - 1 : end;
        continue;
      }
      if (c != ';') continue;
    }
    result.text += rewrite_statement(sql.substr(start, i - start), result.parameters, result.referenced);
    if (i < sql.size()) result.text += ';';
    start = i + 1;
  }
  result.referenced.resize(static_cast<std::size_t>(result.parameters), false);
  return result;
}

}  // namespace kith::engine

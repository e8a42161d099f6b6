#pragma once
// Serves the pages (console, login, admin) from --web-root for every
// non-/api GET. `/` redirects to /console; an extension-less path maps to
// <path>.html; traversal (.., encoded or not, dot-files) is refused with 404.
#include <string>

#include "http/types.hpp"

namespace om::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  Response serve(const Request& req, const std::string& decoded_path) const;
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

std::string content_type_for(const std::string& extension);
// Percent-decodes a path; returns false on malformed escapes or NUL bytes.
bool percent_decode(std::string_view in, std::string& out);

}  // namespace om::http

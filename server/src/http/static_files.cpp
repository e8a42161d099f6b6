#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/api_error.hpp"

namespace om::http {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(std::string root) {
  std::error_code ec;
  auto canon = fs::weakly_canonical(root, ec);
  root_ = ec ? root : canon.string();
}

std::string content_type_for(const std::string& ext) {
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".png") return "image/png";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "";
}

bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%') {
      if (i + 2 >= in.size()) return false;
      auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      const int hi = hex(in[i + 1]), lo = hex(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out.find('\0') == std::string::npos;
}

Response StaticFiles::serve(const Request& req, const std::string& path) const {
  if (req.method() != Verb::get && req.method() != Verb::head)
    throw ApiError(405, "METHOD_NOT_ALLOWED", "pages are read-only");
  if (path == "/") {
    Response res{Status::see_other, req.version()};
    res.set(beast::http::field::location, "/console");
    res.prepare_payload();
    return res;
  }
  // Refuse anything that could climb out of the root or reach hidden files.
  if (path.empty() || path[0] != '/' || path.find('\\') != std::string::npos || path.find("/.") != std::string::npos ||
      path.back() == '/')
    throw not_found();
  fs::path rel = fs::path(path.substr(1));
  if (rel.extension().empty()) rel += ".html";
  const auto full = fs::path(root_) / rel;
  std::error_code ec;
  const auto canon = fs::weakly_canonical(full, ec);
  const auto root_str = root_ + "/";
  if (ec || canon.string().compare(0, root_str.size(), root_str) != 0) throw not_found();
  const auto type = content_type_for(canon.extension().string());
  if (type.empty() || !fs::is_regular_file(canon, ec)) throw not_found();
  std::ifstream in(canon, std::ios::binary);
  if (!in) throw not_found();
  std::ostringstream buf;
  buf << in.rdbuf();
  Response res{Status::ok, req.version()};
  res.set(beast::http::field::content_type, type);
  res.set(beast::http::field::cache_control, "no-cache");
  res.body() = buf.str();
  res.prepare_payload();
  if (req.method() == Verb::head) res.body().clear();
  return res;
}

}  // namespace om::http

#include "sync/url_policy.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace om::sync {

namespace {

// curl's URL parser, so that what we check is exactly what curl will connect to.
struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct CurlStrDeleter {
  void operator()(char* s) const { curl_free(s); }
};
using CurlStr = std::unique_ptr<char, CurlStrDeleter>;

CurlStr get_part(CURLU* u, CURLUPart part) {
  char* out = nullptr;
  if (curl_url_get(u, part, &out, 0) != CURLUE_OK) return nullptr;
  return CurlStr(out);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Strict a.b.c.d with each part 0..255 in decimal; rejects "127.0.0.1.evil.com".
bool is_dotted_quad_127(std::string_view h) {
  int parts = 0;
  int first = -1;
  std::size_t i = 0;
  while (i <= h.size()) {
    std::size_t j = i;
    int value = 0;
    while (j < h.size() && h[j] >= '0' && h[j] <= '9' && j - i < 3) value = value * 10 + (h[j++] - '0');
    if (j == i || value > 255) return false;
    if (parts == 0) first = value;
    ++parts;
    if (j == h.size()) break;
    if (h[j] != '.') return false;
    i = j + 1;
  }
  return parts == 4 && first == 127;
}

UrlCheck fail(std::string why) { return UrlCheck{false, {}, std::move(why)}; }

}  // namespace

bool is_loopback_host(std::string_view host) {
  std::string h = lower(std::string(host));
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  return h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" || is_dotted_quad_127(h);
}

UrlCheck check_server_url(std::string_view raw) {
  if (raw.empty()) return fail("server URL is empty");
  if (raw.size() > 2048) return fail("server URL is too long");
  for (unsigned char c : raw)
    if (c <= 0x20 || c >= 0x7f) return fail("server URL contains spaces or non-ASCII characters");

  std::unique_ptr<CURLU, UrlDeleter> u(curl_url());
  if (!u) return fail("out of memory");
  const std::string input(raw);
  if (curl_url_set(u.get(), CURLUPART_URL, input.c_str(), 0) != CURLUE_OK)
    return fail("server URL is not a valid absolute URL (expected https://host[:port])");

  auto scheme_p = get_part(u.get(), CURLUPART_SCHEME);
  auto host_p = get_part(u.get(), CURLUPART_HOST);
  if (!scheme_p || !host_p) return fail("server URL needs a scheme and a host");
  const std::string scheme = lower(scheme_p.get());
  const std::string host = lower(host_p.get());
  if (scheme != "https" && scheme != "http") return fail("server URL must start with https:// (or http:// for this machine)");
  if (get_part(u.get(), CURLUPART_USER) || get_part(u.get(), CURLUPART_PASSWORD))
    return fail("server URL must not contain a user name or password");
  if (get_part(u.get(), CURLUPART_QUERY) || get_part(u.get(), CURLUPART_FRAGMENT))
    return fail("server URL must not contain a query or fragment");
  if (scheme == "http" && !is_loopback_host(host))
    return fail("plain http:// is allowed only for this machine (localhost, 127.0.0.0/8, ::1); use https:// for " + host);

  std::string base = scheme + "://" + host;
  if (auto port = get_part(u.get(), CURLUPART_PORT)) base += std::string(":") + port.get();
  std::string path;
  if (auto p = get_part(u.get(), CURLUPART_PATH)) path = p.get();
  while (!path.empty() && path.back() == '/') path.pop_back();
  return UrlCheck{true, base + path, {}};
}

}  // namespace om::sync

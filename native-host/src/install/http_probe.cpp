#include "install/http_probe.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <regex>

namespace om::install {
namespace beast = boost::beast;
namespace http = beast::http;
using boost::asio::ip::tcp;

HttpProbe probe_http(const std::string& url, const std::string& path, std::chrono::milliseconds timeout) {
  HttpProbe out;
  static const std::regex kUrl(R"(^(https?)://(\[[^\]]+\]|[^/:]+)(?::(\d+))?(/.*)?$)", std::regex::icase);
  std::smatch m;
  if (!std::regex_match(url, m, kUrl)) {
    out.detail = "server URL \"" + url + "\" is not an http(s) URL";
    return out;
  }
  const bool tls = m[1].str().size() == 5;
  std::string host = m[2].str();
  if (host.front() == '[') host = host.substr(1, host.size() - 2);
  const std::string port = m[3].matched ? m[3].str() : (tls ? "443" : "80");
  std::string target = (m[4].matched ? m[4].str() : std::string());
  while (!target.empty() && target.back() == '/') target.pop_back();
  target += path;

  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  tcp::resolver resolver(io);
  http::request<http::empty_body> req{http::verb::get, target.empty() ? "/" : target, 11};
  req.set(http::field::host, host);
  req.set(http::field::user_agent, "officemates-doctor");
  req.set(http::field::connection, "close");
  beast::flat_buffer buffer;
  http::response<http::string_body> res;

  stream.expires_after(timeout);
  resolver.async_resolve(host, port, [&](const beast::error_code& ec, tcp::resolver::results_type results) {
    if (ec) {
      out.detail = "cannot resolve " + host + ": " + ec.message();
      return;
    }
    stream.async_connect(results, [&](const beast::error_code& ec2, const tcp::endpoint&) {
      if (ec2) {
        out.detail = "cannot connect to " + host + ":" + port + ": " + ec2.message();
        return;
      }
      if (tls) {  // no TLS stack in the thin host: a TCP connect is what we can tell
        out.reachable = true;
        out.detail = host + ":" + port + " accepts connections (TLS not checked)";
        return;
      }
      http::async_write(stream, req, [&](const beast::error_code& ec3, std::size_t) {
        if (ec3) {
          out.detail = "cannot send the request: " + ec3.message();
          return;
        }
        http::async_read(stream, buffer, res, [&](const beast::error_code& ec4, std::size_t) {
          if (ec4) {
            out.detail = "no HTTP answer from " + host + ":" + port + ": " + ec4.message();
            return;
          }
          out.reachable = true;
          out.status = static_cast<int>(res.result_int());
          out.detail = "GET " + req.target().to_string() + " -> HTTP " + std::to_string(out.status);
        });
      });
    });
  });
  io.run_for(timeout + std::chrono::milliseconds(200));
  if (!out.reachable && out.detail.empty()) out.detail = "no answer from " + host + ":" + port + " in time";
  return out;
}

}  // namespace om::install

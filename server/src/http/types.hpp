#pragma once
// Beast types used across the HTTP layer. Beast/Asio are third-party headers
// and included as SYSTEM by the build so their warnings do not fail ours.
#include <utility>  // Boost 1.74 awaitable.hpp uses std::exchange without including it

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace om::http {
namespace beast = boost::beast;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Request = beast::http::request<beast::http::string_body>;
using Response = beast::http::response<beast::http::string_body>;
using Status = beast::http::status;
using Verb = beast::http::verb;
}  // namespace om::http

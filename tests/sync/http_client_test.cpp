// The HTTP client never hangs: a server that accepts the connection but never
// answers ends in the total timeout, and stopping a worker aborts a transfer
// in flight at once instead of waiting out the 10 s timeout.
#include "sync/http_client.hpp"
#include "sync/server_api.hpp"
#include "sync/worker.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// Listens but never reads or answers: the kernel completes the handshake.
struct SilentServer {
  int fd = -1;
  int port = 0;
  SilentServer() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd, 16);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~SilentServer() { ::close(fd); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port) + "/api/v1/presence"; }
};

}  // namespace

TEST(HttpClient, SilentServerEndsInTheTotalTimeout) {
  SilentServer s;
  om::sync::HttpRequest req;
  req.method = "POST";
  req.url = s.url();
  req.body = "{}";
  om::sync::HttpLimits limits;
  limits.total_timeout = 400ms;
  const auto t0 = Clock::now();
  const auto r = om::sync::perform(req, limits);
  const auto took = Clock::now() - t0;
  EXPECT_FALSE(r.reached());
  EXPECT_GE(took, 350ms);
  EXPECT_LT(took, 3s) << "the timeout was not applied";
}

TEST(HttpClient, DefaultLimitsAreTheProductsPromise) {
  const om::sync::HttpLimits limits;
  EXPECT_EQ(limits.connect_timeout, 3000ms);
  EXPECT_EQ(limits.total_timeout, 10000ms);
}

TEST(HttpClient, StoppingTheWorkerAbortsATransferInFlight) {
  SilentServer s;
  std::atomic<bool> started{false}, finished{false};
  om::sync::HttpResponse result;
  auto worker = std::make_unique<om::sync::Worker>();
  const auto* cancel = worker->cancel_flag();
  worker->post([&] {
    started = true;
    om::sync::HttpRequest req;
    req.url = s.url();
    result = om::sync::perform(req, {}, cancel);  // default 10 s timeout
    finished = true;
  });
  while (!started) std::this_thread::sleep_for(5ms);
  std::this_thread::sleep_for(200ms);
  const auto t0 = Clock::now();
  worker->stop();
  EXPECT_LT(Clock::now() - t0, 2500ms) << "stop() waited for the request's timeout";
  EXPECT_TRUE(finished);
  EXPECT_TRUE(result.cancelled);
}

TEST(HttpClient, OnlyHttpSchemesAreSpoken) {
  om::sync::HttpRequest req;
  req.url = "file:///etc/hostname";
  const auto r = om::sync::perform(req);
  EXPECT_FALSE(r.reached()) << "file:// must be refused by the protocol allow-list";
}

TEST(HttpClient, RedirectsAreNotFollowedSoTheTokenStaysHome) {
  // A "server" that answers every request with a redirect to a second
  // listener; the second one must never see a connection.
  SilentServer elsewhere;
  SilentServer redirector;
  std::thread serve([&] {
    const int c = ::accept(redirector.fd, nullptr, nullptr);
    if (c < 0) return;
    char buf[4096];
    (void)::read(c, buf, sizeof buf);
    const std::string reply = "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + elsewhere.url() +
                              "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    (void)::write(c, reply.data(), reply.size());
    ::close(c);
  });
  const om::sync::ServerApi api({}, nullptr);
  const auto r = api.post_presence({"http://127.0.0.1:" + std::to_string(redirector.port), "omd_secret"},
                                   {{"seq", 1}, {"state", "present"}, {"reason", ""}, {"since", 1}});
  serve.join();
  EXPECT_EQ(r.status, 307);
  EXPECT_EQ(r.kind, om::sync::ApiResult::Kind::bad_response) << "a redirect is not a success";
  // Nothing connected to the redirect target: accept() would block, so poll with a zero timeout.
  fd_set fds;
  FD_ZERO(&fds);
  FD_SET(elsewhere.fd, &fds);
  timeval tv{0, 0};
  EXPECT_EQ(::select(elsewhere.fd + 1, &fds, nullptr, nullptr, &tv), 0) << "the redirect was followed";
}

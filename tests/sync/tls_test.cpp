// TLS verification is on by default: a self-signed server is refused; it is
// accepted only when its certificate is given as the CA (OFFICEMATES_CA_FILE)
// and then only under the name the certificate was issued for. The server is
// `openssl s_server -www` on a free loopback port.
#include "harness.hpp"
#include "sync/http_client.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

bool can_connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

class Tls : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists("/usr/bin/openssl")) GTEST_SKIP() << "openssl CLI not installed";
    cert_ = dir_.path / "cert.pem";
    key_ = dir_.path / "key.pem";
    // Issued for the name "localhost" only (no IP address in the SAN).
    const std::string cmd = "/usr/bin/openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                            "-addext subjectAltName=DNS:localhost -keyout '" + key_.string() + "' -out '" +
                            cert_.string() + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    port_ = om::test::free_port();
    server_ = std::make_unique<om::test::Process>(
        std::vector<std::string>{"/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port_),
                                 "-cert", cert_.string(), "-key", key_.string(), "-www", "-quiet"},
        std::map<std::string, std::string>{}, dir_.path / "s_server.log");
    ASSERT_TRUE(om::test::wait_until([&] { return can_connect(port_); }, 10s)) << server_->log();
  }
  void TearDown() override { ::unsetenv("OFFICEMATES_CA_FILE"); }

  om::sync::HttpResponse get(const std::string& host) {
    om::sync::HttpRequest r;
    r.url = "https://" + host + ":" + std::to_string(port_) + "/";
    return om::sync::perform(r);
  }

  om::test::TempDir dir_;
  fs::path cert_, key_;
  int port_ = 0;
  std::unique_ptr<om::test::Process> server_;
};

}  // namespace

TEST_F(Tls, SelfSignedCertificateIsRefusedByDefault) {
  const auto r = get("localhost");
  EXPECT_FALSE(r.reached());
  EXPECT_NE(r.transport_error.find("certificate"), std::string::npos) << r.transport_error;
}

TEST_F(Tls, TrustedCertificateWorksOnlyForItsOwnName) {
  ::setenv("OFFICEMATES_CA_FILE", cert_.c_str(), 1);
  const auto ok = get("localhost");
  EXPECT_TRUE(ok.reached()) << ok.transport_error;
  EXPECT_EQ(ok.status, 200);
  // Same server, same trusted certificate, but reached as 127.0.0.1: the
  // certificate does not name that host, so host verification refuses it.
  const auto wrong_name = get("127.0.0.1");
  EXPECT_FALSE(wrong_name.reached());
  EXPECT_FALSE(wrong_name.transport_error.empty());
}

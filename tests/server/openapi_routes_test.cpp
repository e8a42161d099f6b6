// server/openapi.yaml and the server's router describe the same routes:
// every documented (method, path) exists and every route is documented.
// The YAML is read crudely (2-space indented path keys and their methods);
// no YAML library needed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <string>

#include "api/routes.hpp"

namespace {

std::set<std::string> documented_routes() {
  // tests/CMakeLists.txt's ENVIRONMENT list loses all but its first entry in
  // gtest_discover_tests, so fall back to the path known at build time.
  const char* src = std::getenv("OFFICEMATES_SOURCE_DIR");
  std::ifstream in(std::string(src ? src : OM_SOURCE_DIR) + "/server/openapi.yaml");
  EXPECT_TRUE(in.good());
  std::set<std::string> out;
  std::string line, path;
  bool in_paths = false;
  const std::set<std::string> methods{"get", "put", "post", "delete", "patch"};
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (!line.empty() && line[0] != ' ') break;  // next top-level key
    if (line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
    } else if (line.rfind("    ", 0) == 0 && line[4] != ' ' && line.back() == ':') {
      const auto m = line.substr(4, line.size() - 5);
      if (methods.count(m)) {
        std::string upper;
        for (char c : m) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        out.insert(upper + " " + path);
      }
    }
  }
  return out;
}

std::set<std::string> implemented_routes() {
  om::http::Router r;
  om::api::add_all_routes(r);
  std::set<std::string> out;
  for (const auto& route : r.routes()) out.insert(std::string(boost::beast::http::to_string(route.method)) + " " + route.pattern);
  out.insert("GET /");  // served by StaticFiles (redirect to /console)
  return out;
}

}  // namespace

TEST(OpenApi, EveryDocumentedRouteIsImplemented) {
  const auto doc = documented_routes();
  const auto impl = implemented_routes();
  ASSERT_GE(doc.size(), 20u);
  for (const auto& d : doc) EXPECT_TRUE(impl.count(d)) << "documented but not implemented: " << d;
}

TEST(OpenApi, EveryImplementedRouteIsDocumented) {
  const auto doc = documented_routes();
  for (const auto& i : implemented_routes()) EXPECT_TRUE(doc.count(i)) << "implemented but not documented: " << i;
}

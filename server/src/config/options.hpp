#pragma once
// Command-line options of officemates-server.
#include <cstdint>
#include <optional>
#include <string>

namespace om::config {

struct Options {
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  std::string db_path = "officemates.db";
  std::string web_root;          // resolved default when empty
  bool demo = false;
  int presence_ttl_s = 90;
  int threads = 2;               // the target machine has 2 cores
  int load_groups = 0;           // --seed-load G:U (benchmarks only)
  int load_users_per_group = 0;
};

// Parses argv; throws std::invalid_argument with a message on bad input.
// Returns nullopt when --help was printed.
std::optional<Options> parse_options(int argc, char** argv);

// Default web root: $OFFICEMATES_WEB_ROOT, else <exe>/../share/officemates/web
// when it exists (installed), else the source tree's server/web.
std::string default_web_root(const char* argv0);

}  // namespace om::config

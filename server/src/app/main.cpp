// officemates-server: REST + SSE + static pages over SQLite. See server/README.md.
#include <csignal>
#include <iostream>
#include <thread>
#include <vector>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "api/routes.hpp"
#include "app/services.hpp"
#include "auth/password.hpp"
#include "config/options.hpp"
#include "db/migrations.hpp"
#include "db/seed.hpp"
#include "http/dispatcher.hpp"
#include "http/listener.hpp"

int main(int argc, char** argv) {
  using namespace om;
  config::Options opts;
  try {
    auto parsed = config::parse_options(argc, argv);
    if (!parsed) return 0;
    opts = *parsed;
  } catch (const std::exception& e) {
    std::cerr << "officemates-server: " << e.what() << "\n";
    return 2;
  }
  if (opts.web_root.empty()) opts.web_root = config::default_web_root(argv[0]);
  // stdout carries only the "listening on" line (read by scripts, which may
  // close the pipe afterwards); logs go to stderr, and a closed pipe must not
  // kill the server.
  std::signal(SIGPIPE, SIG_IGN);
  spdlog::set_default_logger(spdlog::stderr_color_mt("server"));
  try {
    auth::init_crypto();
    db::Database database(opts.db_path);
    const int version = db::migrate(database);
    if (opts.demo) db::seed_demo(database);
    if (opts.load_groups > 0) db::seed_load(database, opts.load_groups, opts.load_users_per_group);

    http::asio::io_context io(opts.threads);
    sse::Hub hub(io);
    presence::PresenceService presence(database, hub, io, opts.presence_ttl_s);
    app::Services services{opts, database, hub, presence};
    http::Router router;
    api::add_all_routes(router);
    http::StaticFiles files(opts.web_root);
    http::Dispatcher dispatcher(router, files, services);

    const auto address = http::asio::ip::make_address(opts.listen_host);
    http::Listener listener(io, http::tcp::endpoint(address, opts.listen_port), dispatcher, hub);
    listener.start();
    hub.start();
    presence.start();

    http::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code, int) {
      listener.stop();
      presence.stop();
      hub.stop();
      io.stop();
    });
    const auto ep = listener.local_endpoint();
    // Tests and scripts read this line to learn the port (with --listen ...:0).
    std::cout << "listening on " << ep.address().to_string() << ":" << ep.port() << std::endl;
    spdlog::info("db {} (schema v{}), web root {}, presence ttl {} s", opts.db_path, version, opts.web_root,
                 opts.presence_ttl_s);

    std::vector<std::thread> workers;
    for (int i = 1; i < opts.threads; ++i) workers.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& t : workers) t.join();
  } catch (const std::exception& e) {
    std::cerr << "officemates-server: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

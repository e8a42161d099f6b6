#include "agent/agent.hpp"

#include "agent/agent_server.hpp"
#include "agent/camera/camera_concern.hpp"
#include "agent/context.hpp"
#include "agent/instance_lock.hpp"
#include "agent/server/server_concern.hpp"
#include "agent/status_verbs.hpp"
#include "common/paths.hpp"
#include "transport/log_setup.hpp"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <functional>

namespace om::agent {
using namespace std::chrono_literals;

namespace {
// Time-driven presence transitions (away after N s, end of grace) need a
// clock tick; 250 ms keeps them within a quarter second of the setting.
constexpr auto kTickEvery = 250ms;
}  // namespace

int run_agent(const AgentOptions& options) {
  paths::ensure_private_dir(options.runtime_dir);
  std::string holder;
  auto lock = InstanceLock::acquire(options.runtime_dir / "agent.lock", holder);
  if (!lock) {
    std::fprintf(stderr,
                 "officemates-agent: another agent is already running for this user (pid %s, lock %s); exiting\n",
                 holder.c_str(), (options.runtime_dir / "agent.lock").string().c_str());
    return kExitAlreadyRunning;
  }
  paths::ensure_private_dir(options.state_dir);
  transport::setup_logging("agent", "agent.log");

  store::StateStore store(options.state_dir);
  store::PersistedState state = store.load();
  HelloInfo hello;
  if (store.recovered_from()) {
    spdlog::warn("state.json was corrupt; moved aside to {} and started with defaults",
                 store.recovered_from()->string());
    hello.recovered_from = store.recovered_from();
  }

  presence::SystemClock clock;
  presence::PresenceMachine presence(presence_config_from(state.settings), clock, state.status);

  boost::asio::io_context io;
  Dispatcher dispatcher;
  ConnectionScope scope;
  AgentServer server(io, options.endpoint, dispatcher, scope);
  AgentContext ctx(io, dispatcher, server, store, state, presence);

  StatusVerbs status_verbs(ctx, scope, hello);
  auto camera = make_camera_concern(ctx);
  auto sync = make_server_concern(ctx);

  // Persist what we restored right away so a recovered (defaulted) file is
  // replaced by a valid one.
  ctx.save();

  boost::asio::steady_timer tick(io);
  std::function<void()> arm_tick = [&] {
    tick.expires_after(kTickEvery);
    tick.async_wait([&](const boost::system::error_code& ec) {
      if (ec) return;
      if (presence.tick()) ctx.commit_status_change();
      arm_tick();
    });
  };
  arm_tick();

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: saving and exiting", sig);
    io.stop();
  });

  server.start();
  spdlog::info("agent {} listening on {} (state {})", ::getpid(), options.endpoint.string(),
               options.state_dir.string());
  io.run();

  tick.cancel();
  sync->stop();
  camera->stop();
  server.stop();
  ctx.save();
  spdlog::info("agent stopped");
  return kExitOk;
}

}  // namespace om::agent

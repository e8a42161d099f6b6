// libFuzzer target: arbitrary bytes on the agent's input, through the frame
// decoder, the envelope parser and the dispatcher with the real status verbs.
// Any crash, sanitizer report, exception escaping or reply without v is a bug.
#include "agent/context.hpp"
#include "agent/dispatcher.hpp"
#include "agent/status_verbs.hpp"
#include "protocol/frame.hpp"
#include "protocol/message.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace {
using namespace om;

struct NullSink final : agent::EventSink {
  void broadcast(const nlohmann::json&) override {}
};

// One agent for the whole run: building it per input would fuzz setup, not input handling.
struct Harness {
  Harness()
      : dir(make_dir()),
        store(dir),
        state(store.load()),
        presence(agent::presence_config_from(state.settings), clock, state.status),
        ctx(io, dispatcher, sink, store, state, presence),
        verbs(ctx, scope, agent::HelloInfo{}) {}

  static std::filesystem::path make_dir() {
    // tmpfs when there is one: state.json is fsynced on every change.
    const std::filesystem::path base =
        std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    auto d = base / ("om-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }

  std::filesystem::path dir;
  boost::asio::io_context io;
  agent::Dispatcher dispatcher;
  NullSink sink;
  store::StateStore store;
  store::PersistedState state;
  presence::ManualClock clock;
  presence::PresenceMachine presence;
  agent::AgentContext ctx;
  agent::ConnectionScope scope;
  agent::StatusVerbs verbs;
};

Harness& harness() {
  static Harness* h = [] {
    auto* made = new Harness();
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(harness().dir, ec);
    });
    return made;
  }();
  return *h;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& h = harness();
  protocol::FrameDecoder decoder;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  // Alternate connections so per-connection monitoring is exercised too.
  h.scope.current = size % 3 + 1;
  while (!in.empty() && !decoder.desynchronised()) {
    in.remove_prefix(decoder.feed(in));
    while (auto ev = decoder.next()) {
      if (!ev->body) continue;
      h.dispatcher.dispatch(*ev->body, [](nlohmann::json reply) {
        if (!reply.contains("v") || !reply.contains("id")) std::abort();
        (void)protocol::to_wire(reply);
      });
    }
  }
  for (auto& fn : h.scope.on_closed) fn(h.scope.current);
  h.clock.advance(std::chrono::milliseconds(500));
  h.presence.tick();
  return 0;
}

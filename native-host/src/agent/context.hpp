#pragma once
// What a concern (status, camera, server sync) gets from the agent. Everything
// here is used on the agent's single io thread; work on other threads posts
// back with boost::asio::post(ctx.io, ...).
#include "agent/dispatcher.hpp"
#include "presence/presence_machine.hpp"
#include "store/state_store.hpp"

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <vector>

namespace om::agent {

class AgentContext {
 public:
  AgentContext(boost::asio::io_context& io_, Dispatcher& dispatcher_, EventSink& events_, store::StateStore& store_,
               store::PersistedState& state_, presence::PresenceMachine& presence_)
      : io(io_), dispatcher(dispatcher_), events(events_), store(store_), state(state_), presence(presence_) {}

  boost::asio::io_context& io;
  Dispatcher& dispatcher;
  EventSink& events;
  store::StateStore& store;
  store::PersistedState& state;  // live copy; save() persists it
  presence::PresenceMachine& presence;

  // Call after presence reported a change: copies it into state, persists,
  // broadcasts the "status" event and notifies the listeners.
  void commit_status_change();
  // Feeds one camera observation into presence and commits any change.
  void observe(const presence::Observation& o);
  // Persists state.json now.
  void save();
  // Call after settings changed (settings.set): persists and notifies.
  void commit_settings_change();

  void on_status_change(std::function<void(const presence::Status&)> fn) { status_listeners_.push_back(std::move(fn)); }
  void on_settings_change(std::function<void(const store::Settings&)> fn) { settings_listeners_.push_back(std::move(fn)); }

 private:
  std::vector<std::function<void(const presence::Status&)>> status_listeners_;
  std::vector<std::function<void(const store::Settings&)>> settings_listeners_;
};

// A concern owns its verbs and background work; stop() is called before exit.
class Concern {
 public:
  virtual ~Concern() = default;
  virtual void stop() {}
};

}  // namespace om::agent

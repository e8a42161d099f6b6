#pragma once
// A short-lived client of the agent's local socket for the doctor: connect,
// send one request frame, wait (bounded) for the reply with the same id.
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace om::install {

class AgentClient {
 public:
  explicit AgentClient(std::filesystem::path endpoint);
  ~AgentClient();
  AgentClient(const AgentClient&) = delete;
  AgentClient& operator=(const AgentClient&) = delete;

  bool connect(std::string& error);
  // Sends {"v":1,"id":<next>,"type":type,...params}; returns the reply with
  // that id (events in between are skipped) or nullopt with `error` set.
  std::optional<nlohmann::json> request(const std::string& type, const nlohmann::json& params,
                                        std::chrono::milliseconds timeout, std::string& error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace om::install

#include "transport/log_setup.hpp"

#include "common/paths.hpp"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <vector>

namespace om::transport {

void setup_logging(const std::string& logger_name, const std::string& file_name) {
  std::vector<spdlog::sink_ptr> sinks{std::make_shared<spdlog::sinks::stderr_sink_mt>()};
  try {
    const auto dir = paths::state_dir();
    std::filesystem::create_directories(dir);
    sinks.push_back(
        std::make_shared<spdlog::sinks::rotating_file_sink_mt>((dir / file_name).string(), 1024 * 1024, 3));
  } catch (const std::exception&) {
    // Read-only or missing home: stderr still works.
  }
  auto logger = std::make_shared<spdlog::logger>(logger_name, sinks.begin(), sinks.end());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %n[%P] %l: %v");
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace om::transport

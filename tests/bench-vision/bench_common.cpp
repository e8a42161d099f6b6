#include "bench_common.hpp"

#include <cstdlib>
#include <stdexcept>

#include <unistd.h>

namespace om::bench {
namespace fs = std::filesystem;

fs::path source_dir() {
  const char* e = std::getenv("OFFICEMATES_SOURCE_DIR");
  return e ? fs::path(e) : fs::path(OM_BENCH_SOURCE_DIR);
}
fs::path data_dir() {
  const char* e = std::getenv("OFFICEMATES_DATA_DIR");
  return e ? fs::path(e) : fs::path(OM_BENCH_DATA_DIR);
}
fs::path models_dir() { return data_dir() / "models"; }
fs::path bin_dir() {
  const char* e = std::getenv("OFFICEMATES_BIN_DIR");
  return e ? fs::path(e) : data_dir().parent_path() / "bin";  // build/<preset>/{data,bin}
}

const vision::DemoMedia& media() {
  static const vision::DemoMedia m = [] {
    const auto dir = data_dir() / "test-media";
    if (auto e = vision::existing_demo_media(dir)) return *e;
    const auto tmp = data_dir() / ("test-media.tmp-" + std::to_string(::getpid()));
    vision::make_demo_media(vision::ModelFiles::in(models_dir()), source_dir(), tmp);
    std::error_code ec;
    fs::rename(tmp, dir, ec);
    if (ec) fs::remove_all(tmp);
    auto made = vision::existing_demo_media(dir);
    if (!made) throw std::runtime_error("no media");
    return *made;
  }();
  return m;
}

}  // namespace om::bench

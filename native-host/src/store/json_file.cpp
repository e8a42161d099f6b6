#include "store/json_file.hpp"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>
#include <system_error>

#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif

namespace om::store {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void throw_errno(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

#ifndef _WIN32
void write_all(int fd, const std::string& content, const fs::path& path) {
  std::size_t done = 0;
  while (done < content.size()) {
    const auto n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("write " + path.string());
    }
    done += static_cast<std::size_t>(n);
  }
}

void fsync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: some filesystems refuse directory fsync
  ::fsync(fd);
  ::close(fd);
}
#endif

std::string timestamp() {
  const auto now = std::chrono::system_clock::now();
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
}

}  // namespace

void write_file_atomic(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  const fs::path tmp = path.string() + ".tmp";
#ifndef _WIN32
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw_errno("open " + tmp.string());
  try {
    write_all(fd, content, tmp);
    if (::fsync(fd) != 0) throw_errno("fsync " + tmp.string());
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw_errno("close " + tmp.string());
  if (::rename(tmp.c_str(), path.c_str()) != 0) throw_errno("rename " + tmp.string());
  fsync_dir(path.parent_path());
#else
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, path);  // MoveFileEx(REPLACE_EXISTING) underneath
#endif
}

LoadResult load_json_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::stringstream buf;
  buf << in.rdbuf();
  auto parsed = nlohmann::json::parse(buf.str(), nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_discarded() && parsed.is_object()) return {std::move(parsed), std::nullopt};

  const fs::path aside = path.string() + ".corrupt-" + timestamp();
  std::error_code ec;
  fs::rename(path, aside, ec);
  if (ec) {
    spdlog::warn("{} is corrupt and could not be moved aside ({}); starting from defaults", path.string(), ec.message());
    return {};
  }
  spdlog::warn("{} was corrupt; moved it to {} and started from defaults", path.string(), aside.string());
  return {std::nullopt, aside};
}

void append_line_durable(const fs::path& path, const std::string& line) {
  fs::create_directories(path.parent_path());
  std::string out = line;
  out.push_back('\n');
#ifndef _WIN32
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw_errno("open " + path.string());
  try {
    write_all(fd, out, path);
    if (::fsync(fd) != 0) throw_errno("fsync " + path.string());
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
#else
  std::ofstream f(path, std::ios::binary | std::ios::app);
  f << out;
  f.flush();
  if (!f) throw std::runtime_error("cannot append to " + path.string());
#endif
}

}  // namespace om::store

#include "install/subprocess.hpp"

#include <boost/process.hpp>

#include <future>
#include <iterator>

namespace om::install {
namespace bp = boost::process;

RunResult run_program(const std::filesystem::path& exe, const std::vector<std::string>& args,
                      std::chrono::milliseconds timeout) {
  RunResult r;
  try {
    bp::ipstream out;
    bp::child child(exe.string(), bp::args(args), (bp::std_out & bp::std_err) > out, bp::std_in < bp::null);
    r.started = true;
    // Drain the pipe on another thread so a chatty child cannot block on a full pipe.
    auto reader = std::async(std::launch::async, [&out] {
      return std::string(std::istreambuf_iterator<char>(out), {});
    });
    if (!child.wait_for(timeout)) {
      r.timed_out = true;
      std::error_code ec;
      child.terminate(ec);
    }
    child.wait();
    r.output = reader.get();
    r.exit_code = child.exit_code();
  } catch (const std::exception& e) {
    r.output = e.what();
  }
  return r;
}

}  // namespace om::install

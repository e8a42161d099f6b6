#include "bridge/agent_launcher.hpp"

#include <boost/process/child.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/io.hpp>

#ifdef _WIN32
#include <boost/process/windows.hpp>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace om::bridge {
namespace bp = boost::process;

bool launch_agent_detached(const std::filesystem::path& agent_exe, std::string& error) {
  try {
#ifndef _WIN32
    // Runs in the forked child just before exec, after the stdio redirects.
    // Fork once more so the agent is not our child (no zombie, no SIGHUP when
    // the browser's process group goes), start a new session, and make every
    // inherited descriptor close-on-exec so the agent never holds the
    // browser's pipes open. Only async-signal-safe calls here.
    auto detach = [](auto&) {
      const pid_t pid = ::fork();
      if (pid != 0) ::_exit(pid < 0 ? 127 : 0);
      ::setsid();
      const long max_fd = ::sysconf(_SC_OPEN_MAX);
      for (int fd = 3; fd < (max_fd > 0 && max_fd < 4096 ? max_fd : 4096); ++fd) {
        const int flags = ::fcntl(fd, F_GETFD);
        if (flags >= 0) ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
      }
    };
    bp::child intermediate(bp::exe = agent_exe.string(), bp::std_in < bp::null, bp::std_out > bp::null,
                           bp::std_err > bp::null, bp::extend::on_exec_setup = detach);
    intermediate.wait();  // the intermediate exits at once; reap it
    if (intermediate.exit_code() != 0) {
      error = "could not fork the agent";
      return false;
    }
#else
    bp::child agent(bp::exe = agent_exe.string(), bp::std_in < bp::null, bp::std_out > bp::null,
                    bp::std_err > bp::null, bp::windows::create_no_window);
    agent.detach();
#endif
    return true;
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
}

}  // namespace om::bridge

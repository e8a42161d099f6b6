#include "install/cli.hpp"

#include <cstdio>

namespace om::install {

int main(int, char**) {
  std::fputs("officemates-host: install/uninstall/doctor are not part of this build yet\n", stderr);
  return 2;
}

}  // namespace om::install

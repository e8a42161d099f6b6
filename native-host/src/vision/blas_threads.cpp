#include "vision/blas_threads.hpp"

#ifndef _WIN32
#include <dlfcn.h>
#endif

namespace om::vision {

bool set_blas_threads(int n) {
#ifndef _WIN32
  using Fn = void (*)(int);
  void* sym = dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
  if (!sym) return false;
  reinterpret_cast<Fn>(sym)(n);
  return true;
#else
  (void)n;
  return false;
#endif
}

}  // namespace om::vision

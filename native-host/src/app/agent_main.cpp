// Placeholder entry point; replaced as the modules land.
#include <cstdio>
int main() {
  std::fputs("not built yet\n", stderr);
  return 2;
}

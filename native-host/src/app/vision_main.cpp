// officemates-vision: camera + OpenCV + dlib in their own process (see
// native-host/src/vision/WORKER-PROTOCOL.md), so the agent stays small and the
// camera is released whenever this process is not running.
#include "vision/cli.hpp"

int main(int argc, char** argv) { return om::vision::cli_main(argc, argv); }

#pragma once
// The officemates-vision command line (officemates-host face/model exec into
// it with argv unchanged): model convert, face enroll|match|chips, media
// timeline, camera list, worker.
namespace om::vision {
int cli_main(int argc, char** argv);
}

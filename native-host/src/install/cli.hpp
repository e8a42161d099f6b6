#pragma once
// `officemates-host install|uninstall|doctor ...`. The command is argv[0]
// (the router passes the arguments after the program name) or, when argv[0]
// is the program itself, argv[1]; both forms are accepted.
namespace om::install {
int main(int argc, char** argv);
}

#pragma once
// `officemates-host install|uninstall|doctor ...`: argv[1] is the command.
namespace om::install {
int main(int argc, char** argv);
}

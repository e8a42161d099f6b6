# One place for compiler flags so every target gets the same discipline.
add_library(officemates_flags INTERFACE)
target_compile_options(officemates_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  $<$<BOOL:${OFFICEMATES_WERROR}>:-Werror>)

if(OFFICEMATES_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Third-party headers are included as SYSTEM so their warnings do not fail our build.
function(officemates_target name)
  target_link_libraries(${name} PRIVATE officemates_flags)
endfunction()

# Warnings as an INTERFACE target so every target of ours opts in explicitly.
add_library(tunesmith_warnings INTERFACE)
target_compile_options(tunesmith_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(TUNESMITH_WERROR)
  target_compile_options(tunesmith_warnings INTERFACE -Werror)
endif()

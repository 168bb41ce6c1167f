# AddressSanitizer + UndefinedBehaviorSanitizer as an INTERFACE target (CI runs the tests once with it).
add_library(tunesmith_sanitizers INTERFACE)
if(TUNESMITH_SANITIZE)
  target_compile_options(tunesmith_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(tunesmith_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

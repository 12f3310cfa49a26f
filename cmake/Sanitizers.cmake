# -DRIVET_SANITIZE=ON: ASan + UBSan for every target; UB aborts instead of warning.
if(RIVET_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
if(RIVET_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "RIVET_FUZZ needs clang")
  endif()
  # The library is instrumented for coverage; the fuzzer's main comes with the target.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

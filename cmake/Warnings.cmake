# C17 with warnings as errors, for gcc and clang alike.
set(CMAKE_C_STANDARD 17)
set(CMAKE_C_STANDARD_REQUIRED ON)
set(CMAKE_C_EXTENSIONS OFF)
add_compile_options(-Wall -Wextra -Werror -Wno-unused-parameter)
add_compile_definitions(_GNU_SOURCE)

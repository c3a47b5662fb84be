# CI's sanitizer leg (scripts/test-sanitizers.sh): AddressSanitizer and UndefinedBehaviorSanitizer on
# everything built here, and with CHATTRAIN_FUZZ the coverage libFuzzer needs. The SentencePiece bridge
# stays uninstrumented (core/tokenizer/CMakeLists.txt): it is loaded into a link namespace of its own,
# where no sanitizer runtime is.
if(CHATTRAIN_FUZZ)
  set(CHATTRAIN_SANITIZE ON)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "CHATTRAIN_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
endif()
if(CHATTRAIN_SANITIZE)
  # vptr checks need every polymorphic type instrumented; LibTorch's and Qt's are not.
  set(CHATTRAIN_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_compile_options(${CHATTRAIN_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
  add_compile_definitions(CHATTRAIN_SANITIZE)
  if(CHATTRAIN_FUZZ)
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
endif()

# Every dependency comes from Debian packages (scripts/setup.sh installs them) or, on a GPU
# machine, from a prefix given in CMAKE_PREFIX_PATH (see shared GPU.md).

find_package(Torch REQUIRED)
find_package(nlohmann_json 3.9 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)

# utf8proc: NFC normalisation and UTF-8 validation of imported text.
find_path(UTF8PROC_INCLUDE_DIR utf8proc.h REQUIRED)
find_library(UTF8PROC_LIBRARY utf8proc REQUIRED)
add_library(chattrain::utf8proc UNKNOWN IMPORTED)
set_target_properties(chattrain::utf8proc PROPERTIES
  IMPORTED_LOCATION "${UTF8PROC_LIBRARY}" INTERFACE_INCLUDE_DIRECTORIES "${UTF8PROC_INCLUDE_DIR}")

# SentencePiece is linked ONLY into the dlopen'ed bridge (core/tokenizer): its bundled
# protobuf 3.14 clashes with LibTorch's protobuf 3.21 in one process image.
find_path(SENTENCEPIECE_INCLUDE_DIR sentencepiece_processor.h REQUIRED)
find_library(SENTENCEPIECE_LIBRARY sentencepiece REQUIRED)
find_library(SENTENCEPIECE_TRAIN_LIBRARY sentencepiece_train REQUIRED)
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(SENTENCEPIECE_PC QUIET sentencepiece)
endif()
set(SENTENCEPIECE_VERSION "${SENTENCEPIECE_PC_VERSION}")
if(NOT SENTENCEPIECE_VERSION)
  set(SENTENCEPIECE_VERSION "unknown")
endif()

if(CHATTRAIN_GUI)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets PrintSupport Test Network LinguistTools)
  find_package(QCustomPlotQt6 REQUIRED)
elseif(CHATTRAIN_TESTS)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Test Network)
endif()

# c10d's Gloo process group (data-parallel training over several processes): LibTorch has it compiled
# in; its header needs Gloo's headers (libgloo-dev) and USE_C10D_GLOO. Required: a build without it could
# not train on several processes, and nobody would notice until they tried.
find_path(GLOO_INCLUDE_DIR gloo/algorithm.h REQUIRED)

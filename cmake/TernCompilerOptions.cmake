# Compiler options shared by every Tern target: tern_set_options(target).
add_library(tern_options INTERFACE)
target_compile_options(tern_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
    -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough)
target_compile_definitions(tern_options INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
    QT_NO_CAST_FROM_BYTEARRAY QT_USE_QSTRINGBUILDER QT_NO_KEYWORDS
    TERN_VERSION="${PROJECT_VERSION}")
if(TERN_WERROR)
    target_compile_options(tern_options INTERFACE -Werror)
endif()
if(TERN_SANITIZE)
    target_compile_options(tern_options INTERFACE -fsanitize=address,undefined
        -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(tern_options INTERFACE -fsanitize=address,undefined)
endif()

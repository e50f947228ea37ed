# SPDX-License-Identifier: MIT
# Install rules: CLI, both libraries, headers, data, pkg-config file and a
# CMake package (STYLE C6, C7).
include(CMakePackageConfigHelpers)

install(TARGETS sverka sverka_static EXPORT sverkaTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(SVERKA_BUILD_CLI)
  install(TARGETS sverka-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY include/sverka DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/sverka/version.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sverka)
install(DIRECTORY ${SV_BUILD_DATADIR}/ DESTINATION ${CMAKE_INSTALL_DATADIR}/sverka)

install(EXPORT sverkaTargets NAMESPACE sverka::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/sverka)
configure_package_config_file(cmake/sverkaConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sverkaConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/sverka)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/sverkaConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/sverkaConfig.cmake
  ${PROJECT_BINARY_DIR}/sverkaConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/sverka)

# Relocatable: the prefix is found from the .pc file's own place.
file(RELATIVE_PATH SV_PC_TO_PREFIX
  ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" SV_PC_TO_PREFIX "${SV_PC_TO_PREFIX}")
configure_file(cmake/sverka.pc.in ${PROJECT_BINARY_DIR}/sverka.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/sverka.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

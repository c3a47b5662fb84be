# Read by cpack for each generator: the .deb installs under /usr; the .tar.gz unpacks to a folder
# holding bin/, lib/ and share/ that runs from wherever it is unpacked.
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
else()
  set(CPACK_PACKAGING_INSTALL_PREFIX /)
endif()

# Registers the web page's end-to-end test (headless Chromium driven by node over the DevTools
# protocol). It skips (exit 77) with a message when chromium or node is absent.
find_program(TUNESMITH_NODE node)
if(TUNESMITH_NODE)
  add_test(NAME server_web_e2e
    COMMAND ${TUNESMITH_NODE} --experimental-websocket ${CMAKE_CURRENT_LIST_DIR}/web_e2e.mjs $<TARGET_FILE:tunesmith_cli>)
  set_tests_properties(server_web_e2e PROPERTIES LABELS "server;e2e" SKIP_RETURN_CODE 77 TIMEOUT 300
    ENVIRONMENT "XDG_CONFIG_HOME=${PROJECT_BINARY_DIR}/test-config")
else()
  add_test(NAME server_web_e2e COMMAND sh -c "echo 'SKIP: node is not installed'; exit 77")
  set_tests_properties(server_web_e2e PROPERTIES LABELS "server;e2e" SKIP_RETURN_CODE 77)
endif()

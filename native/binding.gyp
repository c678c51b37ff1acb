{
  "targets": [
    {
      "target_name": "dmvpn_native",
      "sources": ["src/module.c", "src/util.c", "src/fdops.c", "src/poll.c", "src/esp.c", "src/raw6.c", "src/ip6.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "defines": ["NAPI_VERSION=8", "_GNU_SOURCE"]
    }
  ]
}

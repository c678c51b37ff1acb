/* Module registration: the functions src/node/sys/native.ts wraps. */
#include "dn.h"

#define FN(name, fn) { name, NULL, fn, NULL, NULL, NULL, napi_enumerable, NULL }

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
    FN("openTap", dn_open_tap),   FN("openRaw", dn_open_raw), FN("bindRaw", dn_bind_raw),
    FN("sendTo", dn_send_to),     FN("write", dn_write),      FN("close", dn_close),
    FN("errname", dn_errname),    FN("startPoll", dn_start_poll), FN("stopPoll", dn_stop_poll),
    FN("sendBatch", dn_send_batch), FN("writev", dn_writev),
    FN("joinGroup", dn_join_group),
    FN("espContext", dn_esp_context), FN("espSeal", dn_esp_seal), FN("espOpen", dn_esp_open),
    FN("openRaw6", dn_open_raw6), FN("bindRaw6", dn_bind_raw6), FN("sendTo6", dn_send_to6),
    FN("sendBatch6", dn_send_batch6),
    FN("openSend6", dn_open_send6), FN("openPacket6", dn_open_packet6), FN("joinGroup6", dn_join_group6),
    FN("ifIndex", dn_if_index),
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

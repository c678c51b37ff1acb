/* Argument parsing and error helpers for the dmvpn native addon. */
#include "dn.h"
#include <stdio.h>
#include <string.h>
#include <uv.h>

napi_value dn_throw_errno(napi_env env, const char *syscall, int err, const char *subject) {
  char msg[320];
  const char *name = uv_err_name(-err);
  if (subject && subject[0])
    snprintf(msg, sizeof msg, "%s: %s, %s '%s'", name, strerror(err), syscall, subject);
  else
    snprintf(msg, sizeof msg, "%s: %s, %s", name, strerror(err), syscall);
  napi_value code, message, error, errno_v, syscall_v;
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &code);
  napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &message);
  napi_create_error(env, code, message, &error);
  napi_create_int32(env, -err, &errno_v);
  napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &syscall_v);
  napi_set_named_property(env, error, "errno", errno_v);
  napi_set_named_property(env, error, "syscall", syscall_v);
  napi_throw(env, error);
  return NULL;
}

napi_value dn_throw_type(napi_env env, const char *msg) {
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", msg);
  return NULL;
}

int dn_arg_i32(napi_env env, napi_value v, int32_t *out, const char *what) {
  if (napi_get_value_int32(env, v, out) != napi_ok) {
    char msg[128];
    snprintf(msg, sizeof msg, "%s: expected a number", what);
    dn_throw_type(env, msg);
    return 0;
  }
  return 1;
}

int dn_arg_u32(napi_env env, napi_value v, uint32_t *out, const char *what) {
  if (napi_get_value_uint32(env, v, out) != napi_ok) {
    char msg[128];
    snprintf(msg, sizeof msg, "%s: expected a number", what);
    dn_throw_type(env, msg);
    return 0;
  }
  return 1;
}

int dn_arg_bytes(napi_env env, napi_value v, void **data, size_t *len, const char *what) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) == napi_ok && is) {
    napi_typedarray_type type;
    size_t length, offset;
    napi_value ab;
    if (napi_get_typedarray_info(env, v, &type, &length, data, &ab, &offset) != napi_ok) goto bad;
    size_t size = 1;
    switch (type) {
      case napi_int16_array: case napi_uint16_array: size = 2; break;
      case napi_int32_array: case napi_uint32_array: case napi_float32_array: size = 4; break;
      case napi_float64_array: case napi_bigint64_array: case napi_biguint64_array: size = 8; break;
      default: size = 1;
    }
    *len = length * size;
    return 1;
  }
  if (napi_is_dataview(env, v, &is) == napi_ok && is) {
    napi_value ab;
    size_t offset;
    if (napi_get_dataview_info(env, v, len, data, &ab, &offset) != napi_ok) goto bad;
    return 1;
  }
bad:;
  char msg[128];
  snprintf(msg, sizeof msg, "%s: expected a Uint8Array or Buffer", what);
  dn_throw_type(env, msg);
  return 0;
}

napi_value dn_int(napi_env env, int64_t v) {
  napi_value r;
  napi_create_int64(env, v, &r);
  return r;
}

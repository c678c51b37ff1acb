/* Shared helpers of the dmvpn native addon: argument parsing and errno-carrying JS errors. */
#ifndef DN_H
#define DN_H

#include <netinet/in.h>
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* Throws Error(code = errno name, errno = -err, syscall) and returns NULL. */
napi_value dn_throw_errno(napi_env env, const char *syscall, int err, const char *subject);
/* Throws TypeError(code = 'ERR_INVALID_ARG_TYPE') and returns NULL. */
napi_value dn_throw_type(napi_env env, const char *msg);
/* Reads argument `i` as int32; throws and returns 0 on failure. */
int dn_arg_i32(napi_env env, napi_value v, int32_t *out, const char *what);
/* Reads argument as uint32; throws and returns 0 on failure. */
int dn_arg_u32(napi_env env, napi_value v, uint32_t *out, const char *what);
/* Data pointer and byte length of a TypedArray/Buffer/DataView; throws and returns 0 on failure. */
int dn_arg_bytes(napi_env env, napi_value v, void **data, size_t *len, const char *what);
/* Creates a JS number from an int. */
napi_value dn_int(napi_env env, int64_t v);

/* fd operations (fdops.c) */
napi_value dn_open_tap(napi_env env, napi_callback_info info);
napi_value dn_open_raw(napi_env env, napi_callback_info info);
napi_value dn_bind_raw(napi_env env, napi_callback_info info);
napi_value dn_join_group(napi_env env, napi_callback_info info);
napi_value dn_send_to(napi_env env, napi_callback_info info);
napi_value dn_write(napi_env env, napi_callback_info info);
napi_value dn_close(napi_env env, napi_callback_info info);
napi_value dn_send_batch(napi_env env, napi_callback_info info);
napi_value dn_writev(napi_env env, napi_callback_info info);
napi_value dn_errname(napi_env env, napi_callback_info info);

/* Most messages one sendBatch/sendBatch6 call takes. */
#define DN_MAX_BATCH 64

/* A destination of a batch in the address family of the socket. */
union dn_sockaddr {
  struct sockaddr_in v4;
  struct sockaddr_in6 v6;
};

/* How one address family's destinations sit in a batch's `addrs` buffer. */
struct dn_batch_family {
  const char *usage;     /* the TypeError message when arguments are missing */
  const char *range;     /* the RangeError message for a bad count or buffer */
  size_t addr_bytes;     /* bytes per destination in addrs */
  size_t addr_align;     /* the alignment addrs needs (a Uint32Array: 4) */
  socklen_t (*sockaddr)(const uint8_t *addr, union dn_sockaddr *sa); /* fills sa; returns its length */
};

/*
 * (fd, views, addrs, count, results) -> messages sent: one sendmmsg for up to 64 payloads, views[i] to
 * the destination at addrs + i * addr_bytes. results[i] gets bytes sent or -errno; a failed message
 * is skipped and the rest still go. The body of sendBatch (fdops.c) and sendBatch6 (raw6.c).
 */
napi_value dn_send_batch_as(napi_env env, napi_callback_info info, const struct dn_batch_family *family);

/* ESP crypto (esp.c) */
napi_value dn_esp_context(napi_env env, napi_callback_info info);
napi_value dn_esp_seal(napi_env env, napi_callback_info info);
napi_value dn_esp_open(napi_env env, napi_callback_info info);

/* raw IPv6 sockets (raw6.c) */
napi_value dn_open_raw6(napi_env env, napi_callback_info info);
napi_value dn_bind_raw6(napi_env env, napi_callback_info info);
napi_value dn_send_to6(napi_env env, napi_callback_info info);
napi_value dn_send_batch6(napi_env env, napi_callback_info info);

/* IPv6 routing-protocol sockets (ip6.c) */
napi_value dn_open_send6(napi_env env, napi_callback_info info);
napi_value dn_open_packet6(napi_env env, napi_callback_info info);
napi_value dn_join_group6(napi_env env, napi_callback_info info);
napi_value dn_if_index(napi_env env, napi_callback_info info);

/* libuv polling (poll.c) */
napi_value dn_start_poll(napi_env env, napi_callback_info info);
napi_value dn_stop_poll(napi_env env, napi_callback_info info);

#endif

/*
 * Raw IPv6 sockets for one next header (47 GRE over an IPv6 NBMA): open, bind, send one, send a batch.
 * Addresses are 16-byte network-order buffers. An AF_INET6 raw socket carries no IPv6 header either
 * way: sends are the payload, receives start at the payload and their source comes from msg_name
 * (startPoll's `names` buffer, poll.c).
 */
#include "dn.h"
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

#define ARGS(n)                                                         \
  size_t argc = (n);                                                    \
  napi_value argv[(n) > 0 ? (n) : 1];                                   \
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;

/* Reads a 16-byte address argument into sa (AF_INET6); throws and returns 0 on failure. */
static int addr6_arg(napi_env env, napi_value v, struct sockaddr_in6 *sa) {
  void *data;
  size_t len;
  if (!dn_arg_bytes(env, v, &data, &len, "addr")) return 0;
  if (len != 16) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "addr: expected 16 bytes (an IPv6 address)");
    return 0;
  }
  memset(sa, 0, sizeof *sa);
  sa->sin6_family = AF_INET6;
  memcpy(&sa->sin6_addr, data, 16);
  return 1;
}

/* openRaw6(protocol, bufferBytes?) -> fd: AF_INET6 SOCK_RAW, nonblocking; the kernel fragments at the source. */
napi_value dn_open_raw6(napi_env env, napi_callback_info info) {
  ARGS(2);
  int32_t proto, bytes = 0;
  if (argc < 1) return dn_throw_type(env, "openRaw6(protocol): protocol missing");
  if (!dn_arg_i32(env, argv[0], &proto, "protocol")) return NULL;
  if (argc > 1 && !dn_arg_i32(env, argv[1], &bytes, "bufferBytes")) return NULL;
  if (proto < 1 || proto > 255) return dn_throw_errno(env, "socket", EINVAL, "protocol");
  int fd = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
  if (fd < 0) return dn_throw_errno(env, "socket(AF_INET6, SOCK_RAW)", errno, NULL);
  int pmtu = IPV6_PMTUDISC_DONT;
  setsockopt(fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, &pmtu, sizeof pmtu);
  if (bytes > 0) {
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) < 0)
      setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
    if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &bytes, sizeof bytes) < 0)
      setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes);
  }
  return dn_int(env, fd);
}

/* bindRaw6(fd, addr16) binds the socket's source address. */
napi_value dn_bind_raw6(napi_env env, napi_callback_info info) {
  ARGS(2);
  int32_t fd;
  struct sockaddr_in6 sa;
  if (argc < 2) return dn_throw_type(env, "bindRaw6(fd, addr): arguments missing");
  if (!dn_arg_i32(env, argv[0], &fd, "fd") || !addr6_arg(env, argv[1], &sa)) return NULL;
  if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) return dn_throw_errno(env, "bind", errno, NULL);
  return NULL;
}

/*
 * sendTo6(fd, addr16, buf, scopeId?) -> bytes sent, or -errno (per-packet errors are not thrown); the scope id
 * (an interface index) is what a link-local or link-scope multicast destination needs.
 */
napi_value dn_send_to6(napi_env env, napi_callback_info info) {
  ARGS(4);
  int32_t fd;
  uint32_t scope = 0;
  struct sockaddr_in6 sa;
  void *data;
  size_t len;
  if (argc < 3) return dn_throw_type(env, "sendTo6(fd, addr, buf, scopeId?): arguments missing");
  if (!dn_arg_i32(env, argv[0], &fd, "fd") || !addr6_arg(env, argv[1], &sa)) return NULL;
  if (!dn_arg_bytes(env, argv[2], &data, &len, "buffer")) return NULL;
  if (argc > 3 && !dn_arg_u32(env, argv[3], &scope, "scopeId")) return NULL;
  sa.sin6_scope_id = scope;
  ssize_t r;
  do r = sendto(fd, data, len, 0, (struct sockaddr *)&sa, sizeof sa);
  while (r < 0 && errno == EINTR);
  return dn_int(env, r < 0 ? -errno : r);
}

/* An IPv6 address of sendBatch6's addrs (16 network-order bytes) as a sockaddr. */
static socklen_t batch_sockaddr6(const uint8_t *addr, union dn_sockaddr *sa) {
  memset(&sa->v6, 0, sizeof sa->v6);
  sa->v6.sin6_family = AF_INET6;
  memcpy(&sa->v6.sin6_addr, addr, 16);
  return sizeof sa->v6;
}

static const struct dn_batch_family batch6 = {
  .usage = "sendBatch6(fd, views, addrs, count, results): arguments missing",
  .range = "count must be 0-64, addrs 16 bytes per message, results an Int32Array",
  .addr_bytes = 16,
  .addr_align = 1,
  .sockaddr = batch_sockaddr6,
};

/* sendBatch6(fd, views, addrs, count, results): dn_send_batch_as with views[i] to the 16 bytes at addrs[16i]. */
napi_value dn_send_batch6(napi_env env, napi_callback_info info) {
  return dn_send_batch_as(env, info, &batch6);
}

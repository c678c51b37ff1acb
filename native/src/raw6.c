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

#define DN_MAX_BATCH 64

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

/*
 * sendBatch6(fd, views, addrs, count, results) -> messages sent: one sendmmsg for up to 64 payloads,
 * views[i] to the 16 bytes at addrs[16i]. results[i] gets bytes sent or -errno; a failed message is
 * skipped and the rest still go.
 */
napi_value dn_send_batch6(napi_env env, napi_callback_info info) {
  ARGS(5);
  int32_t fd, count;
  void *addrs_p, *results_p;
  size_t addrs_len, results_len;
  bool is_array = false;
  if (argc < 5) return dn_throw_type(env, "sendBatch6(fd, views, addrs, count, results): arguments missing");
  if (!dn_arg_i32(env, argv[0], &fd, "fd") || !dn_arg_i32(env, argv[3], &count, "count")) return NULL;
  if (napi_is_array(env, argv[1], &is_array) != napi_ok || !is_array) return dn_throw_type(env, "views: expected an array");
  if (!dn_arg_bytes(env, argv[2], &addrs_p, &addrs_len, "addrs") || !dn_arg_bytes(env, argv[4], &results_p, &results_len, "results"))
    return NULL;
  if (count < 0 || count > DN_MAX_BATCH || addrs_len < (size_t)count * 16 || results_len < (size_t)count * 4 ||
      ((uintptr_t)results_p & 3)) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "count must be 0-64, addrs 16 bytes per message, results an Int32Array");
    return NULL;
  }
  const uint8_t *addrs = addrs_p;
  int32_t *results = results_p;
  struct mmsghdr msgs[DN_MAX_BATCH];
  struct iovec iov[DN_MAX_BATCH];
  struct sockaddr_in6 sa[DN_MAX_BATCH];
  memset(msgs, 0, sizeof(msgs[0]) * (size_t)count);
  for (int32_t i = 0; i < count; i++) {
    napi_value v;
    void *data;
    size_t len;
    if (napi_get_element(env, argv[1], (uint32_t)i, &v) != napi_ok || !dn_arg_bytes(env, v, &data, &len, "views[i]")) return NULL;
    iov[i].iov_base = data;
    iov[i].iov_len = len;
    memset(&sa[i], 0, sizeof sa[i]);
    sa[i].sin6_family = AF_INET6;
    memcpy(&sa[i].sin6_addr, addrs + 16 * i, 16);
    msgs[i].msg_hdr.msg_name = &sa[i];
    msgs[i].msg_hdr.msg_namelen = sizeof sa[i];
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
  }
  int done = 0, ok = 0;
  while (done < count) {
    int r = sendmmsg(fd, msgs + done, (unsigned)(count - done), 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      results[done++] = -errno;
      continue;
    }
    for (int k = done; k < done + r; k++) results[k] = (int32_t)msgs[k].msg_len;
    ok += r;
    done += r;
  }
  return dn_int(env, ok);
}

/* File-descriptor operations: open a TAP device, open/bind a raw IPv4 socket, send, write, close. */
#include "dn.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include <uv.h>

#define ARGS(n)                                                         \
  size_t argc = (n);                                                    \
  napi_value argv[(n) > 0 ? (n) : 1];                                   \
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;

/*
 * openTap(name, vnetHdr?, tso?) -> { fd, name, mac }: IFF_TAP | IFF_NO_PI (| IFF_VNET_HDR), nonblocking,
 * close-on-exec. With tso (and vnetHdr) the kernel may hand over partial checksums and TCP GSO frames
 * (TUNSETOFFLOAD: TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6).
 */
napi_value dn_open_tap(napi_env env, napi_callback_info info) {
  ARGS(3);
  bool vnet = false, tso = false;
  if (argc > 1) napi_get_value_bool(env, argv[1], &vnet);
  if (argc > 2) napi_get_value_bool(env, argv[2], &tso);
  char name[IFNAMSIZ] = {0};
  size_t len = 0;
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], NULL, 0, &len) != napi_ok)
    return dn_throw_type(env, "openTap(name): name must be a string");
  if (len >= IFNAMSIZ) return dn_throw_errno(env, "openTap", ENAMETOOLONG, "name");
  napi_get_value_string_utf8(env, argv[0], name, sizeof name, &len);

  int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return dn_throw_errno(env, "open", errno, "/dev/net/tun");
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  ifr.ifr_flags = IFF_TAP | IFF_NO_PI | (vnet ? IFF_VNET_HDR : 0);
  memcpy(ifr.ifr_name, name, len);
  if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
    int err = errno;
    close(fd);
    return dn_throw_errno(env, "ioctl(TUNSETIFF)", err, name);
  }
  if (vnet && tso && ioctl(fd, TUNSETOFFLOAD, TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6) < 0) {
    int err = errno;
    close(fd);
    return dn_throw_errno(env, "ioctl(TUNSETOFFLOAD)", err, name);
  }
  struct ifreq hw;
  memset(&hw, 0, sizeof hw);
  memcpy(hw.ifr_name, ifr.ifr_name, IFNAMSIZ);
  if (ioctl(fd, SIOCGIFHWADDR, &hw) < 0) {
    int err = errno;
    close(fd);
    return dn_throw_errno(env, "ioctl(SIOCGIFHWADDR)", err, ifr.ifr_name);
  }
  napi_value out, fd_v, name_v, mac_v;
  void *mac_data;
  napi_create_object(env, &out);
  napi_create_int32(env, fd, &fd_v);
  napi_create_string_utf8(env, ifr.ifr_name, strnlen(ifr.ifr_name, IFNAMSIZ), &name_v);
  napi_create_buffer_copy(env, 6, hw.ifr_hwaddr.sa_data, &mac_data, &mac_v);
  napi_set_named_property(env, out, "fd", fd_v);
  napi_set_named_property(env, out, "name", name_v);
  napi_set_named_property(env, out, "mac", mac_v);
  return out;
}

static void set_buf(int fd, int force_opt, int opt, int bytes) {
  if (setsockopt(fd, SOL_SOCKET, force_opt, &bytes, sizeof bytes) < 0)
    setsockopt(fd, SOL_SOCKET, opt, &bytes, sizeof bytes);
}

/* openRaw(protocol, bufferBytes?) -> fd: AF_INET SOCK_RAW, nonblocking, DF never set (the kernel fragments). */
napi_value dn_open_raw(napi_env env, napi_callback_info info) {
  ARGS(2);
  int32_t proto, bytes = 0;
  if (argc < 1) return dn_throw_type(env, "openRaw(protocol): protocol missing");
  if (!dn_arg_i32(env, argv[0], &proto, "protocol")) return NULL;
  if (argc > 1 && !dn_arg_i32(env, argv[1], &bytes, "bufferBytes")) return NULL;
  if (proto < 1 || proto > 255) return dn_throw_errno(env, "socket", EINVAL, "protocol");
  int fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
  if (fd < 0) return dn_throw_errno(env, "socket(AF_INET, SOCK_RAW)", errno, NULL);
  int pmtu = IP_PMTUDISC_DONT;
  setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &pmtu, sizeof pmtu);
  if (bytes > 0) {
    set_buf(fd, SO_RCVBUFFORCE, SO_RCVBUF, bytes);
    set_buf(fd, SO_SNDBUFFORCE, SO_SNDBUF, bytes);
  }
  return dn_int(env, fd);
}

/* bindRaw(fd, addr) binds the socket's source address (host-order uint32). */
napi_value dn_bind_raw(napi_env env, napi_callback_info info) {
  ARGS(2);
  int32_t fd;
  uint32_t addr;
  if (argc < 2) return dn_throw_type(env, "bindRaw(fd, addr): arguments missing");
  if (!dn_arg_i32(env, argv[0], &fd, "fd") || !dn_arg_u32(env, argv[1], &addr, "addr")) return NULL;
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(addr);
  if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) return dn_throw_errno(env, "bind", errno, NULL);
  return NULL;
}

static int is_undefined(napi_env env, napi_value v) {
  napi_valuetype t;
  return napi_typeof(env, v, &t) == napi_ok && t == napi_undefined;
}

/* Resolves (buf, offset?, length?) to a pointer and length inside the buffer; throws on bad range. */
static int slice_args(napi_env env, napi_value *argv, size_t argc, size_t first, char **p, size_t *n) {
  void *data;
  size_t len;
  if (argc <= first) return dn_throw_type(env, "buffer missing"), 0;
  if (!dn_arg_bytes(env, argv[first], &data, &len, "buffer")) return 0;
  int32_t off = 0, cnt = -1;
  if (argc > first + 1 && !is_undefined(env, argv[first + 1]) && !dn_arg_i32(env, argv[first + 1], &off, "offset")) return 0;
  if (argc > first + 2 && !is_undefined(env, argv[first + 2]) && !dn_arg_i32(env, argv[first + 2], &cnt, "length")) return 0;
  if (cnt < 0) cnt = (int32_t)len - off;
  if (off < 0 || cnt < 0 || (size_t)off + (size_t)cnt > len) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "offset/length outside the buffer");
    return 0;
  }
  *p = (char *)data + off;
  *n = (size_t)cnt;
  return 1;
}

/* sendTo(fd, addr, buf, offset?, length?) -> bytes sent, or -errno (per-packet errors are not thrown). */
napi_value dn_send_to(napi_env env, napi_callback_info info) {
  ARGS(5);
  int32_t fd;
  uint32_t addr;
  char *p;
  size_t n;
  if (argc < 3) return dn_throw_type(env, "sendTo(fd, addr, buf): arguments missing");
  if (!dn_arg_i32(env, argv[0], &fd, "fd") || !dn_arg_u32(env, argv[1], &addr, "addr")) return NULL;
  if (!slice_args(env, argv, argc, 2, &p, &n)) return NULL;
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(addr);
  ssize_t r;
  do r = sendto(fd, p, n, 0, (struct sockaddr *)&sa, sizeof sa);
  while (r < 0 && errno == EINTR);
  return dn_int(env, r < 0 ? -errno : r);
}

/* write(fd, buf, offset?, length?) -> bytes written, or -errno. */
napi_value dn_write(napi_env env, napi_callback_info info) {
  ARGS(4);
  int32_t fd;
  char *p;
  size_t n;
  if (argc < 2) return dn_throw_type(env, "write(fd, buf): arguments missing");
  if (!dn_arg_i32(env, argv[0], &fd, "fd")) return NULL;
  if (!slice_args(env, argv, argc, 1, &p, &n)) return NULL;
  ssize_t r;
  do r = write(fd, p, n);
  while (r < 0 && errno == EINTR);
  return dn_int(env, r < 0 ? -errno : r);
}

/* close(fd): throws on failure (EBADF for a closed fd). */
napi_value dn_close(napi_env env, napi_callback_info info) {
  ARGS(1);
  int32_t fd;
  if (argc < 1 || !dn_arg_i32(env, argv[0], &fd, "fd")) return argc < 1 ? dn_throw_type(env, "close(fd): fd missing") : NULL;
  if (close(fd) < 0) return dn_throw_errno(env, "close", errno, NULL);
  return NULL;
}

/* errname(errno) -> 'EPERM' etc. (accepts positive or negative numbers). */
napi_value dn_errname(napi_env env, napi_callback_info info) {
  ARGS(1);
  int32_t e;
  if (argc < 1 || !dn_arg_i32(env, argv[0], &e, "errno")) return argc < 1 ? dn_throw_type(env, "errname(errno): errno missing") : NULL;
  napi_value s;
  napi_create_string_utf8(env, uv_err_name(e > 0 ? -e : e), NAPI_AUTO_LENGTH, &s);
  return s;
}

/* An IPv4 address of sendBatch's addrs (a host-order uint32) as a sockaddr. */
static socklen_t batch_sockaddr4(const uint8_t *addr, union dn_sockaddr *sa) {
  uint32_t a;
  memcpy(&a, addr, 4);
  memset(&sa->v4, 0, sizeof sa->v4);
  sa->v4.sin_family = AF_INET;
  sa->v4.sin_addr.s_addr = htonl(a);
  return sizeof sa->v4;
}

static const struct dn_batch_family batch4 = {
  .usage = "sendBatch(fd, views, addrs, count, results): arguments missing",
  .range = "count must be 0-64 and addrs/results Uint32Array/Int32Array of at least count",
  .addr_bytes = 4,
  .addr_align = 4,
  .sockaddr = batch_sockaddr4,
};

/* sendBatch(fd, views, addrs, count, results): dn_send_batch_as with addrs[i] a host-order uint32. */
napi_value dn_send_batch(napi_env env, napi_callback_info info) {
  return dn_send_batch_as(env, info, &batch4);
}

napi_value dn_send_batch_as(napi_env env, napi_callback_info info, const struct dn_batch_family *f) {
  ARGS(5);
  int32_t fd, count;
  void *addrs_p, *results_p;
  size_t addrs_len, results_len;
  bool is_array = false;
  if (argc < 5) return dn_throw_type(env, f->usage);
  if (!dn_arg_i32(env, argv[0], &fd, "fd") || !dn_arg_i32(env, argv[3], &count, "count")) return NULL;
  if (napi_is_array(env, argv[1], &is_array) != napi_ok || !is_array) return dn_throw_type(env, "views: expected an array");
  if (!dn_arg_bytes(env, argv[2], &addrs_p, &addrs_len, "addrs") || !dn_arg_bytes(env, argv[4], &results_p, &results_len, "results"))
    return NULL;
  if (count < 0 || count > DN_MAX_BATCH || addrs_len < (size_t)count * f->addr_bytes || results_len < (size_t)count * 4 ||
      ((uintptr_t)addrs_p & (f->addr_align - 1)) || ((uintptr_t)results_p & 3)) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", f->range);
    return NULL;
  }
  const uint8_t *addrs = addrs_p;
  int32_t *results = results_p;
  struct mmsghdr msgs[DN_MAX_BATCH];
  struct iovec iov[DN_MAX_BATCH];
  union dn_sockaddr sa[DN_MAX_BATCH];
  memset(msgs, 0, sizeof(msgs[0]) * (size_t)count);
  for (int32_t i = 0; i < count; i++) {
    napi_value v;
    void *data;
    size_t len;
    if (napi_get_element(env, argv[1], (uint32_t)i, &v) != napi_ok || !dn_arg_bytes(env, v, &data, &len, "views[i]")) return NULL;
    iov[i].iov_base = data;
    iov[i].iov_len = len;
    msgs[i].msg_hdr.msg_name = &sa[i];
    msgs[i].msg_hdr.msg_namelen = f->sockaddr(addrs + (size_t)i * f->addr_bytes, &sa[i]);
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

/* writev(fd, views) -> bytes written, or -errno: one frame from up to 8 pieces (e.g. vnet header + frame). */
napi_value dn_writev(napi_env env, napi_callback_info info) {
  ARGS(2);
  int32_t fd;
  bool is_array = false;
  uint32_t n = 0;
  if (argc < 2) return dn_throw_type(env, "writev(fd, views): arguments missing");
  if (!dn_arg_i32(env, argv[0], &fd, "fd")) return NULL;
  if (napi_is_array(env, argv[1], &is_array) != napi_ok || !is_array) return dn_throw_type(env, "views: expected an array");
  napi_get_array_length(env, argv[1], &n);
  if (n > 8) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "writev: at most 8 pieces");
    return NULL;
  }
  struct iovec iov[8];
  for (uint32_t i = 0; i < n; i++) {
    napi_value v;
    if (napi_get_element(env, argv[1], i, &v) != napi_ok || !dn_arg_bytes(env, v, &iov[i].iov_base, &iov[i].iov_len, "views[i]")) return NULL;
  }
  ssize_t r;
  do r = writev(fd, iov, (int)n);
  while (r < 0 && errno == EINTR);
  return dn_int(env, r < 0 ? -errno : r);
}

/* joinGroup(fd, group, ifaddr): IP_ADD_MEMBERSHIP of an IPv4 multicast group on the interface that has
 * address ifaddr (host-order uint32s), and IP_MULTICAST_LOOP off, for a protocol socket (EIGRP 88). */
napi_value dn_join_group(napi_env env, napi_callback_info info) {
  ARGS(3);
  int32_t fd;
  uint32_t group, ifaddr;
  if (argc < 3) return dn_throw_type(env, "joinGroup(fd, group, ifaddr): arguments missing");
  if (!dn_arg_i32(env, argv[0], &fd, "fd") || !dn_arg_u32(env, argv[1], &group, "group") ||
      !dn_arg_u32(env, argv[2], &ifaddr, "ifaddr"))
    return NULL;
  struct ip_mreq mr;
  mr.imr_multiaddr.s_addr = htonl(group);
  mr.imr_interface.s_addr = htonl(ifaddr);
  if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof mr) < 0 && errno != EADDRINUSE)
    return dn_throw_errno(env, "setsockopt(IP_ADD_MEMBERSHIP)", errno, NULL);
  unsigned char loop = 0;
  setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop);
  return NULL;
}

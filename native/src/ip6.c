/*
 * IPv6 sockets for a routing protocol that runs straight over IPv6 (EIGRP for IPv6, next header 88):
 * - openSend6(protocol) -> fd: AF_INET6 SOCK_RAW used to send, to a link-local group or a neighbor,
 *   scoped to an interface by sendTo6's scope id (raw6.c; the kernel picks the link-local source); it reads
 *   nothing (a filter drops every packet), but being open it keeps the kernel from answering that
 *   protocol's unicast with ICMPv6 Parameter Problem;
 * - openPacket6(ifname, protocol) -> fd: AF_PACKET SOCK_DGRAM bound to one interface that receives
 *   that protocol's IPv6 packets whole (the header carries the source), never our own outgoing ones;
 * - joinGroup6(fd, group16, ifname): IPV6_JOIN_GROUP on the interface.
 */
#include "dn.h"
#include <errno.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

#define ARGS(n)                                                         \
  size_t argc = (n);                                                    \
  napi_value argv[(n)];                                                 \
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;

static int ifname_arg(napi_env env, napi_value v, char *out) {
  size_t len = 0;
  if (napi_get_value_string_utf8(env, v, NULL, 0, &len) != napi_ok)
    return dn_throw_type(env, "ifname must be a string"), 0;
  if (len >= IF_NAMESIZE) return dn_throw_errno(env, "if_nametoindex", ENAMETOOLONG, NULL), 0;
  napi_get_value_string_utf8(env, v, out, IF_NAMESIZE, &len);
  return 1;
}

static int addr16_arg(napi_env env, napi_value v, struct in6_addr *out) {
  void *data;
  size_t len;
  if (!dn_arg_bytes(env, v, &data, &len, "addr")) return 0;
  if (len != 16) return dn_throw_type(env, "addr: expected 16 bytes"), 0;
  memcpy(out, data, 16);
  return 1;
}

napi_value dn_open_send6(napi_env env, napi_callback_info info) {
  ARGS(1);
  int32_t proto;
  if (argc < 1) return dn_throw_type(env, "openSend6(protocol): protocol missing");
  if (!dn_arg_i32(env, argv[0], &proto, "protocol")) return NULL;
  if (proto < 1 || proto > 255) return dn_throw_errno(env, "socket", EINVAL, "protocol");
  int fd = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
  if (fd < 0) return dn_throw_errno(env, "socket(AF_INET6, SOCK_RAW)", errno, NULL);
  struct sock_filter drop[] = {{BPF_RET | BPF_K, 0, 0, 0}};
  struct sock_fprog prog = {1, drop};
  setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog);
  int off = 0;
  setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &off, sizeof off);
  return dn_int(env, fd);
}

napi_value dn_open_packet6(napi_env env, napi_callback_info info) {
  ARGS(2);
  char name[IF_NAMESIZE] = {0};
  int32_t proto;
  if (argc < 2) return dn_throw_type(env, "openPacket6(ifname, protocol): arguments missing");
  if (!ifname_arg(env, argv[0], name) || !dn_arg_i32(env, argv[1], &proto, "protocol")) return NULL;
  unsigned idx = if_nametoindex(name);
  if (idx == 0) return dn_throw_errno(env, "if_nametoindex", errno, name);
  /* protocol 0 until the filter is on: nothing is queued from other interfaces or protocols */
  int fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return dn_throw_errno(env, "socket(AF_PACKET)", errno, NULL);
  struct sock_filter code[] = {
    {BPF_LD | BPF_B | BPF_ABS, 0, 0, 6},           /* IPv6 next header */
    {BPF_JMP | BPF_JEQ | BPF_K, 0, 1, (uint32_t)proto},
    {BPF_RET | BPF_K, 0, 0, 0xffff},
    {BPF_RET | BPF_K, 0, 0, 0},
  };
  struct sock_fprog prog = {4, code};
  int one = 1;
  if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) < 0) {
    int err = errno;
    close(fd);
    return dn_throw_errno(env, "setsockopt(SO_ATTACH_FILTER)", err, name);
  }
  setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
  struct sockaddr_ll sll;
  memset(&sll, 0, sizeof sll);
  sll.sll_family = AF_PACKET;
  sll.sll_protocol = htons(ETH_P_IPV6);
  sll.sll_ifindex = (int)idx;
  if (bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) {
    int err = errno;
    close(fd);
    return dn_throw_errno(env, "bind(AF_PACKET)", err, name);
  }
  return dn_int(env, fd);
}

napi_value dn_join_group6(napi_env env, napi_callback_info info) {
  ARGS(3);
  int32_t fd;
  char name[IF_NAMESIZE] = {0};
  struct ipv6_mreq mr;
  if (argc < 3) return dn_throw_type(env, "joinGroup6(fd, group, ifname): arguments missing");
  memset(&mr, 0, sizeof mr);
  if (!dn_arg_i32(env, argv[0], &fd, "fd") || !addr16_arg(env, argv[1], &mr.ipv6mr_multiaddr) ||
      !ifname_arg(env, argv[2], name))
    return NULL;
  mr.ipv6mr_interface = if_nametoindex(name);
  if (mr.ipv6mr_interface == 0) return dn_throw_errno(env, "if_nametoindex", errno, name);
  if (setsockopt(fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, sizeof mr) < 0 && errno != EADDRINUSE)
    return dn_throw_errno(env, "setsockopt(IPV6_JOIN_GROUP)", errno, name);
  return NULL;
}

napi_value dn_if_index(napi_env env, napi_callback_info info) {
  ARGS(1);
  char name[IF_NAMESIZE] = {0};
  if (argc < 1) return dn_throw_type(env, "ifIndex(ifname): name missing");
  if (!ifname_arg(env, argv[0], name)) return NULL;
  return dn_int(env, if_nametoindex(name));
}

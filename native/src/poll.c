/*
 * Receive path: a uv_poll on a nonblocking fd. When readable, packets are read back to back into a
 * caller-supplied buffer (each at an aligned offset after `headroom` spare bytes, so JS can rewrite
 * headers in place) and handed to JS in batches: callback(count) with meta[2i] = offset and
 * meta[2i+1] = length. The buffer is reused after the callback returns. A negative count is -errno.
 * Reads go on until EAGAIN, at most DN_BATCHES_PER_WAKE batches per wake-up so one busy fd cannot
 * starve the loop (uv_poll is level-triggered and fires again). For sockets, `recvmmsg` mode reads a
 * whole batch per system call into fixed slots; with a `names` buffer it also records each packet's
 * source address (the 16 bytes of an IPv6 source at names[16i], for raw IPv6 sockets, which deliver
 * no IP header).
 */
#include "dn.h"
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

#define DN_BATCHES_PER_WAKE 16

typedef struct {
  uv_poll_t poll;
  napi_env env;
  napi_ref cb, buf_ref, meta_ref, names_ref;
  napi_async_context actx;
  uint8_t *buf;
  size_t buf_len;
  int32_t *meta;
  size_t max_count;
  int fd, max_packet, headroom, closing, use_mmsg;
  struct mmsghdr *msgs;
  struct iovec *iov;
  size_t slots;
  uint8_t *names;
  struct sockaddr_in6 *from;
} dn_poller;

static void on_closed(uv_handle_t *h) {
  dn_poller *p = h->data;
  napi_delete_reference(p->env, p->cb);
  napi_delete_reference(p->env, p->buf_ref);
  napi_delete_reference(p->env, p->meta_ref);
  if (p->names_ref) napi_delete_reference(p->env, p->names_ref);
  napi_async_destroy(p->env, p->actx);
  free(p->msgs);
  free(p->iov);
  free(p->from);
  free(p);
}

static void stop(dn_poller *p) {
  if (p->closing) return;
  p->closing = 1;
  uv_poll_stop(&p->poll);
  uv_close((uv_handle_t *)&p->poll, on_closed);
}

static void deliver(dn_poller *p, int value) {
  napi_env env = p->env;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return;
  napi_value cb, recv, arg, result;
  napi_get_reference_value(env, p->cb, &cb);
  napi_get_global(env, &recv);
  napi_create_int32(env, value, &arg);
  if (napi_make_callback(env, p->actx, recv, cb, 1, &arg, &result) == napi_pending_exception) {
    napi_value exc;
    napi_get_and_clear_last_exception(env, &exc);
    napi_fatal_exception(env, exc);
  }
  napi_close_handle_scope(env, scope);
}

/* recvmmsg mode: each batch is one system call; fewer packets than slots means the socket is drained. */
static void read_mmsg(dn_poller *p) {
  for (int batch = 0; batch < DN_BATCHES_PER_WAKE && !p->closing; batch++) {
    int n = recvmmsg(p->fd, p->msgs, (unsigned)p->slots, MSG_DONTWAIT, NULL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) deliver(p, -errno);
      return;
    }
    for (int i = 0; i < n; i++) {
      p->meta[2 * i] = (int32_t)((uint8_t *)p->iov[i].iov_base - p->buf);
      p->meta[2 * i + 1] = (int32_t)p->msgs[i].msg_len;
      if (p->names) {
        memcpy(p->names + 16 * i, &p->from[i].sin6_addr, 16);
        p->msgs[i].msg_hdr.msg_namelen = sizeof p->from[i];
      }
    }
    if (n > 0) deliver(p, n);
    if ((size_t)n < p->slots) return;
  }
}

static void on_readable(uv_poll_t *h, int status, int events) {
  dn_poller *p = h->data;
  if (status < 0) {
    deliver(p, status);
    return;
  }
  if (p->use_mmsg) {
    read_mmsg(p);
    return;
  }
  for (int batch = 0; batch < DN_BATCHES_PER_WAKE && !p->closing; batch++) {
    size_t off = 0, n = 0;
    int err = 0, drained = 0;
    while (n < p->max_count) {
      size_t start = (off + (size_t)p->headroom + 7) & ~(size_t)7;
      if (start + (size_t)p->max_packet > p->buf_len) break;
      ssize_t r = read(p->fd, p->buf + start, (size_t)p->max_packet);
      if (r < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) drained = 1;
        else err = -errno;
        break;
      }
      p->meta[2 * n] = (int32_t)start;
      p->meta[2 * n + 1] = (int32_t)r;
      n++;
      off = start + (size_t)r;
    }
    if (n > 0) deliver(p, (int)n);
    if (err != 0 && !p->closing) deliver(p, err);
    if (drained || err != 0) break;
  }
}

/* Sets up fixed recvmmsg slots over the buffer; returns 0 on allocation failure. */
static int setup_mmsg(dn_poller *p) {
  size_t slot = ((size_t)p->headroom + (size_t)p->max_packet + 7) & ~(size_t)7;
  p->slots = p->buf_len / slot;
  if (p->slots > p->max_count) p->slots = p->max_count;
  p->msgs = calloc(p->slots, sizeof *p->msgs);
  p->iov = calloc(p->slots, sizeof *p->iov);
  if (p->names) p->from = calloc(p->slots, sizeof *p->from);
  if (!p->msgs || !p->iov || (p->names && !p->from)) return 0;
  for (size_t i = 0; i < p->slots; i++) {
    if (p->names) {
      p->msgs[i].msg_hdr.msg_name = &p->from[i];
      p->msgs[i].msg_hdr.msg_namelen = sizeof p->from[i];
    }
    p->iov[i].iov_base = p->buf + i * slot + (size_t)p->headroom;
    p->iov[i].iov_len = (size_t)p->max_packet;
    p->msgs[i].msg_hdr.msg_iov = &p->iov[i];
    p->msgs[i].msg_hdr.msg_iovlen = 1;
  }
  return 1;
}

/*
 * startPoll(fd, buffer, meta, maxPacket, headroom, callback, recvmmsg?, names?) -> handle for stopPoll.
 * `names` (recvmmsg only): 16 bytes per packet of a batch, the IPv6 source address of packet i at 16i.
 */
napi_value dn_start_poll(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 6) return dn_throw_type(env, "startPoll(fd, buffer, meta, maxPacket, headroom, callback): arguments missing");
  int32_t fd, max_packet, headroom;
  void *buf, *meta;
  size_t buf_len, meta_len;
  napi_valuetype t;
  if (!dn_arg_i32(env, argv[0], &fd, "fd") || !dn_arg_bytes(env, argv[1], &buf, &buf_len, "buffer") ||
      !dn_arg_bytes(env, argv[2], &meta, &meta_len, "meta") || !dn_arg_i32(env, argv[3], &max_packet, "maxPacket") ||
      !dn_arg_i32(env, argv[4], &headroom, "headroom"))
    return NULL;
  if (napi_typeof(env, argv[5], &t) != napi_ok || t != napi_function) return dn_throw_type(env, "callback: expected a function");
  if (max_packet < 1 || headroom < 0 || (size_t)max_packet + (size_t)headroom + 8 > buf_len || meta_len < 8 || ((uintptr_t)meta & 3)) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "buffer too small for maxPacket + headroom, or meta not an Int32Array");
    return NULL;
  }
  dn_poller *p = calloc(1, sizeof *p);
  if (!p) return dn_throw_errno(env, "calloc", ENOMEM, NULL);
  p->env = env;
  p->fd = fd;
  p->buf = buf;
  p->buf_len = buf_len;
  p->meta = meta;
  p->max_count = meta_len / 8;
  p->max_packet = max_packet;
  p->headroom = headroom;
  bool mmsg = false;
  if (argc > 6) napi_get_value_bool(env, argv[6], &mmsg);
  p->use_mmsg = mmsg;
  if (argc > 7 && mmsg) {
    napi_valuetype nt;
    napi_typeof(env, argv[7], &nt);
    if (nt != napi_undefined) {
      void *names;
      size_t names_len;
      if (!dn_arg_bytes(env, argv[7], &names, &names_len, "names")) {
        free(p);
        return NULL;
      }
      p->names = names;
      if (names_len / 16 < p->max_count) p->max_count = names_len / 16;
      if (p->max_count == 0) {
        free(p);
        napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "names: expected 16 bytes per packet");
        return NULL;
      }
    }
  }
  if (mmsg && !setup_mmsg(p)) {
    free(p->msgs);
    free(p->iov);
    free(p->from);
    free(p);
    return dn_throw_errno(env, "calloc", ENOMEM, NULL);
  }
  uv_loop_t *loop;
  napi_value name;
  napi_get_uv_event_loop(env, &loop);
  int rc = uv_poll_init(loop, &p->poll, fd);
  if (rc < 0) {
    free(p->msgs);
    free(p->iov);
    free(p->from);
    free(p);
    return dn_throw_errno(env, "uv_poll_init", -rc, NULL);
  }
  p->poll.data = p;
  napi_create_reference(env, argv[5], 1, &p->cb);
  napi_create_reference(env, argv[1], 1, &p->buf_ref);
  napi_create_reference(env, argv[2], 1, &p->meta_ref);
  if (p->names) napi_create_reference(env, argv[7], 1, &p->names_ref);
  napi_create_string_utf8(env, "dmvpn:poll", NAPI_AUTO_LENGTH, &name);
  napi_async_init(env, NULL, name, &p->actx);
  rc = uv_poll_start(&p->poll, UV_READABLE, on_readable);
  if (rc < 0) {
    stop(p);
    return dn_throw_errno(env, "uv_poll_start", -rc, NULL);
  }
  napi_value handle;
  napi_create_external(env, p, NULL, NULL, &handle);
  return handle;
}

/* stopPoll(handle): stops polling; safe to call twice and from inside the callback. */
napi_value dn_stop_poll(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  void *p = NULL;
  napi_valuetype t;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 1 || napi_typeof(env, argv[0], &t) != napi_ok || t != napi_external) return dn_throw_type(env, "stopPoll(handle): expected a poll handle");
  napi_get_value_external(env, argv[0], &p);
  stop(p);
  return NULL;
}

/**
 * The N-API addon (native/, built by node-gyp on `npm install`), loaded lazily and typed.
 * Setup calls throw a NativeError (code = errno name); per-packet calls return -errno instead of
 * throwing, so a full socket buffer costs a counter, not an exception.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SysError } from './errors.js';

/** An open TAP device: its fd, the name the kernel gave it and its MAC address. */
export interface TapHandle {
  fd: number;
  name: string;
  mac: Uint8Array;
}

/** An active uv_poll on an fd (opaque). */
export type PollHandle = { readonly __poll: unique symbol };

/** The raw module surface, as native/src/module.c registers it. */
interface Addon {
  openTap(name: string, vnetHdr?: boolean, tso?: boolean): TapHandle;
  openRaw(protocol: number, bufferBytes?: number): number;
  bindRaw(fd: number, addr: number): void;
  joinGroup(fd: number, group: number, ifaddr: number): void;
  openSend6(protocol: number): number;
  openPacket6(ifname: string, protocol: number): number;
  joinGroup6(fd: number, group: Uint8Array, ifname: string): void;
  ifIndex(ifname: string): number;
  sendTo(fd: number, addr: number, buf: Uint8Array, offset?: number, length?: number): number;
  write(fd: number, buf: Uint8Array, offset?: number, length?: number): number;
  writev(fd: number, views: Uint8Array[]): number;
  close(fd: number): void;
  errname(errno: number): string;
  sendBatch(fd: number, views: Uint8Array[], addrs: Uint32Array, count: number, results: Int32Array): number;
  startPoll(
    fd: number,
    buffer: Uint8Array,
    meta: Int32Array,
    maxPacket: number,
    headroom: number,
    cb: (n: number) => void,
    recvmmsg?: boolean,
    names?: Uint8Array,
  ): PollHandle;
  openRaw6(protocol: number, bufferBytes?: number): number;
  bindRaw6(fd: number, addr: Uint8Array): void;
  sendTo6(fd: number, addr: Uint8Array, buf: Uint8Array, scopeId?: number): number;
  sendBatch6(fd: number, views: Uint8Array[], addrs: Uint8Array, count: number, results: Int32Array): number;
  stopPoll(handle: PollHandle): void;
  espContext(encrypt: boolean, kind: number, aesKey: Uint8Array, salt: Uint8Array, authKey: Uint8Array): EspContext;
  espSeal(ctx: EspContext, packet: Uint8Array): number;
  espOpen(ctx: EspContext, packet: Uint8Array): number;
}

/** One SA direction's OpenSSL state in the addon (opaque; freed when collected). */
export type EspContext = { readonly __esp: unique symbol };

const here = dirname(fileURLToPath(import.meta.url));
/** Where the built addon lives (the same relative path from src/ and from dist/). */
export const addonPath = join(here, '..', '..', '..', 'native', 'build', 'Release', 'dmvpn_native.node');

let addon: Addon | undefined;

/** Loads the addon once; throws SysError NATIVE_UNAVAILABLE (with the loader's error as cause) when it cannot. */
export function native(): Addon {
  if (addon) return addon;
  if (!existsSync(addonPath)) {
    throw new SysError(
      'NATIVE_UNAVAILABLE',
      `native addon not built: ${addonPath} is missing (run \`npm run prebuild\`)`,
    );
  }
  try {
    addon = createRequire(import.meta.url)(addonPath) as Addon;
  } catch (cause) {
    throw new SysError('NATIVE_UNAVAILABLE', `native addon ${addonPath} failed to load`, { cause });
  }
  return addon;
}

/** True when the addon is built and loads. */
export function nativeAvailable(): boolean {
  try {
    native();
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens (creating if needed) TAP device `name` ('' lets the kernel pick): IFF_TAP | IFF_NO_PI (| IFF_VNET_HDR),
 * nonblocking; with `tso` (and vnetHdr) the kernel may send partial checksums and TCP GSO frames out of it.
 */
export function openTap(name: string, vnetHdr = false, tso = false): TapHandle {
  return native().openTap(name, vnetHdr, tso);
}

/** Opens a nonblocking raw IPv4 socket for an IP protocol (47 GRE, 50 ESP); DF is never set on sends. */
export function openRaw(protocol: number, bufferBytes = 4 << 20): number {
  return native().openRaw(protocol, bufferBytes);
}

/** Binds a raw socket's source address (host-order IPv4 number). */
export function bindRaw(fd: number, addr: number): void {
  native().bindRaw(fd, addr);
}

/** Joins an IPv4 multicast group on the interface with address `ifaddr` (host-order numbers); loopback off. */
export function joinGroup(fd: number, group: number, ifaddr: number): void {
  native().joinGroup(fd, group, ifaddr);
}

/** Sends buf[offset, offset+length) to an IPv4 address (host-order number); bytes sent or -errno. */
export function sendTo(fd: number, addr: number, buf: Uint8Array, offset?: number, length?: number): number {
  return native().sendTo(fd, addr, buf, offset, length);
}

/** Most payloads one sendBatch call takes. */
export const MAX_SEND_BATCH = 64;

/**
 * Sends views[i] to addrs[i] for i < count (at most MAX_SEND_BATCH) with one sendmmsg; results[i] gets
 * bytes sent or -errno. Returns how many were sent.
 */
export function sendBatch(
  fd: number,
  views: Uint8Array[],
  addrs: Uint32Array,
  count: number,
  results: Int32Array,
): number {
  return native().sendBatch(fd, views, addrs, count, results);
}

/**
 * An OpenSSL context for one SA direction (kind 0 AES-GCM-16 with its 4-byte salt, 1 AES-CBC + HMAC-SHA-1-96,
 * 2 AES-CBC + HMAC-SHA-256-128 with its HMAC key); throws RangeError for wrong key sizes.
 */
export function espContext(
  encrypt: boolean,
  kind: number,
  aesKey: Uint8Array,
  salt: Uint8Array,
  authKey: Uint8Array,
): EspContext {
  return native().espContext(encrypt, kind, aesKey, salt, authKey);
}

/** Encrypts a whole ESP packet's text in place and writes its ICV (native/src/esp.c); 0, or -1 on failure. */
export function espSeal(ctx: EspContext, packet: Uint8Array): number {
  return native().espSeal(ctx, packet);
}

/** Verifies a whole ESP packet's ICV and decrypts its text in place; 0, or -1 when the ICV does not verify. */
export function espOpen(ctx: EspContext, packet: Uint8Array): number {
  return native().espOpen(ctx, packet);
}

/** Opens a nonblocking raw IPv6 socket for a next header (47 GRE); it sends and receives the payload only. */
export function openRaw6(protocol: number, bufferBytes = 4 << 20): number {
  return native().openRaw6(protocol, bufferBytes);
}

/** Binds a raw IPv6 socket's source address (16 bytes). */
export function bindRaw6(fd: number, addr: Uint8Array): void {
  native().bindRaw6(fd, addr);
}

/** Sends `buf` to an IPv6 address (16 bytes), out the interface `scopeId` when given; bytes sent or -errno. */
export function sendTo6(fd: number, addr: Uint8Array, buf: Uint8Array, scopeId = 0): number {
  return native().sendTo6(fd, addr, buf, scopeId);
}

/** sendBatch for a raw IPv6 socket: views[i] to the 16 bytes at addrs[16i]. */
export function sendBatch6(
  fd: number,
  views: Uint8Array[],
  addrs: Uint8Array,
  count: number,
  results: Int32Array,
): number {
  return native().sendBatch6(fd, views, addrs, count, results);
}

/** Writes buf[offset, offset+length) to an fd (one TAP frame); bytes written or -errno. */
export function writeFd(fd: number, buf: Uint8Array, offset?: number, length?: number): number {
  return native().write(fd, buf, offset, length);
}

/** Writes one frame gathered from up to 8 pieces (writev); bytes written or -errno. */
export function writevFd(fd: number, views: Uint8Array[]): number {
  return native().writev(fd, views);
}

/** Closes an fd; throws EBADF when it is not open. */
export function closeFd(fd: number): void {
  native().close(fd);
}

/** The errno name ('EAGAIN') of a positive or negative errno. */
export function errnoName(errno: number): string {
  return native().errname(errno);
}

/**
 * Polls `fd` for reads with libuv. On each batch, `cb(count)` is called with meta[2i] = offset and
 * meta[2i+1] = length of packet i inside `buffer` (valid only during the call); a negative count is -errno.
 * With `recvmmsg` (sockets only) a batch is one system call; with `names` too, packet i's IPv6 source
 * address is at names[16i] (raw IPv6 sockets deliver no IP header).
 */
export function startPoll(
  fd: number,
  buffer: Uint8Array,
  meta: Int32Array,
  maxPacket: number,
  headroom: number,
  cb: (count: number) => void,
  recvmmsg = false,
  names?: Uint8Array,
): PollHandle {
  return native().startPoll(fd, buffer, meta, maxPacket, headroom, cb, recvmmsg, names);
}

/** Stops a poll; safe twice and from inside its callback. */
export function stopPoll(handle: PollHandle): void {
  native().stopPoll(handle);
}

/** Opens a raw IPv6 socket for an IP protocol, used to send only (it never reads). */
export function openSend6(protocol: number): number {
  return native().openSend6(protocol);
}

/** Opens a packet socket on `ifname` that reads whole IPv6 packets of `protocol` (not our own outgoing ones). */
export function openPacket6(ifname: string, protocol: number): number {
  return native().openPacket6(ifname, protocol);
}

/** Joins an IPv6 multicast group (16 bytes) on `ifname`. */
export function joinGroup6(fd: number, group: Uint8Array, ifname: string): void {
  native().joinGroup6(fd, group, ifname);
}

/** The kernel's index of an interface (0 when there is none). */
export function ifIndex(ifname: string): number {
  return native().ifIndex(ifname);
}

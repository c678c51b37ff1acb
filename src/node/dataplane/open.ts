/**
 * Brings a tunnel interface up for real: a TAP named after the interface, addressed and up in the
 * kernel, a raw GRE socket (or a shared one from a GreDemux), and the data plane started on them.
 */
import { addrAdd, disableIpv6, linkUp } from '../sys/kernel.js';
import { RawSocket } from '../sys/raw-socket.js';
import { TapDevice } from '../sys/tap.js';
import type { NbmaSocket, NhrpHooks, TunnelPortConfig } from './ports.js';
import { TunnelDataplane, type DataplaneOptions } from './tunnel.js';

/** What openTunnel needs beyond the data plane's own options. */
export interface OpenTunnelOptions extends Omit<DataplaneOptions, 'tap' | 'socket'> {
  config: TunnelPortConfig;
  hooks: NhrpHooks;
  /** Kernel device name (at most 15 characters); defaults to the interface name, e.g. 'Tunnel0'. */
  device?: string;
  /** `ip mtu` of the tunnel (default 1400, as DMVPN configurations usually set). */
  mtu?: number;
  /** `tunnel source` address to bind the raw socket to (ignored when `socket` is given). */
  source?: string;
  /** A socket to use instead of opening one (e.g. GreDemux.tunnel(key) when tunnels share one). */
  socket?: NbmaSocket;
  /** Merge received TCP segments into GSO frames for the kernel (TapOptions.offload; default true). */
  offload?: boolean;
  /** Keep IPv6 on the TAP (default off: no link-local address, no ND/MLD into the tunnel). */
  ipv6?: boolean;
}

/** A running tunnel: its data plane, TAP and the raw socket it opened (none when given one); close() releases them. */
export interface OpenTunnel {
  dataplane: TunnelDataplane;
  tap: TapDevice;
  raw: RawSocket | undefined;
  close(): void;
}

/** Opens the TAP and socket, configures the kernel side and starts the data plane. Needs CAP_NET_ADMIN/CAP_NET_RAW. */
export async function openTunnel(opts: OpenTunnelOptions): Promise<OpenTunnel> {
  const { config } = opts;
  const tap = TapDevice.open(opts.device ?? config.name, { offload: opts.offload ?? true });
  let own: RawSocket | undefined;
  try {
    if (!opts.ipv6) await disableIpv6(tap.name);
    await linkUp(tap.name, { mtu: opts.mtu ?? 1400 });
    await addrAdd(tap.name, `${config.address}/${config.prefixLength}`);
    const socket = opts.socket ?? (own = RawSocket.open({ protocol: 47, bind: opts.source }));
    const dataplane = new TunnelDataplane({ ...opts, tap, socket });
    dataplane.start();
    return {
      dataplane,
      tap,
      raw: own,
      close: () => {
        tap.close();
        own?.close();
      },
    };
  } catch (err) {
    tap.close();
    own?.close();
    throw err;
  }
}

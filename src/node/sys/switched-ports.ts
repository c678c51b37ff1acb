/**
 * The data plane's ports for a tunnel whose data plane can be rebuilt live (tunnel key, destination
 * or address changed) and whose NBMA socket can be reopened (tunnel source changed): the TAP and the
 * socket are read once, and each frame or packet goes to whichever handler is current. A handler
 * that throws costs a counter and a log line, never the process.
 */
import type { NbmaSocket, TapPort } from '../dataplane/ports.js';
import type { RawSocketStats } from './raw-socket.js';
import type { TapDevice } from './tap.js';

/** Exceptions caught on the packet path, by where they happened. */
export interface PortFaults {
  tap: number;
  socket: number;
  lastError?: string;
}

/** A TAP port whose frame handler can be replaced. */
export class SwitchedTap implements TapPort {
  readonly mac: Uint8Array;
  private handler: ((frame: Uint8Array) => void) | undefined;

  constructor(
    readonly device: TapDevice,
    faults: PortFaults,
    private readonly onFault: (err: unknown) => void,
  ) {
    this.mac = device.mac;
    device.onFrame((frame) => {
      try {
        this.handler?.(frame);
      } catch (err) {
        faults.tap++;
        this.onFault(err);
      }
    });
  }

  write(frame: Uint8Array): number {
    return this.device.write(frame);
  }

  onFrame(handler: (frame: Uint8Array) => void): void {
    this.handler = handler;
  }
}

/** What can stand behind a SwitchedSocket: a RawSocket (GRE), or an IpsecSocket (GRE in ESP). */
export interface AttachableSocket {
  readonly stats: RawSocketStats;
  send(dst: number, bytes: Uint8Array): number;
  onPacket(handler: (src: number, bytes: Uint8Array) => void): void;
  close(): void;
}

/** An NBMA socket port whose raw socket and packet handler can both be replaced. */
export class SwitchedSocket implements NbmaSocket {
  /** The least of what the sockets it may hold give: RawSocket 20, IpsecSocket 16. */
  readonly headroom = 16;
  private socket: AttachableSocket | undefined;
  private handler: ((src: number, bytes: Uint8Array) => void) | undefined;

  constructor(
    private readonly faults: PortFaults,
    private readonly onFault: (err: unknown) => void,
  ) {}

  /** The socket in use (undefined: the tunnel cannot send). */
  get current(): AttachableSocket | undefined {
    return this.socket;
  }

  /** Uses `socket` from now on and closes the previous one. */
  attach(socket: AttachableSocket | undefined): void {
    const old = this.socket;
    this.socket = socket;
    old?.close();
    socket?.onPacket((src, bytes) => {
      try {
        this.handler?.(src, bytes);
      } catch (err) {
        this.faults.socket++;
        this.onFault(err);
      }
    });
  }

  send(dst: number, bytes: Uint8Array): number {
    return this.socket === undefined ? -9 /* EBADF */ : this.socket.send(dst, bytes);
  }

  onPacket(handler: (src: number, bytes: Uint8Array) => void): void {
    this.handler = handler;
  }

  close(): void {
    this.attach(undefined);
  }
}

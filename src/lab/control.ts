/**
 * The lab's client for a router's control socket: the single place that knows how to talk to dmvpnd.
 * Protocol: a Unix stream socket, one command per connection; the client writes the command line and
 * half-closes, the router answers and closes. Every show command has a JSON form (`… json`).
 */
import { connect } from 'node:net';
import { LabError } from './errors.js';

/** Sends one command and returns the router's whole answer. */
export function controlCommand(socket: string, command: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(socket);
    const out: string[] = [];
    const timer = setTimeout(() => sock.destroy(new Error(`no answer to "${command}" after ${timeoutMs} ms`)), timeoutMs);
    sock.setEncoding('utf8');
    sock.on('connect', () => sock.end(`${command}\n`));
    sock.on('data', (t: string) => out.push(t));
    sock.on('error', (cause) => {
      clearTimeout(timer);
      reject(new LabError('CONTROL_UNREACHABLE', `control socket ${socket}: ${cause.message}`, { cause }));
    });
    sock.on('close', (hadError) => {
      clearTimeout(timer);
      if (!hadError) resolve(out.join(''));
    });
  });
}

/** True once something accepts connections on the socket. */
export function controlListening(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(socket);
    sock.on('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.on('error', () => resolve(false));
  });
}

/** Runs `<command> json` and parses the answer; throws CONTROL_UNREACHABLE when it is not JSON. */
export async function controlJson(socket: string, command: string, timeoutMs?: number): Promise<unknown> {
  const text = await controlCommand(socket, `${command} json`, timeoutMs);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new LabError('CONTROL_UNREACHABLE', `"${command} json" did not answer JSON: ${text.trim().slice(0, 200)}`, { cause });
  }
}

/** A spoke's view of one NHS (from `show ip nhrp nhs json`). */
export interface NhsState {
  nhs: string;
  nbma?: string;
  state: string;
  registered: boolean;
}

/** A router's view of one DMVPN peer (from `show dmvpn json`). */
export interface PeerState {
  nbma: string;
  tunnel?: string;
  state: string;
  up: boolean;
}

const UP = /^(up|re|r|responding|registered)$/i;

/** Every object in a JSON tree. */
function* objects(v: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(v)) for (const x of v) yield* objects(x);
  else if (typeof v === 'object' && v !== null) {
    yield v as Record<string, unknown>;
    for (const x of Object.values(v)) yield* objects(x);
  }
}

function pick(o: Record<string, unknown>, keys: string[]): string | undefined {
  for (const k of keys) if (typeof o[k] === 'string') return o[k] as string;
  return undefined;
}

/** The NHS entries of a router (empty for a hub with no NHS); tolerant of how the JSON nests them. */
export async function nhsStates(socket: string): Promise<NhsState[]> {
  const json = await controlJson(socket, 'show ip nhrp nhs', 3000);
  const out: NhsState[] = [];
  for (const o of objects(json)) {
    const nhs = pick(o, ['nhs', 'address', 'protocol', 'protocolAddress', 'tunnelAddress']);
    const state = pick(o, ['state', 'status']);
    if (nhs === undefined || state === undefined) continue;
    out.push({ nhs, nbma: pick(o, ['nbma', 'nbmaAddress']), state, registered: UP.test(state) });
  }
  return out;
}

/** The DMVPN peers of a router (`show dmvpn json`). */
export async function peerStates(socket: string): Promise<PeerState[]> {
  const json = await controlJson(socket, 'show dmvpn', 3000);
  const out: PeerState[] = [];
  for (const o of objects(json)) {
    const nbma = pick(o, ['nbma', 'nbmaAddress', 'peerNbma']);
    const state = pick(o, ['state', 'status']);
    if (nbma === undefined || state === undefined) continue;
    out.push({ nbma, tunnel: pick(o, ['tunnel', 'tunnelAddress', 'protocol', 'peerTunnel']), state, up: UP.test(state) });
  }
  return out;
}

/** An open streaming command (`debug nhrp`): `close` hangs up; `done` settles when the router closes or fails. */
export interface ControlStream {
  close(): void;
  done: Promise<void>;
}

/**
 * Runs a streaming command and calls `onLine` for every complete line it writes, until `close()`.
 * `done` rejects with CONTROL_UNREACHABLE when the socket cannot be reached or breaks.
 */
export function controlStream(socket: string, command: string, onLine: (line: string) => void): ControlStream {
  const sock = connect(socket);
  let rest = '';
  let closing = false;
  sock.setEncoding('utf8');
  sock.on('connect', () => sock.end(`${command}\n`));
  sock.on('data', (t: string) => {
    const lines = (rest + t).split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) onLine(l.replace(/\r$/, ''));
  });
  const done = new Promise<void>((resolve, reject) => {
    sock.on('error', (cause) => {
      if (closing) resolve();
      else reject(new LabError('CONTROL_UNREACHABLE', `control socket ${socket}: ${cause.message}`, { cause }));
    });
    sock.on('close', (hadError) => {
      if (rest !== '') onLine(rest);
      if (!hadError) resolve();
    });
  });
  return {
    close: () => {
      closing = true;
      sock.destroy();
    },
    done,
  };
}

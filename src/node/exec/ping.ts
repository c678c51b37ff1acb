/**
 * `ping` and `traceroute` with IOS output, run from the router's namespace with the system's
 * ping (iputils): one echo per process so each reply prints its `!` (or `.` on timeout, `U` for
 * unreachable) as it comes, and an abort between two echoes stops the run.
 */
import { spawn } from 'node:child_process';
import type { PingOptions } from './backend.js';

/** One echo: its result mark, the round-trip time, who answered. */
interface Echo {
  mark: '!' | '.' | 'U';
  ms: number;
  from?: string;
  /** A router on the way answered (TTL exceeded). */
  hop?: boolean;
}

/** Sends one echo with `ping -c 1`; resolves when it is answered, times out, or `signal` fires. */
function echo(
  target: string,
  o: { size: number; timeoutSec: number; ttl?: number; source?: string },
  signal: AbortSignal,
): Promise<Echo> {
  const args = ['-n', '-c', '1', '-W', String(Math.max(1, o.timeoutSec)), '-s', String(Math.max(16, o.size - 28))];
  if (o.ttl !== undefined) args.push('-t', String(o.ttl));
  if (o.source !== undefined) args.push('-I', o.source);
  if (target.includes(':')) args.unshift('-6');
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn('ping', [...args, target], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      out += b.toString();
    });
    const stop = (): void => void child.kill('SIGINT');
    signal.addEventListener('abort', stop, { once: true });
    const done = (): void => {
      signal.removeEventListener('abort', stop);
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      const reply = /bytes from ([0-9a-f.:]+?):?[ ][^\n]*?(?:time=([0-9.]+) ms)?\n/i.exec(out);
      if (reply) return resolve({ mark: '!', ms: reply[2] !== undefined ? Number(reply[2]) : elapsed, from: reply[1] });
      const exceeded = /From ([0-9a-f.:]+?):? .*(Time to live exceeded|Time exceeded)/i.exec(out);
      if (exceeded) return resolve({ mark: '!', ms: elapsed, from: exceeded[1], hop: true });
      const unreach = /From ([0-9a-f.:]+?):? .*Unreachable/i.exec(out);
      if (unreach) return resolve({ mark: 'U', ms: elapsed, from: unreach[1] });
      resolve({ mark: '.', ms: elapsed });
    };
    child.on('close', done);
    child.on('error', () => resolve({ mark: '.', ms: 0 }));
  });
}

/** IOS ping: the header, a mark per echo, the success rate. */
export async function iosPing(
  target: string,
  o: PingOptions,
  write: (t: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const shown = target.includes(':') ? target.toUpperCase() : target;
  write(
    `Type escape sequence to abort.\nSending ${o.repeat}, ${o.size}-byte ICMP Echos to ${shown}, timeout is ${o.timeoutSec} seconds:\n`,
  );
  if (o.source !== undefined) write(`Packet sent with a source address of ${o.source} \n`);
  const times: number[] = [];
  let sent = 0;
  for (let i = 0; i < o.repeat && !signal.aborted; i++) {
    const e = await echo(target, o, signal);
    if (signal.aborted && e.mark === '.') break;
    sent++;
    write(e.mark);
    if (e.mark === '!') times.push(e.ms);
    if ((i + 1) % 70 === 0) write('\n');
  }
  const rate = sent === 0 ? 0 : Math.floor((times.length * 100) / sent);
  let line = `\nSuccess rate is ${rate} percent (${times.length}/${sent})`;
  if (times.length > 0) {
    const min = Math.round(Math.min(...times));
    const max = Math.round(Math.max(...times));
    const avg = Math.round(times.reduce((a, b) => a + b, 0) / times.length);
    line += `, round-trip min/avg/max = ${min}/${avg}/${max} ms`;
  }
  write(`${line}\n`);
}

/** IOS traceroute: three probes per hop until the target answers (30 hops at most). */
export async function iosTraceroute(target: string, write: (t: string) => void, signal: AbortSignal): Promise<void> {
  write(
    `Type escape sequence to abort.\nTracing the route to ${target}\nVRF info: (vrf in name/id, vrf out name/id)\n`,
  );
  for (let ttl = 1; ttl <= 30 && !signal.aborted; ttl++) {
    let line = `${String(ttl).padStart(3)}`;
    let from: string | undefined;
    let reached = false;
    for (let p = 0; p < 3 && !signal.aborted; p++) {
      const e = await echo(target, { size: 56, timeoutSec: 3, ttl }, signal);
      if (e.from !== undefined && e.from !== from) {
        line += ` ${e.from}`;
        from = e.from;
      }
      line += e.mark === '.' ? ' *' : ` ${Math.round(e.ms)} msec`;
      if (e.mark !== '.' && !e.hop) reached = true;
    }
    write(`${line}\n`);
    if (reached) return;
  }
}

/** Running tshark on frames we encode, and reading its JSON dissection: shared by the NHRP and EIGRP cross-checks. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinkType, writePcap } from '../../src/wire/pcap/index.js';

/** A skip reason when tshark is not installed, false when it is (for `test(..., { skip })`). */
export function tsharkMissing(): string | false {
  try {
    execFileSync('tshark', ['-v'], { stdio: 'ignore' });
    return false;
  } catch {
    return 'tshark is not installed (apt-get install tshark), so the Wireshark cross-check cannot run';
  }
}

export type Json = Record<string, unknown>;

/** A JSON value that tshark writes as one object or an array of them, as a list. */
export const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every `_ws.*` key (expert info, malformed markers) anywhere in a dissection tree. */
export function wsItems(o: unknown, path = ''): string[] {
  if (Array.isArray(o)) return o.flatMap((v) => wsItems(v, path));
  if (o === null || typeof o !== 'object') return [];
  return Object.entries(o as Json).flatMap(([k, v]) => [
    ...(k.startsWith('_ws.') ? [`${path}/${k}: ${JSON.stringify(v)}`] : []),
    ...wsItems(v, `${path}/${k}`),
  ]);
}

/** Writes raw IPv4 packets to a pcap in a temporary directory and returns tshark's JSON layers, one per frame. */
export function dissect(packets: Uint8Array[], options: string[] = []): Json[] {
  const dir = mkdtempSync(join(tmpdir(), 'tshark-'));
  try {
    const file = join(dir, 'frames.pcap');
    writeFileSync(
      file,
      writePcap(
        packets.map((data) => ({ data })),
        { linkType: LinkType.Raw },
      ),
    );
    const out = execFileSync('tshark', [...options, '-r', file, '-T', 'json', '--no-duplicate-keys'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 << 20,
    });
    return (JSON.parse(out) as Array<{ _source: { layers: Json } }>).map((f) => f._source.layers);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Finds the first value under `key` anywhere in a dissection tree. */
export function findKey(o: unknown, key: string): unknown {
  if (o === null || typeof o !== 'object') return undefined;
  if (!Array.isArray(o) && key in (o as Json)) return (o as Json)[key];
  for (const v of Object.values(o as Json)) {
    const r = findKey(v, key);
    if (r !== undefined) return r;
  }
  return undefined;
}

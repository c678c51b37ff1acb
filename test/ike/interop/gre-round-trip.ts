/**
 * One GRE packet each way through an SA between our engine's host process (`h`) and charon's side, where
 * the GRE probe listens: ours sealed by the host and seen by the probe in the clear, the probe's answer
 * opened by the host. Shared by the IKEv1 and IKEv2 interop tests.
 */
import assert from 'node:assert/strict';
import { encodeIpv4, makeIpv4 } from '../../../src/wire/ipv4.js';
import type { JsonProc } from './procs.js';

/** The addresses of the two ends and the GRE payload the probe sends back (hex) for a round's marker. */
export interface RoundTrip {
  ours: string;
  charon: string;
  back: (markerHex: string) => string;
}

/** Both directions of an NHRP-typed GRE packet through the SA; `tag` tells this round's packets apart. */
export async function greRoundTrip(probe: JsonProc, h: JsonProc, tag: string, rt: RoundTrip): Promise<void> {
  const marker = Buffer.from(tag).toString('hex');
  const gre = `00002001${marker}`;
  const inner = encodeIpv4(
    makeIpv4({ src: rt.ours, dst: rt.charon, protocol: 47, ttl: 64, payload: Buffer.from(gre, 'hex') }),
  );
  const from = probe.lines.length;
  h.send({ cmd: 'sealEsp', nextHeader: 4, payload: Buffer.from(inner).toString('hex') });
  const got = await probe.waitFor((l) => l.kind === 'gre' && l.payload === gre, 5000, from);
  assert.equal(got.from, rt.ours);
  const back = rt.back(marker);
  const hFrom = h.lines.length;
  probe.send({ to: rt.ours, payload: back });
  const esp = await h.waitFor((l) => l.kind === 'esp', 5000, hFrom);
  assert.equal(esp.error, undefined, String(esp.error));
  assert.equal(esp.nextHeader, 4);
  const pkt = Buffer.from(esp.payload as string, 'hex');
  assert.equal(pkt[9], 47, 'inner protocol GRE');
  assert.equal(pkt.subarray(12, 16).join('.'), rt.charon);
  assert.equal(pkt.subarray(20).toString('hex'), back);
}

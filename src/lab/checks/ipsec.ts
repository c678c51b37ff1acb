/**
 * ipsec: every tunnel NHRP uses is protected. For each spoke and its NHSs, and each pair of spokes the captures
 * show talking directly: both ends have `tunnel protection`, the IKE SA and the ESP SAs are up at both ends
 * (IKEv2: `show crypto ikev2 sa json` READY; IKEv1: `show crypto isakmp sa json` QM_IDLE/ACTIVE; then
 * `show crypto ipsec sa json`), the captures hold ESP (or ESP in UDP 4500) between them and no plain GRE, and the
 * ESP counters rise while a ping crosses the tunnel. A failure names the cause the routers logged
 * (`%IKEV2-5-AUTH_FAILED`, `%CRYPTO-6-IKMP_AUTH_FAIL`, `%CRYPTO-4-IKMP_BAD_MESSAGE` → pre-shared key mismatch;
 * `NO_PROPOSAL_CHOSEN`, `%CRYPTO-6-IKMP_MODE_FAILURE` → no proposal chosen).
 */
import { existsSync, readFileSync } from 'node:fs';
import { controlJson } from '../../node/api/index.js';
import type { Ikev2SaListJson, IpsecSaJson, IsakmpSaListJson } from '../../node/api/index.js';
import { capturedPackets, type Check, type CheckContext } from './context.js';
import { cite, where } from './evidence.js';
import { result, type CheckResult } from './model.js';
import type { Packet } from './packets.js';
import { ping } from './traffic.js';
import { hubByAddress, publicNbma, type RouterView } from './view.js';

/** What one end says about its SAs with a peer. */
interface EndState {
  ike: boolean;
  /** The IKE version whose SA is up (or, if none is, the one the router has SAs of). */
  version?: 'IKEv1' | 'IKEv2';
  esp: boolean;
  encaps: number;
  decaps: number;
  recvErrors: number;
  udp: boolean;
}

async function endState(r: RouterView, peer: string): Promise<EndState> {
  const none: EndState = { ike: false, esp: false, encaps: 0, decaps: 0, recvErrors: 0, udp: false };
  try {
    const [v2, v1, esp] = await Promise.all([
      controlJson(r.control, 'show crypto ikev2 sa', 3000) as Promise<Ikev2SaListJson>,
      controlJson(r.control, 'show crypto isakmp sa', 3000) as Promise<IsakmpSaListJson>,
      controlJson(r.control, 'show crypto ipsec sa', 3000) as Promise<IpsecSaJson>,
    ]);
    const p = esp.interfaces.flatMap((i) => i.peers).find((x) => x.peer === peer);
    const ikev2 = v2.sas.some((s) => s.remote.split('/')[0] === peer && s.status === 'READY');
    const ikev1 = v1.sas.some((s) => s.remote.split('/')[0] === peer && s.state === 'QM_IDLE' && s.status === 'ACTIVE');
    const tried = v1.sas.some((s) => s.remote.split('/')[0] === peer) ? 'IKEv1' : undefined;
    return {
      ike: ikev1 || ikev2,
      version: ikev2 ? 'IKEv2' : ikev1 ? 'IKEv1' : tried,
      esp: p?.sas.some((s) => s.current) ?? false,
      encaps: p?.encaps ?? 0,
      decaps: p?.decaps ?? 0,
      recvErrors: (p?.decryptFailed ?? 0) + (p?.replayed ?? 0),
      udp: p?.sas.some((s) => s.current && s.udpEncap) ?? false,
    };
  } catch {
    return none;
  }
}

/** IKEv2's failure messages (IOS `%IKEV2-5-…`). */
const IKEV2_FAILURE = /%IKEV2-5-(AUTH_FAILED|NEG_FAILED|CHILD_FAILED)/;
/** IKEv1's (IOS `%CRYPTO-n-IKMP_…`): authentication, malformed (a wrong key garbles MM5), no policy or transform. */
const IKEV1_FAILURE = /%CRYPTO-\d-IKMP_(AUTH_FAIL|BAD_MESSAGE|MODE_FAILURE|NO_PRESHARED_KEY)/;

/** The IKE failure a router logged about `peer`, in words (the last one). */
export function loggedCause(log: string, peer: string): string | undefined {
  const lines = log.split('\n').filter((l) => {
    const at = l.toLowerCase().indexOf(peer.toLowerCase());
    // the address itself, not a longer one it begins (192.0.2.1 in 192.0.2.10, 2001:db8::1 in 2001:db8::1a)
    const more = peer.includes(':') ? /^:?[0-9a-f]/i : /^[0-9]/;
    if (at < 0 || more.test(l.slice(at + peer.length, at + peer.length + 2))) return false;
    return IKEV2_FAILURE.test(l) || IKEV1_FAILURE.test(l);
  });
  const last = lines.at(-1);
  if (!last) return undefined;
  if (/%CRYPTO-6-IKMP_AUTH_FAIL|%CRYPTO-4-IKMP_BAD_MESSAGE|%CRYPTO-4-IKMP_NO_PRESHARED_KEY/.test(last))
    return last.includes('NO_PRESHARED_KEY') ? 'no pre-shared key for the peer' : 'pre-shared key mismatch';
  if (last.includes('%CRYPTO-6-IKMP_MODE_FAILURE')) return 'no proposal chosen';
  if (last.includes('AUTH_FAILED')) return 'pre-shared key mismatch';
  if (/no proposal chosen|NO_PROPOSAL_CHOSEN/i.test(last)) return 'no proposal chosen';
  if (/TS_UNACCEPTABLE/.test(last)) return 'traffic selectors unacceptable';
  return last.replace(/^.*%(IKEV2-5|CRYPTO-[46])-[A-Z_]+: /, '');
}

function logOf(ctx: CheckContext, r: RouterView): string {
  const file = ctx.view.state.nodes.find((n) => n.name === r.name)?.log;
  return file && existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** The pairs NHRP uses: each spoke with its NHSs, and spokes the captures show talking directly. */
function pairs(ctx: CheckContext, ps: Packet[]): Array<[RouterView, RouterView]> {
  const out: Array<[RouterView, RouterView]> = [];
  for (const s of ctx.view.spokes) {
    // Every tunnel with an NHS (dual cloud: the second cloud's hub too).
    const tunnels = s.facts.tunnels.filter((t) => t.name === s.tunnel?.name || (t.nhs.length > 0 && !t.shutdown));
    for (const n of tunnels.flatMap((t) => t.nhs)) {
      const hub = hubByAddress(ctx.view, n.protocol);
      if (hub && hub !== s && !out.some(([x, y]) => x === s && y === hub)) out.push([s, hub]);
    }
  }
  const talked = new Set(ps.map((p) => `${p.src}|${p.dst}`));
  ctx.view.spokes.forEach((a, i) => {
    for (const b of ctx.view.spokes.slice(i + 1)) {
      const x = publicNbma(a);
      const y = publicNbma(b);
      if (talked.has(`${x}|${y}`) || talked.has(`${y}|${x}`)) out.push([a, b]);
    }
  });
  return out;
}

const NHRP_NAMES: Record<number, string> = {
  1: 'Resolution Request',
  2: 'Resolution Reply',
  3: 'Registration Request',
  4: 'Registration Reply',
  7: 'Error Indication',
  8: 'Traffic Indication',
};

const between = (p: Packet, x: string, y: string): boolean =>
  (p.src === x && p.dst === y) || (p.src === y && p.dst === x);

async function checkPair(ctx: CheckContext, ps: Packet[], a: RouterView, b: RouterView): Promise<CheckResult> {
  const nodes = [a.name, b.name];
  const x = publicNbma(a)!;
  const y = publicNbma(b)!;
  const mine = ps.filter((p) => between(p, x, y));
  const esp = mine.filter((p) => p.esp);
  const plain = mine.filter((p) => !p.esp && (p.kind === 'nhrp' || p.kind === 'data'));
  const nhrpInside = esp.find((p) => p.kind === 'nhrp');
  const evidence = [
    ...(nhrpInside ? cite(`${NHRP_NAMES[nhrpInside.nhrp!.type] ?? 'NHRP'} inside ESP`, [nhrpInside]) : []),
    ...cite('GRE in the clear between protected peers', plain.slice(0, 5)),
  ];
  const figures: Record<string, number | string | boolean | null> = {
    espFrames: esp.length,
    espOpened: esp.filter((p) => p.kind !== 'sealed').length,
    plainGre: plain.length,
  };
  const fail = (why: string) => result('ipsec', nodes, 'fail', why, { figures, evidence });
  const unprotected = [a, b].filter((r) => !r.tunnel?.protection).map((r) => r.name);
  if (unprotected.length === 2) return fail(`${a.name} and ${b.name}: neither tunnel has tunnel protection`);
  if (unprotected.length === 1) {
    const other = unprotected[0] === a.name ? b : a;
    return fail(`${other.name} protects its tunnel (profile ${other.tunnel!.protection}), ${unprotected[0]} does not`);
  }
  // The peer address each end uses: the other's public NBMA, except a spoke behind NAT sees the hub as it is.
  const [sa, sb] = await Promise.all([endState(a, y), endState(b, x)]);
  Object.assign(figures, { ikeUpA: sa.ike, ikeUpB: sb.ike, espUpA: sa.esp, espUpB: sb.esp, udp: sa.udp || sb.udp });
  if (!(sa.ike && sb.ike && sa.esp && sb.esp)) {
    // A wrong key shows at the end that cannot verify or decrypt; the other end may only log its give-up.
    const causes = [loggedCause(logOf(ctx, a), y), loggedCause(logOf(ctx, b), x)];
    const cause = causes.find((c) => c?.includes('mismatch')) ?? causes[0] ?? causes[1];
    const down = [!sa.ike || !sa.esp ? a.name : undefined, !sb.ike || !sb.esp ? b.name : undefined].filter(Boolean);
    if (cause)
      return fail(
        `IKE ${cause.includes('mismatch') ? 'authentication' : 'negotiation'} failed between ${a.name} and ${b.name}: ${cause}`,
      );
    return fail(`no IPsec SA between ${a.name} and ${b.name} on ${down.join(' and ')} (show crypto session)`);
  }
  if (plain.length > 0)
    return fail(`${plain.length} GRE packets in the clear between ${x} and ${y} (${where(plain[0]!)})`);
  if (esp.length === 0) return fail(`no ESP between ${x} and ${y} in the captures`);
  // Counters rising: a ping across the tunnel, from a to b's tunnel address.
  if (b.tunnelAddress) await ping(ctx.runtime, a.namespace, b.tunnelAddress, { count: 5, intervalMs: 200 });
  const [ea, eb] = await Promise.all([endState(a, y), endState(b, x)]);
  const rose = ea.encaps > sa.encaps && eb.decaps > sb.decaps && eb.encaps > sb.encaps && ea.decaps > sa.decaps;
  Object.assign(figures, {
    encapsA: ea.encaps - sa.encaps,
    decapsA: ea.decaps - sa.decaps,
    encapsB: eb.encaps - sb.encaps,
    decapsB: eb.decaps - sb.decaps,
    recvErrors: ea.recvErrors + eb.recvErrors,
  });
  if (!rose)
    return fail(
      `ESP counters did not rise both ways during a ping ${a.name}→${b.name} (encaps +${ea.encaps - sa.encaps}/+${eb.encaps - sb.encaps}, decaps +${ea.decaps - sa.decaps}/+${eb.decaps - sb.decaps})`,
    );
  const how = sa.udp || sb.udp ? 'ESP in UDP 4500 (NAT-T)' : 'ESP';
  const ikeName = sa.version === 'IKEv1' || sb.version === 'IKEv1' ? 'IKEv1 (ISAKMP)' : 'IKEv2';
  const inside = nhrpInside ? `, NHRP inside (${where(nhrpInside)})` : '';
  return result(
    'ipsec',
    nodes,
    'pass',
    `${a.name}↔${b.name} protected: ${ikeName} and ESP SAs up at both ends, ${esp.length} ${how} frames${inside}, no plain GRE, counters rising`,
    { figures, evidence },
  );
}

/** The ipsec check. */
export const ipsecCheck: Check = {
  name: 'ipsec',
  summary:
    'every tunnel NHRP uses is protected: SAs up at both ends, ESP (or UDP 4500) in the captures and no plain GRE, counters rising',
  notApplicable: (view) =>
    view.routers.some((r) => r.tunnel?.protection) ? undefined : 'no router has tunnel protection',
  async run(ctx) {
    const ps = await capturedPackets(ctx.pcaps);
    const out: CheckResult[] = [];
    for (const [a, b] of pairs(ctx, ps)) out.push(await checkPair(ctx, ps, a, b));
    return out;
  },
};

/**
 * The packet evidence of a diagnosis: for the first broken layer between a spoke and its hub, the
 * frames of the grade's captures that show it (Wireshark frame numbers per pcap), in a sentence a
 * student can check in Wireshark — "GRE: frames 12, 15 from 203.0.113.1 carry key 110, hub's Tunnel0
 * expects 100"; "NHRP: registration frame 7 answered by Error Indication frame 8 (authentication
 * failure)"; the routing adjacency as each side shows it with its hellos; the IKE frames and the
 * Notify they carry; the hub's Traffic Indications. Also the show command that shows it on the router.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cieCodeName, errorCodeName } from '../../wire/index.js';
import { cite, nhrpOf, NhrpType } from '../checks/evidence.js';
import type { IkeFrame } from '../checks/ike-frames.js';
import { loggedCause } from '../checks/ipsec.js';
import { publicNbma, type LabView, type RouterView } from '../checks/view.js';
import type { Diagnosis, LayerFinding } from './diagnose.js';
import {
  type CapturedFrames,
  type FrameFinding,
  file,
  frameList,
  keyText,
  linkPcap,
  MAX,
  onePcap,
  verb,
} from './frame-text.js';
import { routingFrames } from './routing-frames.js';

export type { CapturedFrames, FrameFinding } from './frame-text.js';

function greFrames(view: LabView, s: RouterView, h: RouterView, c: CapturedFrames, pcaps: string[]): FrameFinding {
  const from = publicNbma(s);
  const hubNbma = publicNbma(h);
  const [atHub, atSpoke] = [linkPcap(view, h, pcaps), linkPcap(view, s, pcaps)];
  const mine = c.packets.filter((p) => p.src === from && (p.kind === 'nhrp' || p.kind === 'data') && !p.esp);
  const toHub = mine.filter((p) => p.dst === hubNbma || p.dst === h.nbma);
  const want = h.tunnel?.key;
  const tunnel = h.tunnel?.name ?? 'Tunnel0';
  const wrong = onePcap(
    toHub.filter((p) => p.greKey !== want),
    [atHub, atSpoke],
  );
  if (wrong.length > 0)
    return {
      text: `GRE: ${frameList(wrong)} from ${from} ${verb(wrong, 'carries', 'carry')} ${keyText(wrong[0]!.greKey)}, ${h.name}'s ${tunnel} expects ${keyText(want)}`,
      frames: cite(`GRE from ${s.name} with ${keyText(wrong[0]!.greKey)}`, wrong.slice(0, MAX)),
    };
  if (mine.length > 0 && toHub.length === 0) {
    const elsewhere = onePcap(mine, [atSpoke]);
    return {
      text: `GRE: ${frameList(elsewhere)} from ${from} ${verb(elsewhere, 'goes', 'go')} to ${elsewhere[0]!.dst}, not ${h.name}'s NBMA ${hubNbma}`,
      frames: cite(`GRE from ${s.name} to ${elsewhere[0]!.dst}`, elsewhere.slice(0, MAX)),
    };
  }
  if (mine.length === 0)
    return {
      text: `GRE: no GRE frame from ${s.name}${from ? ` (${from})` : ''} in the captures: its tunnel sends nothing`,
      frames: [],
    };
  const ok = onePcap(toHub, [atHub]);
  return {
    text: `GRE: ${frameList(ok)} from ${from} ${verb(ok, 'reaches', 'reach')} ${h.name} with ${keyText(ok[0]!.greKey)}`,
    frames: cite(`GRE from ${s.name} to ${h.name}`, ok.slice(0, MAX)),
  };
}

function nhrpFrames(view: LabView, s: RouterView, h: RouterView, c: CapturedFrames, pcaps: string[]): FrameFinding {
  const from = publicNbma(s);
  const hubNbma = publicNbma(h);
  const [atHub, atSpoke] = [linkPcap(view, h, pcaps), linkPcap(view, s, pcaps)];
  const reqs = nhrpOf(c.packets, NhrpType.RegistrationRequest, from ? { src: from } : {});
  const toHub = reqs.filter((p) => p.dst === hubNbma || p.dst === h.nbma);
  if (reqs.length === 0)
    return {
      text: `NHRP: no Registration Request from ${s.name}${from ? ` (${from})` : ''} in the captures`,
      frames: [],
    };
  if (toHub.length === 0) {
    const sent = onePcap(reqs, [atSpoke]);
    return {
      text: `NHRP: Registration Request ${frameList(sent)} from ${s.name} ${verb(sent, 'goes', 'go')} to ${sent[0]!.dst}, not ${h.name}'s NBMA ${hubNbma}; none answered`,
      frames: cite(`Registration Requests from ${s.name} to ${sent[0]!.dst}`, sent.slice(0, MAX)),
    };
  }
  const pcap = onePcap(toHub, [atHub, atSpoke])[0]!.pcap;
  const here = c.packets.filter((p) => p.pcap === pcap);
  const q = here.filter((p) => toHub.includes(p));
  const errors = nhrpOf(here, NhrpType.ErrorIndication, { ...(hubNbma ? { src: hubNbma } : {}) }).filter(
    (e) => e.dst === from,
  );
  const replies = nhrpOf(here, NhrpType.RegistrationReply, { ...(from ? { dst: from } : {}) });
  const lastBefore = (t: number) => q.filter((x) => x.timeMs <= t).at(-1) ?? q[0]!;
  const e = errors.at(-1);
  if (e) {
    const req = lastBefore(e.timeMs);
    const why = errorCodeName(e.nhrp!.requestId >>> 16);
    return {
      text: `NHRP: registration frame ${req.frame} answered by Error Indication frame ${e.frame} (${why}) in ${file(pcap)}`,
      frames: cite(`Registration Request and the Error Indication (${why})`, [req, e]),
      command: 'debug nhrp packet',
    };
  }
  const refused = replies.find((r) => r.nhrp!.cies.some((x) => x.code !== 0));
  if (refused) {
    const code = refused.nhrp!.cies.find((x) => x.code !== 0)!.code;
    const req = q.find((x) => x.nhrp!.requestId === refused.nhrp!.requestId) ?? lastBefore(refused.timeMs);
    return {
      text: `NHRP: registration frame ${req.frame} refused by Reply frame ${refused.frame} (${cieCodeName(code)}) in ${file(pcap)}`,
      frames: cite(`Registration Request and the Reply refusing it (${cieCodeName(code)})`, [req, refused]),
    };
  }
  const answered = replies.find((r) => q.some((x) => x.nhrp!.requestId === r.nhrp!.requestId));
  if (!answered)
    return {
      text: `NHRP: Registration Request ${frameList(q)} to ${h.name} (${hubNbma}), none answered`,
      frames: cite(`Registration Requests from ${s.name}, unanswered`, q.slice(0, MAX)),
    };
  const req = q.find((x) => x.nhrp!.requestId === answered.nhrp!.requestId)!;
  return {
    text: `NHRP: registration frame ${req.frame} answered by Reply frame ${answered.frame} in ${file(pcap)}`,
    frames: cite('Registration Request and its Reply', [req, answered]),
  };
}

function ikeFrames(view: LabView, s: RouterView, h: RouterView, c: CapturedFrames, pcaps: string[]): FrameFinding {
  const [x, y] = [publicNbma(s), publicNbma(h)];
  const between = c.ike.filter((f) => (f.src === x && f.dst === y) || (f.src === y && f.dst === x));
  const logOf = (r: RouterView) => {
    const f = view.state.nodes.find((n) => n.name === r.name)?.log;
    return f && existsSync(f) ? readFileSync(f, 'utf8') : '';
  };
  const causes = [loggedCause(logOf(s), h.nbma ?? y ?? ''), loggedCause(logOf(h), x ?? '')];
  const cause = causes.find((z) => z?.includes('mismatch')) ?? causes.find((z) => z !== undefined);
  const logged = cause ? `; the routers logged: ${cause}` : '';
  if (between.length === 0)
    return {
      text: `IKE: no IKE frame between ${s.name} (${x}) and ${h.name} (${y}) in the captures${logged}`,
      frames: [],
    };
  const here = onePcap(between, [linkPcap(view, h, pcaps), linkPcap(view, s, pcaps)]);
  const notify = here.filter((f) => f.errors.length > 0).at(-1);
  if (notify) {
    const from = notify.src === x ? s.name : h.name;
    return {
      text: `IKE: frame ${notify.frame} (${file(notify.pcap)}) from ${from} is an IKEv${notify.version} ${notify.exchange}${notify.response ? ' response' : ''} with Notify ${notify.errors.join(', ')}${logged}`,
      frames: cite(`IKEv${notify.version} Notify ${notify.errors.join(', ')}`, [notify]),
      command: 'show crypto session',
    };
  }
  const last = here.at(-1)!;
  const exchange = here.filter((f) => f.exchange === last.exchange);
  const fromS = exchange.filter((f) => f.src === x);
  const fromH = exchange.filter((f) => f.src === y);
  const side = (ps: IkeFrame[], who: string) =>
    ps.length > 0 ? `${frameList(ps.slice(-MAX))} from ${who}` : `nothing from ${who}`;
  const sealed = exchange.some((f) => f.encrypted) ? ' (encrypted)' : '';
  return {
    text: `IKE: IKEv${last.version} ${last.exchange}${sealed}: ${side(fromS, s.name)}, ${side(fromH, h.name)}${logged}`,
    frames: cite(`IKEv${last.version} ${last.exchange} between ${s.name} and ${h.name}`, [
      ...fromS.slice(-MAX),
      ...fromH.slice(-MAX),
    ]),
    command: 'show crypto session',
  };
}

function phaseFrames(view: LabView, s: RouterView, h: RouterView, c: CapturedFrames, pcaps: string[]): FrameFinding {
  const [x, y] = [publicNbma(s), publicNbma(h)];
  const ti = onePcap(
    nhrpOf(c.packets, NhrpType.TrafficIndication, { ...(y ? { src: y } : {}), ...(x ? { dst: x } : {}) }),
    [linkPcap(view, s, pcaps)],
  );
  if (ti.length === 0)
    return {
      text: `NHRP: no Traffic Indication from ${h.name} to ${s.name} in the captures (no redirect)`,
      frames: [],
    };
  const res = nhrpOf(c.packets, NhrpType.ResolutionRequest, {
    ...(x ? { src: x } : {}),
    window: { from: ti[0]!.timeMs },
  });
  return {
    text: `NHRP: Traffic Indication ${frameList(ti)} from ${h.name} to ${s.name}${res.length === 0 ? `, no Resolution Request from ${s.name} follows` : `, Resolution Request frame ${res[0]!.frame} (${file(res[0]!.pcap)}) follows`}`,
    frames: [
      ...cite(`Traffic Indications to ${s.name}`, ti.slice(0, MAX)),
      ...cite('Resolution Request', res.slice(0, 1)),
    ],
  };
}

/** The frames that show layer `f.layer` between `s` and `h`, or undefined when none apply (underlay). */
export async function layerFrames(
  view: LabView,
  f: LayerFinding,
  s: RouterView,
  h: RouterView,
  c: CapturedFrames,
  pcaps: string[],
): Promise<FrameFinding | undefined> {
  switch (f.layer) {
    case 'gre':
      return greFrames(view, s, h, c, pcaps);
    case 'nhrp':
      return nhrpFrames(view, s, h, c, pcaps);
    case 'ipsec':
      return ikeFrames(view, s, h, c, pcaps);
    case 'routing':
      return routingFrames(view, s, h, c, pcaps);
    case 'phase':
      return phaseFrames(view, s, h, c, pcaps);
    default:
      return undefined;
  }
}

/**
 * Adds the frames of the first broken layer to a diagnosis (evidence sentence, frames, the command
 * that shows it); a layer the captures say nothing about is left as it is.
 */
export async function citeFrames(view: LabView, d: Diagnosis, c: CapturedFrames, pcaps: string[]): Promise<void> {
  const f = d.findings.find((x) => x.layer === d.broken);
  const s = view.routers.find((r) => r.name === d.pair[0]);
  const h = view.routers.find((r) => r.name === d.pair[1]);
  if (!f || !s || !h) return;
  const got = await layerFrames(view, f, s, h, c, pcaps).catch(() => undefined);
  if (!got) return;
  f.capture = { text: got.text, frames: got.frames };
  if (got.shown && got.shown.length > 0) f.shown = got.shown;
  if (got.command && got.command !== f.command) f.command = `${got.command}; ${f.command}`;
}

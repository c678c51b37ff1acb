/** Fixtures of the check tests: a shipped lab's view without running it, and captures built frame by frame. */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CheckResult } from '../../src/lab/checks/model.js';
import type { RunningConfigJson } from '../../src/node/api/index.js';
import { readPackets, type Packet } from '../../src/lab/checks/packets.js';
import { assembleView, type LabView } from '../../src/lab/checks/view.js';
import { planLab } from '../../src/lab/plan.js';
import type { LabState } from '../../src/lab/state.js';
import { loadTopology } from '../../src/lab/topology/load.js';
import { parseConfig } from '../../src/node/config/parse.js';
import {
  encodeIpv4,
  encodeNhrp,
  GreProto,
  IpProto,
  LinkType,
  makeIpv4,
  makeNhrp,
  writePcap,
  type NhrpPacket,
} from '../../src/wire/index.js';
import { greOf } from './wire.js';

/** The shipped labs. */
export const LABS = join(import.meta.dirname, '..', '..', 'labs');

/** The topology file of shipped lab `lab`. */
export const labFile = (lab: string): string => join(LABS, lab, `${lab}.clab.yml`);

/** The state a lab would have once up (nothing is created). */
export function offlineState(lab: string): LabState {
  return offlineStateOf(labFile(lab));
}

/** The state the lab of topology file `file` would have once up (nothing is created). */
export function offlineStateOf(file: string): LabState {
  const plan = planLab(loadTopology(file));
  return {
    version: 1,
    name: plan.name,
    runtime: 'netns',
    topologyFile: plan.topology.file,
    labDir: join(dirname(file), `clab-${plan.name}`),
    phase: 'up',
    createdAt: new Date(0).toISOString(),
    orchestratorPid: process.pid,
    namespaces: plan.nodes.map((n) => n.namespace),
    nodes: plan.nodes.map((n) => ({
      name: n.node.name,
      kind: n.node.kind,
      namespace: n.namespace,
      interfaces: n.interfaces,
      ...(n.router ? { control: `/nonexistent/${n.node.name}.sock` } : {}),
    })),
    links: plan.links.map((l) => ({ a: `${l.a.node}:${l.a.iface}`, b: `${l.b.node}:${l.b.iface}` })),
    captures: [],
  };
}

/** The running configuration (`show running-config json`) a router would have with this startup-config text. */
export function runningConfig(text: string): RunningConfigJson {
  const r = parseConfig(text, { file: 'startup-config' });
  if (r.errors.length > 0) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.config;
}

/** A shipped lab's view from its startup-configs; `edit` may change a router's config text first. */
export function offlineView(lab: string, edit: (router: string, text: string) => string = (_, t) => t): LabView {
  return offlineViewOf(labFile(lab), edit);
}

/** The view of the lab of topology file `file` from its startup-configs (`edit` as for offlineView). */
export function offlineViewOf(file: string, edit: (router: string, text: string) => string = (_, t) => t): LabView {
  const state = offlineStateOf(file);
  const topology = loadTopology(file);
  const configs = Object.fromEntries(
    topology.nodes
      .filter((n) => n.startupConfig)
      .map((n) => [n.name, runningConfig(edit(n.name, readFileSync(n.startupConfig!, 'utf8')))]),
  );
  return assembleView(state, topology, configs);
}

/** An Ethernet frame carrying IPv4 → GRE (key 100) with `proto` and `payload`. */
export function greFrame(src: string, dst: string, proto: number, payload: Uint8Array): Uint8Array {
  const gre = greOf(proto, payload, { key: 100 });
  const ip = encodeIpv4(makeIpv4({ src, dst, protocol: IpProto.Gre, payload: gre }));
  const eth = new Uint8Array(14 + ip.length);
  eth.set([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x08, 0x00]);
  eth.set(ip, 14);
  return eth;
}

/** An NHRP packet between two NBMA addresses. */
export function nhrpFrame(src: string, dst: string, fields: Partial<NhrpPacket>): Uint8Array {
  return greFrame(src, dst, GreProto.Nhrp, encodeNhrp(makeNhrp(fields)));
}

/** An ICMP echo request (type 8) or reply (0) between LAN hosts, carried in GRE between two NBMA addresses. */
export function echoFrame(
  src: string,
  dst: string,
  innerSrc: string,
  innerDst: string,
  type: 0 | 8,
  seq: number,
): Uint8Array {
  const icmp = Uint8Array.from([type, 0, 0, 0, 0x12, 0x34, seq >> 8, seq & 255, 1, 2, 3, 4]);
  return greFrame(
    src,
    dst,
    GreProto.Ipv4,
    encodeIpv4(makeIpv4({ src: innerSrc, dst: innerDst, protocol: IpProto.Icmp, payload: icmp })),
  );
}

/** Writes frames with their capture times (epoch ms) as a libpcap file. */
export function writeFrames(file: string, frames: Array<[number, Uint8Array]>): void {
  writeFileSync(
    file,
    writePcap(
      frames.map(([t, data]) => ({ data, timestampNs: BigInt(Math.round(t * 1000)) * 1000n })),
      { linkType: LinkType.Ethernet },
    ),
  );
}

/** Copies shipped lab `lab` into a new temp folder (from `tempDir`) with one line of one router's config changed; returns the topology path. */
export function brokenLab(lab: string, dir: string, router: string, from: string | RegExp, to: string): string {
  for (const f of readdirSync(join(LABS, lab)).filter((x) => /\.(cfg|ya?ml)$/.test(x)))
    copyFileSync(join(LABS, lab, f), join(dir, f));
  const cfg = join(dir, `${router}.cfg`);
  const before = readFileSync(cfg, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`${lab}/${router}.cfg has no "${String(from)}" to change`);
  writeFileSync(cfg, after);
  return join(dir, `${lab}.clab.yml`);
}

const NHRP_TYPES: Array<[RegExp, number]> = [
  [/Traffic Indication/, 8],
  [/Resolution Request/, 1],
  [/Resolution Reply/, 2],
  [/Registration Request/, 3],
  [/Registration Reply/, 4],
  [/Error Indication/, 7],
];

/** Problems with the evidence of results: a pcap or frame that is not there, or a frame that is not what the evidence says. */
export function evidenceProblems(results: CheckResult[]): string[] {
  const out: string[] = [];
  const cache = new Map<string, Packet[]>();
  for (const r of results) {
    for (const e of r.evidence) {
      if (!cache.has(e.pcap)) cache.set(e.pcap, readPackets(e.pcap));
      const ps = cache.get(e.pcap)!;
      const type = NHRP_TYPES.find(([re]) => re.test(e.what))?.[1];
      for (const n of e.frames) {
        const p = ps.find((x) => x.frame === n);
        const ok =
          p !== undefined && (type !== undefined ? p.kind === 'nhrp' && p.nhrp!.type === type : p.kind === 'data');
        if (!ok)
          out.push(
            `${r.name} ${r.nodes.join('→')}: ${e.pcap}#${n} is not "${e.what}" (${p ? `${p.kind} ${p.nhrp?.type ?? ''}` : 'no such frame'})`,
          );
      }
    }
  }
  return out;
}

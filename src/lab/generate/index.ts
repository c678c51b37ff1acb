/** `generate`: writes a lab of any size (hubs, spokes with a LAN host each, spokes behind NAT) as topology + IOS configs. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabError } from '../errors.js';
import {
  hubTunnelAddress,
  natInside,
  nbmaSites,
  spokeLanOctets,
  spokeTunnelAddress,
  tunnelPrefix,
} from './addressing.js';
import { iosConfig, type RouterSpec } from './ios.js';
import { GENERATED_ROUTING, type GeneratedRouting } from './routing.js';

/** What to generate. */
export interface GenerateOptions {
  name: string;
  spokes: number;
  hubs?: number;
  /** How many spokes (the last ones) sit behind their own NAT gateway. */
  nat?: number;
  phase?: 1 | 2 | 3;
  /** Every tunnel protected (IKEv2, ESP AES-GCM-256 transport mode). */
  ipsec?: boolean;
  /** Static routes (default) or a routing protocol over the tunnel. */
  routing?: GeneratedRouting;
}

const SCHEMA = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'schema', 'topology.schema.json');

/** The files of the lab (file name -> text): `<name>.clab.yml` and one `<router>.cfg` per router. */
export function generateLab(o: GenerateOptions, dir = '.'): Record<string, string> {
  const hubs = o.hubs ?? 1;
  const nat = o.nat ?? 0;
  const phase = o.phase ?? 3;
  const bad = (m: string): never => {
    throw new LabError('BAD_ARGUMENT', m);
  };
  if (!Number.isInteger(o.spokes) || o.spokes < 1) bad(`--spokes must be a whole number ≥ 1, got ${o.spokes}`);
  if (!Number.isInteger(hubs) || hubs < 1 || hubs > 9) bad(`--hubs must be 1..9, got ${hubs}`);
  if (!Number.isInteger(nat) || nat < 0 || nat > o.spokes)
    bad(`--nat must be 0..${o.spokes} (the number of spokes), got ${nat}`);
  if (![1, 2, 3].includes(phase)) bad(`--phase must be 1, 2 or 3, got ${phase}`);
  const protocol = o.routing ?? 'static';
  if (!GENERATED_ROUTING.includes(protocol)) bad(`--routing must be ${GENERATED_ROUTING.join(', ')}, got ${protocol}`);
  const dynamic = protocol === 'static' ? undefined : protocol;
  if (phase === 1 && hubs > 1)
    bad('Phase 1 spokes have a point-to-point tunnel to one hub: use --hubs 1, or --phase 2 or 3 for several hubs');

  const hubNames = Array.from({ length: hubs }, (_, i) => (hubs === 1 ? 'hub' : `hub${i + 1}`));
  const firstNat = o.spokes - nat + 1;
  const sites = nbmaSites(hubs + o.spokes);
  const tp = tunnelPrefix(hubs, o.spokes);
  const files: Record<string, string> = {};
  const nodes: string[] = [];
  const links: string[] = [];
  const inet: string[] = [];
  const nhs = hubNames.map((_, i) => ({ tunnel: hubTunnelAddress(i + 1), nbma: sites[i]!.address }));
  const site = (i: number, end: string): void => {
    const s = sites[i]!;
    inet.push(`eth${i + 1}: ${s.gateway}/${s.prefix}`);
    links.push(`["${end}", "inet:eth${i + 1}"]`);
  };

  hubNames.forEach((h, i) => {
    const s = sites[i]!;
    const routes = Array.from({ length: o.spokes }, (_, j) => ({
      network: `${spokeLanOctets(j + 1)}.0`,
      prefix: 24,
      via: spokeTunnelAddress(j + 1),
    }));
    const tunnel = { address: hubTunnelAddress(i + 1), prefix: tp };
    files[`${h}.cfg`] = iosConfig({
      hostname: h,
      role: 'hub',
      phase,
      nbma: s,
      tunnel,
      nhs: [],
      routes: dynamic ? [] : routes,
      ...(dynamic ? { routing: { protocol: dynamic, role: 'hub', phase, hubIndex: i + 1, tunnel, hubs: [] } } : {}),
      ...(o.ipsec ? { ipsec: true } : {}),
    });
    nodes.push(`${h}: { kind: dmvpn, startup-config: ${h}.cfg }`);
    site(i, `${h}:GigabitEthernet0/1`);
  });

  for (let n = 1; n <= o.spokes; n++) {
    const sp = `spoke${n}`;
    const lan = spokeLanOctets(n);
    const i = hubs + n - 1;
    let nbma: RouterSpec['nbma'];
    if (n >= firstNat) {
      const k = n - firstNat + 1;
      const inside = natInside(k);
      const s = sites[i]!;
      nbma = { address: `${inside}.2`, prefix: 24, gateway: `${inside}.1` };
      nodes.push(
        `nat${k}: { kind: nat, interfaces: { eth1: ${s.address}/${s.prefix}, eth2: ${inside}.1/24 }, gateway: ${s.gateway} }`,
      );
      site(i, `nat${k}:eth1`);
      links.push(`["nat${k}:eth2", "${sp}:GigabitEthernet0/1"]`);
    } else {
      nbma = sites[i]!;
      site(i, `${sp}:GigabitEthernet0/1`);
    }
    const routes: RouterSpec['routes'] =
      phase === 2
        ? Array.from({ length: o.spokes }, (_, j) => j + 1)
            .filter((j) => j !== n)
            .map((j) => ({ network: `${spokeLanOctets(j)}.0`, prefix: 24, via: spokeTunnelAddress(j) }))
        : nhs.map((h, j) => ({
            network: '10.0.0.0',
            prefix: 8,
            via: h.tunnel,
            ...(j > 0 ? { distance: 249 + j } : {}),
          }));
    const tunnel = { address: spokeTunnelAddress(n), prefix: tp };
    const lanPrefix = { address: `${lan}.1`, prefix: 24 };
    files[`${sp}.cfg`] = iosConfig({
      hostname: sp,
      role: 'spoke',
      phase,
      nbma,
      lan: lanPrefix,
      tunnel,
      nhs,
      routes: dynamic ? [] : routes,
      ...(dynamic
        ? {
            routing: {
              protocol: dynamic,
              role: 'spoke',
              phase,
              tunnel,
              lan: lanPrefix,
              hubs: nhs.map((h) => h.tunnel),
            },
          }
        : {}),
      ...(o.ipsec ? { ipsec: true } : {}),
    });
    nodes.push(`${sp}: { kind: dmvpn, startup-config: ${sp}.cfg }`);
    nodes.push(`host${n}: { kind: host, interfaces: { eth1: ${lan}.10/24 }, gateway: ${lan}.1 }`);
    links.push(`["${sp}:GigabitEthernet0/2", "host${n}:eth1"]`);
  }
  nodes.push(`inet:\n      kind: internet\n      interfaces:\n${inet.map((l) => `        ${l}`).join('\n')}`);

  const schema = relative(resolve(dir), SCHEMA);
  files[`${o.name}.clab.yml`] = [
    `# yaml-language-server: $schema=${schema}`,
    `# DMVPN Phase ${phase}${dynamic ? ` with ${dynamic.toUpperCase()}` : ''}: ${hubs} hub${hubs > 1 ? 's' : ''}, ${o.spokes} spoke${o.spokes > 1 ? 's' : ''}${nat ? ` (${nat} behind NAT)` : ''}, a LAN host behind each spoke.`,
    `name: ${o.name}`,
    'topology:',
    '  nodes:',
    ...nodes.map((n) => `    ${n}`),
    '  links:',
    ...links.map((l) => `    - endpoints: ${l}`),
    '',
  ].join('\n');
  return files;
}

/** Writes the generated lab into `dir` (created if needed); the lab is named after the folder unless `name` is given. Returns the topology path. */
export function writeGeneratedLab(dir: string, o: Omit<GenerateOptions, 'name'> & { name?: string }): string {
  const name = o.name ?? basename(resolve(dir));
  const files = generateLab({ ...o, name }, dir);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return join(dir, `${name}.clab.yml`);
}

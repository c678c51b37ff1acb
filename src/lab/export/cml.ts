/**
 * `export --format cml`: one of our labs as a Cisco Modeling Labs 2.x lab (schema 0.2.x) that CML opens
 * and `import` reads back. dmvpn nodes become `iosv` with their startup-config as published; a switch an
 * `unmanaged_switch`; a host an `alpine` whose boot lines set its addresses and gateways (IPv4 and IPv6:
 * `ip -6 address add`, `ip -6 route add default via`); an internet node an `iosv` router with one
 * interface per segment (it only routes between them); a NAT gateway an `iosv` router doing PAT
 * (`ip nat inside`/`outside`, `ip nat inside source list 1 interface OUT overload`, a default route to
 * its gateway), which `import` reads back as a nat node (../import/nat-router.ts).
 * The internet and NAT routers' interfaces ethN become GigabitEthernet0/N.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { LabError } from '../errors.js';
import { loadTopology } from '../topology/load.js';
import { outsideOf } from '../kinds/nat.js';
import type { TopoNode } from '../topology/types.js';
import { maskString, parseCidr } from '../../wire/ipv4-addr.js';

interface CmlIface {
  id: string;
  label: string;
  slot?: number;
  type: 'physical';
}

/** The IOS interface name of an internet node's Linux interface (ethN → GigabitEthernet0/N). */
function iosName(linux: string): string {
  const m = /^eth(\d+)$/.exec(linux);
  if (!m) throw new LabError('BAD_ARGUMENT', `interface ${linux}: no IOS name for it (ethN only)`);
  return `GigabitEthernet0/${m[1]}`;
}

/** An internet node's equivalent IOS configuration: its addresses, nothing else (it routes between them). */
function internetConfig(n: TopoNode): string {
  const lines = [`hostname ${n.name}`, '!'];
  for (const [linux, cidr] of Object.entries(n.interfaces)) {
    const [addr, len] = cidr.split('/');
    lines.push(`interface ${iosName(linux)}`, ` ip address ${addr} ${maskString(Number(len))}`, ' no shutdown', '!');
  }
  return `${lines.join('\n')}\nend\n`;
}

/** IOS's `A.B.C.D M.M.M.M` for `A.B.C.D/L`. */
function addressMask(cidr: string): string {
  const [addr, len] = cidr.split('/');
  return `${addr} ${maskString(Number(len))}`;
}

/** A NAT gateway's equivalent IOS configuration: PAT from its inside interfaces out of its outside one. */
function natConfig(n: TopoNode): string {
  const out = outsideOf(n);
  if (out === undefined)
    throw new LabError('EXPORT_UNSUPPORTED', `node ${n.name}: a nat node needs an outside interface to export`);
  const lines = [`hostname ${n.name}`, '!'];
  for (const [linux, cidr] of Object.entries(n.interfaces)) {
    const side = linux === out ? 'outside' : 'inside';
    lines.push(
      `interface ${iosName(linux)}`,
      ` ip address ${addressMask(cidr)}`,
      ` ip nat ${side}`,
      ' no shutdown',
      '!',
    );
  }
  lines.push(`ip nat inside source list 1 interface ${iosName(out)} overload`);
  if (n.gateway !== undefined) lines.push(`ip route 0.0.0.0 0.0.0.0 ${n.gateway}`);
  for (const r of n.routes) {
    const c = parseCidr(r.dst);
    if (c) lines.push(`ip route ${c.address} ${maskString(c.prefixLength)} ${r.via}`);
  }
  lines.push('!', 'access-list 1 permit any', '!');
  return `${lines.join('\n')}\nend\n`;
}

function hostConfig(n: TopoNode): string {
  const lines = [`hostname ${n.name}`];
  for (const [linux, cidr] of Object.entries(n.interfaces)) lines.push(`ip address add ${cidr} dev ${linux}`);
  if (n.gateway) lines.push(`ip route add default via ${n.gateway}`);
  for (const [linux, cidr] of Object.entries(n.ipv6 ?? {})) lines.push(`ip -6 address add ${cidr} dev ${linux}`);
  if (n.ipv6Gateway) lines.push(`ip -6 route add default via ${n.ipv6Gateway}`);
  return `${lines.join('\n')}\n`;
}

/** The CML lab of the topology `file`, as YAML text. Throws LabError EXPORT_UNSUPPORTED for a kind CML lacks. */
export function cmlExport(file: string): string {
  const topo = loadTopology(file);
  const ifaces = new Map<string, CmlIface[]>();
  const ifaceId = (node: string, label: string): string => {
    const list = ifaces.get(node) ?? [];
    ifaces.set(node, list);
    const found = list.find((i) => i.label === label);
    if (found) return found.id;
    const id = `i${list.length}`;
    const slot = /^GigabitEthernet0\/(\d+)$/.exec(label);
    list.push({ id, label, slot: slot ? Number(slot[1]) : list.length, type: 'physical' });
    return id;
  };
  const kindOf = new Map(topo.nodes.map((n) => [n.name, n.kind]));
  const nodeId = new Map(topo.nodes.map((n, i) => [n.name, `n${i}`]));
  const links = topo.links.map((l, i) => {
    const label = (e: { node: string; iface: string; linux: string }) =>
      kindOf.get(e.node) === 'internet' || kindOf.get(e.node) === 'nat' ? iosName(e.linux) : e.iface;
    return {
      id: `l${i}`,
      n1: nodeId.get(l.a.node)!,
      n2: nodeId.get(l.b.node)!,
      i1: ifaceId(l.a.node, label(l.a)),
      i2: ifaceId(l.b.node, label(l.b)),
      label: `${l.a.node}-${label(l.a)}<->${l.b.node}-${label(l.b)}`,
    };
  });
  const nodes = topo.nodes.map((n, i) => {
    let definition: string;
    let configuration: string | undefined;
    if (n.kind === 'dmvpn') {
      definition = 'iosv';
      configuration = n.startupConfig ? readFileSync(n.startupConfig, 'utf8') : `hostname ${n.name}\n`;
    } else if (n.kind === 'switch') definition = 'unmanaged_switch';
    else if (n.kind === 'host') {
      definition = 'alpine';
      configuration = hostConfig(n);
    } else if (n.kind === 'internet') {
      definition = 'iosv';
      configuration = internetConfig(n);
    } else if (n.kind === 'nat') {
      definition = 'iosv';
      configuration = natConfig(n);
    } else throw new LabError('EXPORT_UNSUPPORTED', `node ${n.name}: kind ${n.kind} has no CML equivalent`);
    return {
      id: `n${i}`,
      label: n.name,
      node_definition: definition,
      x: 150 * i,
      y: 0,
      ...(configuration !== undefined ? { configuration } : {}),
      interfaces: ifaces.get(n.name) ?? [],
    };
  });
  return stringify(
    {
      lab: { title: topo.name, description: `Exported by dmvpn-lab from ${topo.name}`, version: '0.2.2' },
      nodes,
      links,
    },
    { lineWidth: 0 },
  );
}

/** Writes the CML lab of `file` to `out`; returns the path. */
export function writeCmlExport(file: string, out: string): string {
  writeFileSync(out, cmlExport(file));
  return out;
}

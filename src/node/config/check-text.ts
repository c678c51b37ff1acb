/** The `--check-config` report laid out for people. */
import type { ConfigCheckReport, CheckTunnel } from './check.js';
import { formatConfigError } from './errors.js';
import { modeText } from './model.js';
import { renderRoute } from './render.js';
import type { IgnoredLine } from './result.js';

/** The report as text: interfaces, tunnels with NHRP, routes, crypto, ignored lines, warnings, errors. */
export function renderCheckText(r: ConfigCheckReport): string {
  const errors = r.errors;
  const out: string[] = [];
  const status = r.ok ? 'loads' : `has ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}`;
  out.push(`${r.file}: hostname ${r.hostname}, configuration ${status}`, '');
  out.push('Interfaces');
  const rows = r.interfaces.map((i) => [
    i.name,
    i.linuxName,
    i.state === 'up' ? 'up' : 'admin down',
    i.addresses.join(', ') || 'unassigned',
    [i.mtu !== undefined ? `ip mtu ${i.mtu}` : '', i.adjustMss !== undefined ? `adjust-mss ${i.adjustMss}` : '']
      .filter(Boolean)
      .join(', '),
  ]);
  out.push(...table([['Interface', 'Device', 'Status', 'Address', 'Options'], ...rows]).map((l) => `  ${l}`));
  if (r.interfaces.length === 0) out.push('  (none)');
  for (const t of r.tunnels) out.push('', ...tunnel(t));
  out.push('', 'Static routes');
  out.push(...(r.routes.length > 0 ? r.routes.map((x) => `  ${renderRoute(x)}`) : ['  (none)']));
  const c = r.crypto;
  const counts = [
    [c.isakmpPolicies.length, 'isakmp policy'],
    [c.isakmpKeys.length, 'isakmp key'],
    [c.transformSets.length, 'transform-set'],
    [c.ipsecProfiles.length, 'ipsec profile'],
    [c.ikev2Proposals.length + c.ikev2Policies.length + c.ikev2Keyrings.length + c.ikev2Profiles.length, 'ikev2 block'],
  ].filter(([n]) => (n as number) > 0);
  if (counts.length > 0) {
    out.push('', `Crypto: ${counts.map(([n, w]) => `${n} ${w}${n === 1 ? '' : 's'}`).join(', ')}`);
  }
  const unsupported = r.ignored.filter((x) => x.status === 'unsupported');
  const inactive = r.ignored.filter((x) => x.status === 'inactive');
  if (inactive.length > 0) out.push('', `Recorded, not active yet (${inactive.length})`, ...ignoredRows(inactive));
  out.push('', `Not supported, ignored (${unsupported.length})`);
  out.push(...(unsupported.length > 0 ? ignoredRows(unsupported) : ['  (none)']));
  if (r.warnings.length > 0) {
    out.push('', `Warnings (${r.warnings.length})`);
    for (const w of r.warnings)
      out.push(`  ${w.line > 0 ? `line ${w.line}: ` : `${w.text}: `}${w.message} [${w.code}]`);
  }
  out.push('', errors.length > 0 ? `Errors (${errors.length})` : 'Errors: none');
  for (const e of errors) out.push(formatConfigError(e), '');
  return `${out.join('\n').trimEnd()}\n`;
}

function tunnel(t: CheckTunnel): string[] {
  const c = t.config;
  const n = t.nhrp;
  const src = c.source
    ? `${c.source.kind === 'interface' ? c.source.name : c.source.address} (${[t.source.linuxName, t.source.address].filter(Boolean).join(' ') || 'unresolved'})`
    : 'none';
  const out = [`${t.name} (${t.linuxName})`];
  const mode = c.mode === 'gre-multipoint' ? modeText(c) : `${modeText(c)} (point-to-point)`;
  out.push(
    `  tunnel      mode ${mode}, source ${src}${c.destination ? `, destination ${c.destination}` : ''}, key ${c.key ?? 'none'}`,
  );
  if (c.protection)
    out.push(`  protection  ipsec profile ${c.protection.profile}${c.protection.shared ? ' shared' : ''} (IKEv2, ESP)`);
  if (!n.enabled) {
    out.push('  nhrp        off (no ip nhrp network-id)');
    return out;
  }
  const auth = n.authentication !== undefined ? `authentication ${n.authentication}` : 'no authentication';
  const reg =
    n.registrationTimeout !== undefined ? `${n.registrationTimeout} s` : `holdtime/3 (${Math.floor(n.holdtime / 3)} s)`;
  out.push(`  nhrp        network-id ${n.networkId}, holdtime ${n.holdtime} s, ${auth}`);
  out.push(`  register    every ${reg}${n.registrationNoUnique ? ', no-unique' : ''}`);
  out.push(`  maps        ${n.effectiveMaps.map((m) => `${m.protocol} -> ${m.nbma}`).join(', ') || 'none'}`);
  const mc = [...(n.multicast.dynamic ? ['dynamic (every registered peer)'] : []), ...n.multicast.nbma];
  out.push(`  multicast   ${mc.join(', ') || 'none'}`);
  const nhs = n.nhs.map((s) => {
    const nbma = s.nbma ?? n.effectiveMaps.find((m) => m.protocol === s.address)?.nbma;
    return `${s.address}${nbma ? ` (nbma ${nbma})` : ' (no NBMA address)'} priority ${s.priority} cluster ${s.cluster}${s.multicast ? ' multicast' : ''}`;
  });
  out.push(`  nhs         ${nhs.join('; ') || 'none (this router is a hub)'}`);
  if (n.clusterMaxConnections.length > 0) {
    out.push(
      `  clusters    ${n.clusterMaxConnections.map((c) => `cluster ${c.cluster} max-connections ${c.maxConnections}`).join(', ')}`,
    );
  }
  const redirect = n.redirect
    ? `on${n.redirectTimeout !== undefined ? ` (timeout ${n.redirectTimeout} s)` : ''}`
    : 'off';
  out.push(
    `  phase 3     redirect ${redirect}, shortcut ${n.shortcut ? 'on' : 'off'}, max-send ${n.maxSend.count} every ${n.maxSend.interval} s`,
  );
  if (n.group !== undefined) out.push(`  group       ${n.group} (sent in registrations)`);
  for (const g of n.groupPolicies ?? []) out.push(`  group-map   ${g.group} -> service-policy output ${g.policy}`);
  return out;
}

function ignoredRows(list: IgnoredLine[]): string[] {
  return list.map((x) => {
    const where = x.context ? ` [${x.context}]` : '';
    const kids = x.children.length > 0 ? ` (+${x.children.length} line${x.children.length === 1 ? '' : 's'})` : '';
    return `  ${String(x.line).padStart(4)}  ${x.text}${kids}${where} — ${x.reason}`;
  });
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * The running-config lines of EIGRP: `key chain` blocks, `router eigrp` and `ipv6 router eigrp` blocks,
 * interface `ip … eigrp` and `ipv6 … eigrp` lines.
 */
import { maskString } from '../../wire/ipv4-addr.js';
import type { EigrpIfSettings, EigrpProcessConfig, KeyChain } from './eigrp-model.js';
import type { InterfaceConfig } from './model.js';

/** `key chain` blocks. */
export function renderKeyChains(chains: readonly KeyChain[] = []): string[] {
  const out: string[] = [];
  for (const c of chains) {
    out.push(`key chain ${c.name}`);
    for (const k of c.keys) {
      out.push(` key ${k.id}`);
      if (k.keyString !== undefined) out.push(`  key-string ${k.keyString}`);
    }
    out.push('!');
  }
  return out;
}

/** An interface's `bandwidth`, `delay` and `ip … eigrp AS` lines. */
export function renderInterfaceEigrp(i: InterfaceConfig): string[] {
  const out: string[] = [];
  if (i.bandwidth !== undefined) out.push(` bandwidth ${i.bandwidth}`);
  if (i.delay !== undefined) out.push(` delay ${i.delay}`);
  for (const [as, set] of Object.entries(i.eigrp ?? {})) out.push(...settingLines(set, `eigrp ${as}`, ' ip '));
  for (const [as, set] of Object.entries(i.eigrp6 ?? {})) {
    if (set.enabled) out.push(` ipv6 eigrp ${as}`);
    out.push(...settingLines(set, `eigrp ${as}`, ' ipv6 '));
  }
  return out;
}

/** `no` in front of a setting line's command (`ip `, `ipv6 ` or the bare af-interface form). */
function negated(lead: string): string {
  const m = /^( *)(ipv6 |ip )?$/.exec(lead);
  return m ? `${m[1]}no ${m[2] ?? ''}` : lead;
}

/** The lines of one setting set; `tag` is `eigrp AS` on an interface, '' under af-interface. */
function settingLines(set: EigrpIfSettings, tag: string, lead: string): string[] {
  const out: string[] = [];
  const t = tag === '' ? '' : ` ${tag}`;
  if (set.authMode === 'md5') out.push(`${lead}authentication mode${t} md5`);
  if (set.authMode === 'hmac-sha-256')
    out.push(`${lead}authentication mode${t} hmac-sha-256 ${set.authKey ?? ''}`.trimEnd());
  if (set.keyChain !== undefined) out.push(`${lead}authentication key-chain${t} ${set.keyChain}`);
  if (set.helloInterval !== undefined) out.push(`${lead}hello-interval${t} ${set.helloInterval}`);
  if (set.holdTime !== undefined) out.push(`${lead}hold-time${t} ${set.holdTime}`);
  if (set.nextHopSelf === false) out.push(`${negated(lead)}next-hop-self${t}${set.noEcmpMode ? ' no-ecmp-mode' : ''}`);
  if (set.addPaths !== undefined) out.push(`${lead}add-paths ${set.addPaths}`);
  if (set.splitHorizon === false) out.push(`${negated(lead)}split-horizon${t}`);
  for (const s of set.summaries ?? []) {
    const what = s.prefix.includes(':') ? `${s.prefix}/${s.prefixLength}` : `${s.prefix} ${maskString(s.prefixLength)}`;
    out.push(`${lead}summary-address${t} ${what}`);
  }
  if (set.passive) out.push(`${lead}passive-interface`);
  return out;
}

/** `router eigrp` blocks (named mode with its IPv4 and IPv6 address families) and `ipv6 router eigrp` ones. */
export function renderEigrp(
  list: readonly EigrpProcessConfig[] = [],
  list6: readonly EigrpProcessConfig[] = [],
): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const named = (name: string): void => {
    if (done.has(name)) return;
    done.add(name);
    out.push(`router eigrp ${name}`);
    const v4 = list.find((x) => x.name === name);
    const v6 = list6.find((x) => x.name === name);
    if (v4 && !(v4.as === 0 && v6))
      out.push(
        ` address-family ipv4 unicast autonomous-system ${v4.as}`,
        ...processBody(v4, '  '),
        ' exit-address-family',
      );
    if (v6)
      out.push(
        ` address-family ipv6 unicast autonomous-system ${v6.as}`,
        ...processBody(v6, '  '),
        ' exit-address-family',
      );
    out.push('!');
  };
  for (const p of list) {
    if (p.name !== undefined) named(p.name);
    else out.push(`router eigrp ${p.as}`, ...processBody(p, ' '), '!');
  }
  for (const p of list6) {
    if (p.name !== undefined) named(p.name);
    else out.push(`ipv6 router eigrp ${p.as}`, ...processBody(p, ' '), '!');
  }
  return out;
}

/** The lines inside one process (classic: indent ' '; named mode's address family: '  '). */
function processBody(p: EigrpProcessConfig, ind: string): string[] {
  const named = p.name !== undefined;
  const body: string[] = [];
  if (named) {
    for (const [name, set] of Object.entries(p.afInterfaces)) {
      body.push(`  af-interface ${name}`, ...settingLines(set, '', '   '), '  exit-af-interface');
    }
  }
  const topo: string[] = [];
  if (p.redistribute.connected) topo.push(`redistribute connected${metricText(p.redistribute.connected.metric)}`);
  if (p.redistribute.static) topo.push(`redistribute static${metricText(p.redistribute.static.metric)}`);
  if (p.variance !== undefined) topo.push(`variance ${p.variance}`);
  if (p.maximumPaths !== undefined) topo.push(`maximum-paths ${p.maximumPaths}`);
  if (named && topo.length > 0) body.push('  topology base', ...topo.map((l) => `   ${l}`), '  exit-af-topology');
  for (const n of p.networks)
    body.push(`${ind}network ${n.address}${n.wildcard !== undefined ? ` ${n.wildcard}` : ''}`);
  if (!named) body.push(...topo.map((l) => ` ${l}`));
  if (p.passiveDefault) body.push(`${ind}passive-interface default`);
  for (const i of p.passiveInterfaces) body.push(`${ind}passive-interface ${i}`);
  for (const i of p.activeInterfaces) body.push(`${ind}no passive-interface ${i}`);
  if (p.routerId !== undefined) body.push(`${ind}eigrp router-id ${p.routerId}`);
  if (p.stub) body.push(`${ind}eigrp stub${stubText(p.stub)}`);
  if (p.autoSummary) body.push(`${ind}auto-summary`);
  if (p.shutdown) body.push(`${ind}shutdown`);
  return body;
}

function metricText(
  m: { bandwidth: number; delay: number; reliability: number; load: number; mtu: number } | undefined,
): string {
  return m ? ` metric ${m.bandwidth} ${m.delay} ${m.reliability} ${m.load} ${m.mtu}` : '';
}

function stubText(s: NonNullable<EigrpProcessConfig['stub']>): string {
  const words: Array<[boolean, string]> = [
    [s.receiveOnly, 'receive-only'],
    [s.connected, 'connected'],
    [s.summary, 'summary'],
    [s.static, 'static'],
    [s.redistributed, 'redistributed'],
  ];
  return words
    .filter(([on]) => on)
    .map(([, w]) => ` ${w}`)
    .join('');
}

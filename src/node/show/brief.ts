/** `show ip interface brief`: one line per interface in IOS columns, and its JSON form. */
import type { RouterConfig } from '../config/model.js';
import { left } from './format.js';
import { linkStatus, primaryAddress } from './link.js';
import type { InterfaceState } from './state.js';
import type { BriefJson, InterfaceBriefJson } from '../api/schema/interfaces.js';

export type { BriefJson, InterfaceBriefJson };

/** Every interface, in configuration order. */
export function briefJson(config: RouterConfig, states: InterfaceState[]): InterfaceBriefJson {
  return {
    interfaces: states.map((s) => {
      const a = primaryAddress(s.config);
      const link = linkStatus(config, s);
      return {
        name: s.config.name,
        address: a?.address ?? null,
        ok: true,
        method: a ? 'NVRAM' : 'unset',
        status: link.status,
        protocol: link.protocol,
      };
    }),
  };
}

/** `show ip interface brief` text. */
export function briefText(json: InterfaceBriefJson): string[] {
  const row = (n: string, a: string, ok: string, m: string, s: string, p: string) =>
    `${left(n, 26)} ${left(a, 15)} ${left(ok, 3)} ${left(m, 6)} ${left(s, 21)} ${p}`;
  return [
    row('Interface', 'IP-Address', 'OK?', 'Method', 'Status', 'Protocol'),
    ...json.interfaces.map((i) =>
      row(i.name, i.address ?? 'unassigned', i.ok ? 'YES' : 'NO', i.method, i.status, i.protocol),
    ),
  ];
}

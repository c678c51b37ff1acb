/**
 * `show ip nhrp multicast`: where each tunnel replicates multicast (an EIGRP or OSPF hello): the
 * static NBMA addresses of `ip nhrp map multicast X`, the NHSs configured with `multicast`, and, with
 * `ip nhrp map multicast dynamic`, every peer registered with this router. IOS layout:
 *   `Tunnel0    198.51.100.1     Flags: dynamic          (Enabled)`.
 */
import { effectiveNhrpMaps } from '../config/derive.js';
import type { NhrpMulticastJson } from '../api/schema/system.js';
import type { InterfaceState } from './state.js';
import { nbmaText } from './format.js';

type Flag = NhrpMulticastJson['entries'][number]['flags'];

/** The multicast list of every tunnel with NHRP, in IOS order: static, then NHSs, then registered peers. */
export function nhrpMulticastJson(interfaces: InterfaceState[]): NhrpMulticastJson {
  const entries: NhrpMulticastJson['entries'] = [];
  for (const i of interfaces) {
    const n = i.config.nhrp;
    if (!n || !i.snapshot) continue;
    const seen = new Set<string>();
    const add = (nbma: string | undefined, flags: Flag) => {
      if (nbma === undefined || seen.has(nbma)) return;
      seen.add(nbma);
      entries.push({ interface: i.config.name, nbma, flags });
    };
    for (const a of n.multicastNbma) add(a, 'static');
    const maps = effectiveNhrpMaps(n);
    for (const s of n.nhs) if (s.multicast) add(s.nbma ?? maps.find((m) => m.protocol === s.address)?.nbma, 'nhs');
    if (n.multicastDynamic) for (const e of i.snapshot.cache) if (e.origin === 'registration') add(e.nbma, 'dynamic');
  }
  return { entries };
}

/** `show ip nhrp multicast` text. */
export function nhrpMulticastText(j: NhrpMulticastJson): string[] {
  return [
    '  I/F     NBMA address',
    ...j.entries.map(
      (e) => `${e.interface.padEnd(10)} ${nbmaText(e.nbma).padEnd(16)} Flags: ${e.flags.padEnd(16)} (Enabled)`,
    ),
  ];
}

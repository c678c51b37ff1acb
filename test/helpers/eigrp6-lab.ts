/** Test bench for EIGRP for IPv6: a DMVPN hub and spokes (family ipv6) on the in-memory EIGRP network. */
import type { EigrpConfigInput, EigrpInterfaceInput } from '../../src/eigrp/config.js';
import { Lab } from './eigrp-lab.js';

/** Router k (0 the hub): Tunnel0 link-local fe80::k+1 in 2001:db8::/64, LAN 2001:db8:k+1::/64. */
export const ll6 = (k: number): string => `fe80::${k + 1}`;
export const lan6 = (k: number): string => `2001:db8:${k + 1}::/64`;

/** Router k's engine input; `process` adds process settings (e.g. `wideMetrics`, named mode). */
export function config6(
  k: number,
  tunnel: Partial<EigrpInterfaceInput> = {},
  process: Partial<EigrpConfigInput> = {},
): EigrpConfigInput {
  return {
    ...process,
    family: 'ipv6',
    as: 10,
    routerId: `10.255.0.${k + 1}`,
    interfaces: [
      {
        name: 'Tunnel0',
        address: ll6(k),
        prefixLength: 64,
        prefixes: [{ prefix: '2001:db8::', prefixLength: 64 }],
        enabled: true,
        ...tunnel,
      },
      {
        name: 'GigabitEthernet0/1',
        address: `fe80::100:${k + 1}`,
        prefixLength: 64,
        prefixes: [{ prefix: `2001:db8:${k + 1}::`, prefixLength: 64 }],
        enabled: true,
      },
    ],
  };
}

/** A hub and `spokes` spokes (all with `process` settings); spokes' multicast reaches only the hub (NHRP multicast maps). */
export function dmvpn6(
  spokes: number,
  hubTunnel: Partial<EigrpInterfaceInput> = {},
  process: Partial<EigrpConfigInput> = {},
): Lab {
  const lab = new Lab();
  lab.add('hub', config6(0, hubTunnel, process), [{ iface: 'Tunnel0', address: ll6(0), link: 'tun' }]);
  for (let k = 1; k <= spokes; k++) {
    lab.add(`spoke${k}`, config6(k, {}, process), [
      { iface: 'Tunnel0', address: ll6(k), link: 'tun', multicastTo: [ll6(0)] },
    ]);
  }
  return lab;
}

/**
 * `show ipv6 ospf neighbor`: OSPFv3 neighbors from ospf6d's `show ipv6 ospf6 neighbor json`, in the
 * IOS layout:
 * ```
 *             OSPFv3 Router with ID (1.1.1.1) (Process ID 1)
 *
 * Neighbor ID     Pri   State           Dead Time   Interface
 * 2.2.2.2           0   FULL/  -        00:00:18    Tunnel0
 * ```
 */
import type { Ospf6NeighborJson } from '../api/schema/routing6.js';
import type { RouterConfig } from '../config/model.js';
import { uptimeMs } from '../frr/routes.js';

/** ospf6d's neighbor state words → IOS's (`Full` → FULL, `Twoway` → 2WAY). */
const STATES: Record<string, string> = { twoway: '2WAY', exstart: 'EXSTART', exchange: 'EXCHANGE', loading: 'LOADING' };

/** The JSON form from ospf6d's `show ipv6 ospf6 neighbor json` (absent: no neighbor). */
export function ospf6NeighborJson(config: RouterConfig, frr: unknown): Ospf6NeighborJson {
  const o = config.routing?.ospf6;
  const list = ((frr as { neighbors?: unknown[] } | undefined)?.neighbors ?? []) as Array<Record<string, unknown>>;
  const iosName = (dev: string) => Object.values(config.interfaces).find((i) => i.linuxName === dev)?.name ?? dev;
  const neighbors = list.map((n) => {
    const raw = String(n.state ?? '');
    const conv = STATES[raw.toLowerCase()] ?? raw.toUpperCase();
    // ifState is the neighbor's role on the link; point-to-point links have none (IOS prints "  -")
    const role = String(n.ifState ?? '');
    const r = role === '' || role.toLowerCase() === 'pointtopoint' ? '  -' : role === 'DROther' ? 'DROTHER' : role;
    return {
      neighborId: String(n.neighborId ?? ''),
      priority: Number(n.priority ?? 0),
      state: `${conv}/${r}`,
      deadTimeSec: typeof n.deadTime === 'string' ? Math.round(uptimeMs(n.deadTime) / 1000) : null,
      interface: iosName(String(n.interfaceName ?? '')),
    };
  });
  return { routerId: o?.routerId ?? null, processId: o?.processId ?? null, neighbors };
}

/** The IOS text. */
export function ospf6NeighborText(j: Ospf6NeighborJson): string[] {
  if (j.processId === null) return [];
  const out = [
    '',
    `            OSPFv3 Router with ID (${j.routerId ?? '0.0.0.0'}) (Process ID ${j.processId})`,
    '',
    'Neighbor ID     Pri   State           Dead Time   Interface',
  ];
  for (const n of j.neighbors) {
    const dead = n.deadTimeSec === null ? '-' : `00:00:${String(n.deadTimeSec).padStart(2, '0')}`;
    out.push(
      `${n.neighborId.padEnd(15)} ${String(n.priority).padStart(3)}   ${n.state.padEnd(15)} ${dead.padEnd(11)} ${n.interface}`,
    );
  }
  return out;
}

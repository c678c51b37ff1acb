/**
 * IP multicast settings read from IOS: global `ip multicast-routing`, `ip pim rp-address`,
 * `ip pim spt-threshold infinity`, and interface `ip pim …` / `ip igmp join-group`. Plain JSON like
 * the rest of RouterConfig; FRR's pimd runs them (src/node/frr/pim.ts).
 */

/** `ip pim rp-address ADDRESS [ACL] [override]`: a static RP, for the groups ACL permits (all without one). */
export interface PimRpAddress {
  address: string;
  /** Standard access list naming the groups this RP serves (absent: 224.0.0.0/4). */
  acl?: string;
  override: boolean;
}

/** Global multicast settings. */
export interface MulticastConfig {
  /** `ip multicast-routing`: without it IOS forwards no multicast and runs no PIM. */
  routing: boolean;
  rpAddresses: PimRpAddress[];
  /** `ip pim spt-threshold infinity`: last-hop routers stay on the shared tree (via the RP). */
  sptInfinity: boolean;
}

/** PIM modes of `ip pim MODE`. dmvpnd runs sparse mode (FRR's pimd has no dense mode). */
export type PimMode = 'sparse-mode' | 'dense-mode' | 'sparse-dense-mode';

/** Interface `ip pim …` and `ip igmp …` settings. */
export interface PimInterfaceConfig {
  mode?: PimMode;
  /** `ip pim nbma-mode`: the tunnel's neighbors are separate outgoing interfaces (hub). */
  nbmaMode: boolean;
  /** `ip pim dr-priority N` (IOS default 1). */
  drPriority?: number;
  /** `ip pim query-interval N`: PIM hello interval (s, IOS default 30). */
  helloInterval?: number;
  /** `ip igmp join-group G`: the router itself is a receiver of G on this interface. */
  joinGroups: string[];
  /** `ip igmp version 2|3` (IOS default 2). */
  igmpVersion?: 1 | 2 | 3;
}

/** An empty interface multicast block. */
export function newPimInterface(): PimInterfaceConfig {
  return { nbmaMode: false, joinGroups: [] };
}

/** Global multicast settings with nothing configured. */
export function newMulticast(): MulticastConfig {
  return { routing: false, rpAddresses: [], sptInfinity: false };
}

/**
 * registration over the IPv6 overlay: a spoke whose tunnel runs `ipv6 nhrp` is registered with each
 * IPv6 NHS, and the hub's IPv6 NHRP cache (`show ipv6 nhrp`) lists the spoke's global tunnel address
 * (a /128) at the spoke's (post-NAT) NBMA address.
 */
import { controlJson } from '../../node/api/client.js';
import type { NhrpJson } from '../../node/api/schema/nhrp.js';
import { result, type CheckResult } from './model.js';
import { publicNbma, type LabView, type RouterView } from './view.js';

/** The hub whose IPv6 tunnel address is `protocol`. */
function hub6(view: LabView, protocol: string): RouterView | undefined {
  return view.routers.find((r) => r.tunnel?.ipv6?.address === protocol);
}

/** One result per (spoke, IPv6 NHS) of the lab's spokes that run IPv6 NHRP. */
export async function ipv6Registrations(view: LabView): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const caches = new Map<string, Promise<NhrpJson | Error>>();
  for (const spoke of view.spokes) {
    const v6 = spoke.tunnel?.ipv6;
    if (!v6 || spoke.tunnel!.shutdown) continue;
    for (const nhs of v6.nhs) {
      const hub = hub6(view, nhs.protocol);
      const nodes = [spoke.name, hub?.name ?? nhs.protocol];
      if (!hub) {
        out.push(result('registration', nodes, 'fail', `no router has ${spoke.name}'s IPv6 NHS ${nhs.protocol}`));
        continue;
      }
      if (!caches.has(hub.name))
        caches.set(
          hub.name,
          (controlJson(hub.control, 'show ipv6 nhrp', 3000) as Promise<NhrpJson>).catch((e: Error) => e),
        );
      const cache = await caches.get(hub.name)!;
      if (cache instanceof Error) {
        out.push(result('registration', nodes, 'fail', `cannot read ${hub.name}'s IPv6 NHRP cache: ${cache.message}`));
        continue;
      }
      const expected = publicNbma(spoke);
      const entry = cache.interfaces.flatMap((i) => i.entries).find((e) => e.prefix === v6.address && e.nbma !== null);
      const figures = { nbma: entry?.nbma ?? null };
      if (!entry) {
        const why = `${spoke.name} is not registered over IPv6: ${hub.name}'s IPv6 cache has no ${v6.address}`;
        out.push(result('registration', nodes, 'fail', why, { figures }));
      } else if (entry.nbma !== expected) {
        const why = `${hub.name} lists ${spoke.name} (${v6.address}) at NBMA ${entry.nbma}, expected ${expected}`;
        out.push(result('registration', nodes, 'fail', why, { figures }));
      } else {
        const why =
          `${spoke.name} registered over IPv6 with ${hub.name} (NHS ${nhs.protocol}); ` +
          `${hub.name} lists ${v6.address} at NBMA ${entry.nbma}`;
        out.push(result('registration', nodes, 'pass', why, { figures }));
      }
    }
  }
  return out;
}

/**
 * phase over the IPv6 overlay: for a pair of spokes whose tunnels run IPv6 NHRP with `ipv6 nhrp
 * shortcut` (and a hub with `ipv6 nhrp redirect`), an IPv6 ping between their hosts makes the first
 * spoke install an IPv6 shortcut (H in `show ipv6 route`) to the other host's prefix via the other
 * spoke's IPv6 tunnel address, as in IPv4 Phase 3. Figure: the set-up time, first echo to the route.
 */
import { controlJson } from '../../node/api/client.js';
import type { Ipv6RouteTableJson } from '../../node/api/schema/ipv6.js';
import { inPrefix6 } from '../../wire/ipv6-addr.js';
import type { CheckContext } from './context.js';
import { result, type CheckResult } from './model.js';
import { ping } from './traffic.js';
import { hostBehind, spokePairs } from './view.js';

/** One result per spoke pair with IPv6 hosts and IPv6 Phase 3 configured on both spokes. */
export async function ipv6Phase3(ctx: CheckContext): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const v6 = (r: { tunnel?: { ipv6?: { shortcut: boolean } } }) => r.tunnel?.ipv6?.shortcut === true;
  for (const [a, b] of spokePairs(ctx.view, (s) => !s.nat && v6(s))) {
    const ha = hostBehind(ctx.view, a);
    const hb = hostBehind(ctx.view, b);
    if (!ha?.address6 || !hb?.address6) continue;
    const target = hb.address6;
    const shortcut = (j: Ipv6RouteTableJson) =>
      j.routes.find((r) => r.code === 'H' && inPrefix6(target, r.prefix, r.prefixLength));
    const start = Date.now();
    const pinging = ping(ctx.runtime, ha.namespace, target, { count: 5, intervalMs: 100 });
    let found: ReturnType<typeof shortcut>;
    while (!found && Date.now() - start < 5000) {
      const j = (await controlJson(a.control, 'show ipv6 route', 3000).catch(() => undefined)) as
        | Ipv6RouteTableJson
        | undefined;
      found = j ? shortcut(j) : undefined;
      if (!found) await new Promise((r) => setTimeout(r, 50));
    }
    const setupMs = Date.now() - start;
    const r = await pinging;
    const nodes = [a.name, b.name];
    const figures = { shortcutSetupMs: found ? setupMs : null, received: r.received, sent: r.sent };
    const want = b.tunnel?.ipv6?.address;
    if (!found)
      out.push(
        result('phase', nodes, 'fail', `IPv6 Phase 3: no IPv6 shortcut to ${target} on ${a.name}`, {
          step: 'IPv6 Phase 3',
          figures,
        }),
      );
    else if (found.nextHop !== want)
      out.push(
        result('phase', nodes, 'fail', `IPv6 shortcut ${found.network} goes via ${found.nextHop}, expected ${want}`, {
          step: 'IPv6 Phase 3',
          figures,
        }),
      );
    else
      out.push(
        result(
          'phase',
          nodes,
          'pass',
          `IPv6 Phase 3: shortcut ${found.network} via ${found.nextHop} within ${setupMs} ms of the first echo; ` +
            `${r.received}/${r.sent} replies`,
          { step: 'IPv6 Phase 3', figures },
        ),
      );
  }
  return out;
}

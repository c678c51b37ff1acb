/**
 * IOS multicast configuration → FRR 8.4 pimd's configuration file (pure: no I/O).
 *
 * - pimd runs when `ip multicast-routing` is set and an interface has `ip pim sparse-mode` (IOS runs
 *   no PIM without the global command);
 * - `ip pim sparse-mode` → `ip pim` and `ip igmp` on the device (IOS turns IGMP on with PIM);
 *   `sparse-dense-mode` runs as sparse mode (groups with an RP); `dense-mode` has no FRR form;
 * - `ip pim rp-address A` → `ip pim rp A 224.0.0.0/4`; a group access list has no form here;
 * - `ip pim spt-threshold infinity` → `ip pim spt-switchover infinity-and-beyond`;
 * - `ip pim dr-priority N` → `ip pim drpriority N`; `ip pim query-interval N` → `ip pim hello N`
 *   (hold time 3.5 × N, as IOS);
 * - `ip igmp join-group G` → `ip igmp join G`; `ip igmp version 2|3` as is (FRR's default is 3, IOS's 2:
 *   without the line, hosts' IGMPv3 reports are taken at once);
 * - `ip pim nbma-mode` is the data plane's (src/node/dataplane/pim-snoop.ts): pimd sees one interface.
 */
import type { InterfaceConfig, RouterConfig } from '../config/model.js';
import { NOT_TRANSLATED } from './translate.js';

/** True when the config makes dmvpnd run pimd. */
export function runsPim(config: RouterConfig): boolean {
  return config.multicast?.routing === true && Object.values(config.interfaces).some((i) => pimOn(i));
}

function pimOn(i: InterfaceConfig): boolean {
  return i.pim?.mode !== undefined;
}

/** pimd's lines (without hostname and `end`), or undefined when pimd does not run. */
export function pimdText(config: RouterConfig): string[] | undefined {
  if (!runsPim(config)) return undefined;
  const m = config.multicast!;
  const out: string[] = [];
  for (const r of m.rpAddresses) {
    if (r.acl !== undefined)
      out.push(
        `${NOT_TRANSLATED}ip pim rp-address ${r.address} ${r.acl}: a group access list has no pimd form here ` +
          '(one RP for 224.0.0.0/4: leave the list out)',
      );
    else out.push(`ip pim rp ${r.address} 224.0.0.0/4`);
  }
  if (m.sptInfinity) out.push('ip pim spt-switchover infinity-and-beyond');
  out.push('!');
  for (const i of Object.values(config.interfaces)) out.push(...pimInterface(i));
  return out;
}

function pimInterface(i: InterfaceConfig): string[] {
  const p = i.pim;
  if (!p) return [];
  const lines: string[] = [];
  if (p.mode === 'dense-mode')
    lines.push(` ${NOT_TRANSLATED}ip pim dense-mode: FRR's pimd runs sparse mode only (use ip pim sparse-mode)`);
  else if (p.mode !== undefined) lines.push(' ip pim', ' ip igmp');
  const on = p.mode !== undefined && p.mode !== 'dense-mode';
  if (on && p.drPriority !== undefined) lines.push(` ip pim drpriority ${p.drPriority}`);
  if (on && p.helloInterval !== undefined)
    lines.push(` ip pim hello ${p.helloInterval} ${Math.min(65535, Math.round(p.helloInterval * 3.5))}`);
  if (p.igmpVersion === 1) lines.push(` ${NOT_TRANSLATED}ip igmp version 1: pimd speaks IGMP version 2 and 3`);
  else if (p.igmpVersion !== undefined) lines.push(` ip igmp version ${p.igmpVersion}`);
  if (p.joinGroups.length > 0 && !on) lines.push(' ip igmp');
  for (const g of p.joinGroups) lines.push(` ip igmp join ${g}`);
  return lines.length > 0 ? [`interface ${i.linuxName}`, ...lines, '!'] : [];
}

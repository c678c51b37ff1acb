/** `show running-config` lines of the QoS configuration: class-maps, policy-maps, and their attachments. */
import { DSCP_NAMES, type PolicyClass, type QosConfig, type QosMatch } from './qos-model.js';

const DSCP_BY_VALUE = new Map(Object.entries(DSCP_NAMES).map(([k, v]) => [v, k]));

function matchLine(m: QosMatch): string {
  switch (m.kind) {
    case 'any':
      return 'match any';
    case 'dscp':
      return `match dscp ${m.values.map((v) => DSCP_BY_VALUE.get(v) ?? String(v)).join(' ')}`;
    case 'precedence':
      return `match ip precedence ${m.values.join(' ')}`;
    case 'protocol':
      return `match protocol ${m.protocol}`;
  }
}

function classLines(c: PolicyClass): string[] {
  const out = [` class ${c.name}`];
  if (c.priority) {
    const p = c.priority;
    out.push('all' in p ? '  priority' : 'percent' in p ? `  priority percent ${p.percent}` : `  priority ${p.kbps}`);
  }
  if (c.bandwidth) {
    const b = c.bandwidth;
    out.push(
      'remainingPercent' in b
        ? `  bandwidth remaining percent ${b.remainingPercent}`
        : 'percent' in b
          ? `  bandwidth percent ${b.percent}`
          : `  bandwidth ${b.kbps}`,
    );
  }
  if (c.police)
    out.push(`  police ${c.police.cirBps}${c.police.burstBytes !== undefined ? ` ${c.police.burstBytes}` : ''}`);
  if (c.shape)
    out.push(`  shape average ${c.shape.averageBps}${c.shape.burstBits !== undefined ? ` ${c.shape.burstBits}` : ''}`);
  if (c.queueLimit !== undefined) out.push(`  queue-limit ${c.queueLimit} packets`);
  if (c.child !== undefined) out.push(`${c.shape ? '   ' : '  '}service-policy ${c.child}`);
  return out;
}

/** The class-map and policy-map blocks, each followed by `!` (none: no lines). */
export function renderQos(q: QosConfig | undefined): string[] {
  if (!q) return [];
  const out: string[] = [];
  for (const cm of Object.values(q.classMaps)) {
    out.push(`class-map ${cm.matchAll ? 'match-all' : 'match-any'} ${cm.name}`);
    for (const m of cm.matches) out.push(` ${matchLine(m)}`);
    out.push('!');
  }
  for (const pm of Object.values(q.policyMaps)) {
    out.push(`policy-map ${pm.name}`);
    for (const c of pm.classes) out.push(...classLines(c));
    out.push('!');
  }
  return out;
}

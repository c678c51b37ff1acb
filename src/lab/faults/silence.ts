/**
 * A silent interface: iptables rules in the node drop everything that comes in, goes out or passes
 * through it, while the link itself stays up (carrier, addresses and routes unchanged) — a path that
 * black-holes, as a failed provider does. The one mechanism of `link silent` and the failover check.
 */
import { ruleTag } from '../paths.js';
import type { Runtime } from '../runtime/types.js';
import { LabError } from '../errors.js';

/** The rules (chain and match) that silence `iface`, each tagged with the lab's comment. */
export function silenceRules(lab: string, iface: string): string[][] {
  const tag = ['-m', 'comment', '--comment', ruleTag(lab), '-j', 'DROP'];
  return [
    ['INPUT', '-i', iface, ...tag],
    ['OUTPUT', '-o', iface, ...tag],
    ['FORWARD', '-i', iface, ...tag],
    ['FORWARD', '-o', iface, ...tag],
  ];
}

/** One shell script: each rule inserted once (on) or every copy removed (off). */
export function silenceScript(lab: string, iface: string, on: boolean): string {
  const q = (r: string[]): string => r.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w}'`)).join(' ');
  const insert = (r: string[]): string => `iptables -w -C ${q(r)} 2>/dev/null || iptables -w -I ${q(r)}`;
  const remove = (r: string[]): string => `while iptables -w -D ${q(r)} 2>/dev/null; do :; done`;
  return silenceRules(lab, iface)
    .map(on ? insert : remove)
    .join('\n');
}

/** Makes `iface` in node `namespace` silent (on) or lets it carry traffic again (off); idempotent. */
export async function setSilent(
  runtime: Runtime,
  namespace: string,
  iface: string,
  lab: string,
  on: boolean,
): Promise<void> {
  const script = `set -e\n${silenceScript(lab, iface, on)}`;
  const r = await runtime.exec(namespace, ['sh', '-c', script], { timeoutMs: 30_000 });
  if (r.exitCode !== 0) {
    const why = r.stderr.trim() || `exit ${r.exitCode}`;
    throw new LabError('COMMAND_FAILED', `could not ${on ? 'silence' : 'restore'} ${iface} in ${namespace}: ${why}`);
  }
}

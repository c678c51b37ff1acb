/** The Phase 3 demonstration: phase3 lab up with captures, pings between LAN hosts, `show dmvpn` before and after the shortcut, pcaps and a report. */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sendControl } from '../node/api/index.js';
import { stopCaptures } from './capture.js';
import { runChecks } from './checks/runner.js';
import { downLab, upLab } from './lab.js';
import type { Progress } from './progress.js';
import { junitXml } from './report/junit.js';
import { reportJson } from './report/json.js';
import { reportText } from './report/text.js';
import { getRuntime } from './runtime/index.js';
import type { LabState } from './state.js';
import { peerStates, waitRegistered } from './status.js';

/** The shipped phase3 topology. */
export const PHASE3 = resolve(fileURLToPath(import.meta.url), '..', '..', '..', 'labs', 'phase3', 'phase3.clab.yml');

/** spoke2's NBMA address in the phase3 lab: a direct peer with it on spoke1 is the shortcut. */
const SPOKE2_NBMA = '203.0.113.1';

async function ping(state: LabState, from: string, to: string, out: (t: string) => void): Promise<number> {
  const ns = state.nodes.find((n) => n.name === from)!.namespace;
  const r = await getRuntime(state.runtime).exec(ns, ['ping', '-c', '5', '-i', '0.2', '-W', '1', to]);
  out(`$ dmvpn-lab exec ${from} -- ping -c 5 ${to}\n${r.stdout}\n`);
  return r.exitCode;
}

/** Where the demo left its results, and whether every check passed. */
export interface DemoResult {
  report: string;
  checksJson: string;
  checksJunit: string;
  failed: number;
}

/** Runs the demo, then the lab's checks, and writes `report.txt`, `checks.json` and `checks.xml` in the lab directory. The lab is down afterwards. */
export async function runDemo(progress: Progress, out: (text: string) => void, name = 'demo'): Promise<DemoResult> {
  const report: string[] = [];
  let failed = 0;
  const say = (t: string): void => {
    report.push(t);
    out(t);
  };
  const state = await upLab(PHASE3, { name, capture: true, progress });
  try {
    const ms = await waitRegistered(state, 60_000);
    progress(`every spoke registered (${ms} ms after the routers started)`);
    const spoke1 = state.nodes.find((n) => n.name === 'spoke1')!.control!;
    say(`$ dmvpn-lab cli spoke1 "show dmvpn"   # before: only the hub\n${await sendControl(spoke1, 'show dmvpn')}\n`);
    await ping(state, 'host1', '10.1.2.10', say);
    for (let i = 0; i < 20 && !(await peerStates(spoke1)).some((p) => p.nbma === SPOKE2_NBMA && p.up); i++) {
      await ping(state, 'host1', '10.1.2.10', () => undefined);
      await sleep(250);
    }
    const after = await sendControl(spoke1, 'show dmvpn');
    say(`$ dmvpn-lab cli spoke1 "show dmvpn"   # after: spoke2 over a direct (shortcut) tunnel\n${after}\n`);
    say(`$ dmvpn-lab cli spoke1 "show ip route"\n${await sendControl(spoke1, 'show ip route')}\n`);
    await ping(state, 'host2', '10.1.1.10', say);
    const pcaps = await stopCaptures(state);
    say(`pcaps:\n${pcaps.map((c) => `  ${c.node}:${c.iface}  ${c.pcap}`).join('\n')}\n`);
    say(`$ dmvpn-lab check ${name} --only registration,phase,reachability\n`);
    const checks = await runChecks(name, { only: ['registration', 'phase', 'reachability'], keep: true, progress });
    writeFileSync(join(state.labDir, 'checks.json'), reportJson(checks));
    writeFileSync(join(state.labDir, 'checks.xml'), junitXml(checks));
    say(reportText(checks));
    failed = checks.summary.fail;
  } finally {
    await downLab(name, { progress });
  }
  const file = join(state.labDir, 'report.txt');
  writeFileSync(file, report.join('\n'));
  return {
    report: file,
    checksJson: join(state.labDir, 'checks.json'),
    checksJunit: join(state.labDir, 'checks.xml'),
    failed,
  };
}

/** Real data shapes for the TUI tests: JSON and debug lines captured from the phase3 lab's routers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabState } from '../../src/lab/state.js';
import { labInfo } from '../../src/tui/labs-source.js';
import type { LabInfo, RouterView } from '../../src/tui/model.js';
import { routerView } from '../../src/tui/router-view.js';

const dir = join(import.meta.dirname, 'fixtures', 'phase3');
const json = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), 'utf8'));

/** The phase3 lab's state file. */
export const phase3State = json('state.json') as LabState;

/** The phase3 lab as the TUI sees it. */
export const phase3Lab: LabInfo = labInfo(phase3State);

/** Each router's view from its captured `show dmvpn`, `show ip nhrp nhs` and `show interfaces` JSON. */
export function phase3Routers(now = 0): Record<string, RouterView> {
  return Object.fromEntries(
    ['hub', 'spoke1', 'spoke2'].map((n) => [
      n,
      routerView(
        { dmvpn: json(`${n}-dmvpn.json`), nhs: json(`${n}-nhs.json`), interfaces: json(`${n}-interfaces.json`) },
        { running: true, pid: 100, rssKb: 61440 },
        now,
      ),
    ]),
  );
}

/** Debug lines of the hub and spoke1 while host1 pinged host2 (a Phase 3 redirect and shortcut). */
export const debugLines = readFileSync(join(dir, 'debug-lines.txt'), 'utf8').split('\n');

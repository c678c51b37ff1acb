/** Helpers of the CLI tests: run `dmvpn-lab` as a child process (and copy a shipped lab, from the lab helpers). */
import { join } from 'node:path';
import { execa, type Options, type Result } from 'execa';
export { copyLab } from './lab.js';

/** The CLI entry point (run through tsx). */
export const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');

/** Runs `dmvpn-lab ARGS…` with the given environment added; never throws on a non-zero exit. */
export function dmvpnLab(args: string[], opts: Options = {}): Promise<Result> {
  const run = execa(process.execPath, ['--import', 'tsx', CLI, ...args], { reject: false, ...opts });
  return run as unknown as Promise<Result>;
}

/** A lab of two nodes and no router: up in a fraction of a second. */
export const tinyTopology = (name: string): string => `name: ${name}
topology:
  nodes:
    inet: { kind: internet, interfaces: { eth1: 192.0.2.254/24 } }
    h1: { kind: host, interfaces: { eth1: 192.0.2.10/24 }, gateway: 192.0.2.254 }
  links:
    - endpoints: ["h1:eth1", "inet:eth1"]
`;

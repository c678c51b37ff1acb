import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { allLinkTargets, parseTarget, startCaptures, stopCaptures } from '../../lab/capture.js';
import { decryptCapture, labPcaps } from '../../lab/capture-decrypt.js';
import { captureToStdout, capturedLink, followCapture } from '../../lab/capture-live.js';
import { LabError } from '../../lab/errors.js';
import { findNode } from '../../lab/lab.js';
import { getRuntime } from '../../lab/runtime/index.js';
import { findLab, type CaptureState, type LabState } from '../../lab/state.js';

interface CaptureOptions {
  all?: boolean;
  stop?: boolean;
  write?: string;
  count?: string;
  lab?: string;
  decrypt?: boolean;
}

/** The lab and the targets: `capture LAB NODE:IF…`, or `capture NODE:IF… [--lab L]` (the lab found by the node). */
function labAndTargets(first: string, rest: string[], lab: string | undefined): { state: LabState; specs: string[] } {
  if (!first.includes(':')) return { state: findLab(first), specs: rest };
  return { state: findNode(first.split(':')[0]!, lab).state, specs: [first, ...rest] };
}

/**
 * `dmvpn-lab capture LAB [NODE:IFACE…|--all] [--stop]`: starts or stops tcpdump captures into
 * clab-<name>/pcaps/; `dmvpn-lab capture NODE:IFACE -w -` streams pcap to stdout (for
 * `| wireshark -k -i -`). A link already captured is not captured twice.
 */
export function registerCapture(program: Command): void {
  program
    .command('capture <lab> [targets...]')
    .description('capture NODE:IFACE (IOS names on routers; --all: every link) to pcap; --stop ends; -w - to stdout')
    .option('--all', 'every link (captured on its first endpoint)')
    .option('--stop', 'stop the named captures (all of them when none is named)')
    .option('-w, --write <file>', '"-": write pcap to stdout as packets arrive (e.g. | wireshark -k -i -)')
    .option('-c, --count <n>', 'with -w -: stop after n packets')
    .option('--lab <lab>', 'the lab, when targets are named first and several labs have the node')
    .option('--decrypt', 'write X.decrypted.pcap beside each pcap of the lab (or each pcap file named): ESP opened')
    .action(async (first: string, rest: string[], o: CaptureOptions) => {
      if (o.decrypt) return decrypt(first, rest);
      const { state, specs } = labAndTargets(first, rest, o.lab);
      if (o.write !== undefined) return stream(state, specs, o);
      const chosen = o.all ? allLinkTargets(state) : specs.map((t) => parseTarget(state, t));
      if (o.stop) {
        const stopped = await stopCaptures(state, chosen.length ? chosen : undefined);
        for (const c of stopped) process.stdout.write(`stopped ${c.node}:${c.iface} -> ${c.pcap}\n`);
        return;
      }
      if (chosen.length === 0) throw new LabError('BAD_ARGUMENT', 'say what to capture: NODE:IFACE… or --all');
      const fresh = chosen.filter((t) => {
        const c = capturedLink(state, t);
        if (c) process.stdout.write(`${t.node}:${t.iface}: ${already(c)} -> ${c.pcap}\n`);
        return !c;
      });
      const started = await startCaptures(getRuntime(state.runtime), state, fresh);
      for (const c of started) process.stdout.write(`capturing ${c.node}:${c.iface} -> ${c.pcap}\n`);
    });
}

function already(c: CaptureState): string {
  return `its link is already captured on ${c.node}:${c.iface}`;
}

async function stream(state: LabState, specs: string[], o: CaptureOptions): Promise<void> {
  const usage = (why: string): LabError => new LabError('BAD_ARGUMENT', why, { exitCode: 2 });
  if (o.write !== '-') throw usage(`-w takes "-" (stdout); captures to files go to ${state.labDir}/pcaps/`);
  if (specs.length !== 1 || o.all || o.stop) throw usage('-w - streams one interface: capture NODE:IFACE -w -');
  const count = o.count === undefined ? undefined : Number(o.count);
  const bad = count !== undefined && !(Number.isInteger(count) && count > 0);
  if (bad) throw usage(`--count ${o.count}: a positive number`);
  const t = parseTarget(state, specs[0]!);
  const c = capturedLink(state, t);
  if (c) {
    process.stderr.write(`${t.node}:${t.iface}: ${already(c)} (${c.pcap}); following that capture\n`);
    await followCapture(c, process.stdout, count);
    return;
  }
  process.exitCode = await captureToStdout(getRuntime(state.runtime), state, t, count);
}

/**
 * `capture LAB --decrypt` (every pcap of the lab) or `capture --decrypt FILE.pcap…`: decrypted copies, ESP opened
 * with the esp_sa keys beside each file.
 */
function decrypt(first: string, rest: string[]): void {
  const files = /\.pcap(ng)?$/.test(first) && existsSync(first) ? [first, ...rest] : labPcaps(findLab(first).labDir);
  if (files.length === 0) throw new LabError('BAD_ARGUMENT', `${first}: no pcaps to decrypt`);
  for (const f of files) {
    const r = decryptCapture(f);
    const sealed = r.sealed > 0 ? `, ${r.sealed} ESP frames without a key` : '';
    process.stdout.write(`${r.out}: ${r.frames} frames, ${r.opened} ESP frames opened${sealed}\n`);
  }
}

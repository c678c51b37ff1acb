import { InvalidArgumentError, type Command } from 'commander';
import { formatReport, simulate, SIM_DEFAULTS, SIM_LIMITS, type SimOptions } from '../../nhrp/sim/index.js';

/** A number parser for commander that names the option and what it expected. */
function num(what: string, check: (v: number) => boolean) {
  return (text: string): number => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || !check(v))
      throw new InvalidArgumentError(`expected ${what}, found '${text}'`);
    return v;
  };
}
const int = (min: number) => num(`an integer >= ${min}`, (v) => Number.isInteger(v) && v >= min);
const range = ({ min, max }: { min: number; max: number }): string => `${min}-${max}`;
/** An integer in [min, max]; the message names the range. */
const intIn = ({ min, max }: { min: number; max: number }) =>
  num(`an integer from ${min} to ${max}`, (v) => Number.isInteger(v) && v >= min && v <= max);

/** "N@SEC": hub N stops answering at virtual second SEC. */
function killHub(text: string): { hub: number; atSec: number } {
  const m = /^(\d+)@(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!m) throw new InvalidArgumentError(`expected HUB@SECONDS (e.g. 1@300), found '${text}'`);
  return { hub: Number(m[1]), atSec: Number(m[2]) };
}

/**
 * `dmvpn-lab simulate`: runs hubs and spokes as NHRP engines (and with --routing eigrp, EIGRP
 * engines beside them) in one process on virtual time over an in-memory NBMA network with random
 * spoke-to-spoke flows, and reports what the protocols did.
 */
export function registerSimulate(program: Command): void {
  const d = SIM_DEFAULTS;
  program
    .command('simulate')
    .description('run many NHRP engines on virtual time and report registration, resolution, shortcuts and cost')
    .option('--hubs <n>', `hubs (NHSs), ${range(SIM_LIMITS.hubs)}; spokes list all`, intIn(SIM_LIMITS.hubs), d.hubs)
    .option('--spokes <n>', `spokes, ${range(SIM_LIMITS.spokes)}`, intIn(SIM_LIMITS.spokes), d.spokes)
    .option(
      '--phase <n>',
      'DMVPN phase: 1, 2 or 3',
      num('1, 2 or 3', (v) => v === 1 || v === 2 || v === 3),
      d.phase,
    )
    .option('--flows <n>', 'random spoke-to-spoke flows (10 to 120 s each)', int(0), d.flows)
    .option(
      '--seconds <n>',
      'virtual seconds to run',
      num('seconds > 0', (v) => v > 0),
      d.seconds,
    )
    .option(
      '--loss <p>',
      'probability that an NHRP packet is lost',
      num('0 <= P < 1', (v) => v >= 0 && v < 1),
      d.loss,
    )
    .option(
      '--latency <ms>',
      'one-way latency of every packet, ms',
      num('milliseconds >= 0', (v) => v >= 0),
      d.latencyMs,
    )
    .option('--kill-hub <hub@sec>', 'hub number HUB (from 1) stops answering at virtual second SEC', killHub)
    .option('--holdtime <s>', 'ip nhrp holdtime on every router', int(1), d.holdtime)
    .option('--registration-timeout <s>', 'ip nhrp registration timeout on spokes (default holdtime/3)', int(1))
    .option('--max-connections <n>', 'ip nhrp nhs cluster 0 max-connections on spokes (default: all hubs)', int(1))
    .option(
      '--boot-spread <s>',
      'spokes boot at random times within this many seconds',
      num('seconds >= 0', (v) => v >= 0),
      d.bootSpreadSec,
    )
    .option(
      '--packet-interval <s>',
      'seconds between the packets of a flow',
      num('seconds > 0', (v) => v > 0),
      d.packetIntervalSec,
    )
    .option('--seed <n>', 'random seed (same seed, same run)', int(0), d.seed)
    .option(
      '--routing <protocol>',
      'routing protocol beside NHRP on the same virtual time: none or eigrp',
      (v: string) => {
        if (v !== 'none' && v !== 'eigrp') throw new InvalidArgumentError(`expected none or eigrp, found '${v}'`);
        return v;
      },
      d.routing,
    )
    .option('--json', 'print the report as JSON')
    .action((opts: Record<string, unknown>) => {
      const o: Partial<SimOptions> = {
        hubs: opts.hubs as number,
        spokes: opts.spokes as number,
        phase: opts.phase as 1 | 2 | 3,
        flows: opts.flows as number,
        seconds: opts.seconds as number,
        loss: opts.loss as number,
        latencyMs: opts.latency as number,
        killHub: opts.killHub as SimOptions['killHub'],
        holdtime: opts.holdtime as number,
        registrationTimeout: opts.registrationTimeout as number | undefined,
        maxConnections: opts.maxConnections as number | undefined,
        bootSpreadSec: opts.bootSpread as number,
        packetIntervalSec: opts.packetInterval as number,
        seed: opts.seed as number,
        routing: opts.routing as SimOptions['routing'],
      };
      const report = simulate(o);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    });
}

import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { decodeKeys } from '../decode-keys.js';
import { decodeCaptureFile, formatSummary } from '../decode-report.js';
import { formatRecord } from '../decode-text.js';

/**
 * `dmvpn-lab decode FILE [--json]`: prints every NHRP and EIGRP packet of a pcap/pcapng capture. A file cut short
 * in the middle of a packet (a capture still being written, `head -c`) is decoded up to its last
 * complete frame, then the truncation is reported and the exit status is 2, as tshark does. ESP is opened with
 * `--keys` (an `esp_sa` / `ikev2_decryption_table` / `ikev1_decryption_table` file or folder) or the files beside the
 * capture, and what it carried is decoded; encrypted IKEv2 and IKEv1 messages whose keys are known are printed with
 * the payloads inside (IKEv1's IVs are derived from the exchange in the capture, as Wireshark does).
 */
export function registerDecode(program: Command): void {
  program
    .command('decode')
    .description(
      'print every NHRP and EIGRP packet in a pcap or pcapng file (others only counted); exit 2 if cut short',
    )
    .argument('<file>', 'capture file (pcap or pcapng; Ethernet, raw IP or Linux cooked)')
    .option('--json', 'one JSON object per NHRP or EIGRP packet per line on stdout; the summary goes to stderr')
    .option(
      '--keys <file>',
      'open ESP and IKE with this esp_sa, ikev2_decryption_table or ikev1_decryption_table file (Wireshark UAT ' +
        'lines, as dmvpnd writes them) or those in this folder; default: the files beside the capture (a lab ' +
        'capture), if any',
    )
    .option('--no-keys', 'do not open ESP or IKE, even with key files beside the capture')
    .action(async (file: string, opts: { json?: boolean; keys?: string | boolean }) => {
      const bytes = new Uint8Array(await readFile(file));
      const keys = decodeKeys(file, opts.keys);
      if (keys)
        process.stderr.write(
          `dmvpn-lab decode: opening ESP and IKEv2 with ${keys.files.join(', ')} ` +
            `(${keys.esp.size} ESP SAs, ${keys.ike.size} IKE SAs, ${keys.ikev1.size} ISAKMP SAs)\n`,
        );
      const { records, summary, cutShort } = decodeCaptureFile(
        bytes,
        keys ? { keyring: keys.esp, ikeKeyring: keys.ike, ikev1Keyring: keys.ikev1 } : {},
      );
      const out: string[] = [];
      for (const r of records) {
        if (opts.json) out.push(JSON.stringify(r));
        else out.push(...formatRecord(r));
      }
      if (out.length) process.stdout.write(`${out.join('\n')}\n`);
      (opts.json ? process.stderr : process.stdout).write(`${formatSummary(summary)}\n`);
      if (cutShort) {
        const what = `${file} appears to have been cut short in the middle of a packet: ${cutShort.message}`;
        process.stderr.write(`dmvpn-lab decode: ${what} [CAPTURE_CUT_SHORT]\n`);
        process.exitCode = 2;
      }
    });
}

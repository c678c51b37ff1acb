/**
 * `dmvpn-lab capture … --decrypt`: a copy of a capture with every ESP frame (IP protocol 50, or UDP 4500)
 * replaced by what it carried (GRE, and NHRP inside), opened with the `esp_sa` keys the routers wrote beside the
 * pcaps. Frame numbers and times stay those of the original, so the copy and the original cite the same frames.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EspKeyring, unwrapFrame } from '../ipsec/capture.js';
import { readCapture, writePcap } from '../wire/index.js';
import { completeRecords } from './checks/packets.js';
import { LabError } from './errors.js';

/** What decrypting one capture did. */
export interface DecryptReport {
  pcap: string;
  out: string;
  frames: number;
  opened: number;
  /** ESP frames without a key (or not opening with it). */
  sealed: number;
}

/** The file name of a capture's decrypted copy: `x.pcap` → `x.decrypted.pcap`. */
export function decryptedName(pcap: string): string {
  return join(dirname(pcap), `${basename(pcap).replace(/\.(pcapng|pcap)$/, '')}.decrypted.pcap`);
}

/** Writes the decrypted copy of `pcap` (keys: the `esp_sa` file, by default the one beside it). */
export function decryptCapture(
  pcap: string,
  keys = join(dirname(pcap), 'esp_sa'),
  out = decryptedName(pcap),
): DecryptReport {
  if (!existsSync(keys))
    throw new LabError('CAPTURE_FAILED', `${keys}: no esp_sa keys (was the lab protected and up?)`);
  const ring = new EspKeyring(readFileSync(keys, 'utf8'));
  const cap = readCapture(completeRecords(readFileSync(pcap)));
  let opened = 0;
  let sealed = 0;
  const records = cap.frames.map((f) => {
    const u = unwrapFrame(f.linkType, f.data, ring);
    if (u.esp?.opened) opened++;
    else if (u.esp) sealed++;
    return { data: u.data, timestampNs: f.timestampNs };
  });
  writeFileSync(out, writePcap(records, { linkType: cap.linkType, nanosecond: true }));
  return { pcap, out, frames: records.length, opened, sealed };
}

/** The captures of a lab folder to decrypt (not the decrypted copies). */
export function labPcaps(labDir: string): string[] {
  const dir = join(labDir, 'pcaps');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.pcap(ng)?$/.test(f) && !f.includes('.decrypted.'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The keys `dmvpn-lab decode` opens ESP, IKEv2 and IKEv1 with: `--keys F` (an `esp_sa`, `ikev2_decryption_table` or
 * `ikev1_decryption_table` file, or a folder holding them), or, with no `--keys`, the files beside the capture when there are any (a lab capture:
 * the routers write their SAs' keys into the pcaps folder). `--no-keys` decodes the frames as captured.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ikev2Keyring } from '../ike/capture.js';
import { Ikev1Keyring } from '../ikev1/capture.js';
import { EspKeyring } from '../ipsec/capture.js';
import { LabError } from '../lab/errors.js';

/** The key tables Wireshark reads that decode uses. */
const TABLES = ['esp_sa', 'ikev2_decryption_table', 'ikev1_decryption_table'];

/** The keyrings and the files they came from. */
export interface DecodeKeys {
  files: string[];
  esp: EspKeyring;
  ike: Ikev2Keyring;
  ikev1: Ikev1Keyring;
}

function read(files: string[]): DecodeKeys {
  // Each reader skips the other tables' lines, so a file is read by all three.
  const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
  return { files, esp: new EspKeyring(text), ike: new Ikev2Keyring(text), ikev1: new Ikev1Keyring(text) };
}

/** Reads the keys for `capture`: `keys` true or absent (automatic), false (none) or a path; a given path must hold some. */
export function decodeKeys(capture: string, keys: string | boolean | undefined): DecodeKeys | undefined {
  if (keys === false) return undefined;
  const inFolder = (dir: string): string[] => TABLES.map((t) => join(dir, t)).filter((f) => existsSync(f));
  if (keys === undefined || keys === true) {
    const beside = inFolder(dirname(capture));
    return beside.length > 0 ? read(beside) : undefined;
  }
  const files = existsSync(keys) && statSync(keys).isDirectory() ? inFolder(keys) : existsSync(keys) ? [keys] : [];
  if (files.length === 0)
    throw new LabError(
      'BAD_ARGUMENT',
      `--keys ${keys}: no esp_sa or ikev2_decryption_table file there, nor an ikev1_decryption_table`,
      {
        exitCode: 2,
      },
    );
  return read(files);
}

/**
 * The keys `dmvpn-lab decode` opens ESP with: `--keys F` (an `esp_sa` file, or a folder holding one), or, with no
 * `--keys`, the `esp_sa` file beside the capture when there is one (a lab capture: the routers write their SAs'
 * keys into the pcaps folder). `--no-keys` decodes the frames as captured.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EspKeyring } from '../ipsec/capture.js';
import { LabError } from '../lab/errors.js';

/** The keyring and the file it came from; undefined when there are no keys to use. */
export interface DecodeKeys {
  file: string;
  keyring: EspKeyring;
}

/** Reads the keys for `capture`: `keys` true (automatic), false (none) or a path; throws when a given path has none. */
export function decodeKeys(capture: string, keys: string | boolean | undefined): DecodeKeys | undefined {
  if (keys === false) return undefined;
  if (keys === undefined || keys === true) {
    const beside = join(dirname(capture), 'esp_sa');
    return existsSync(beside) ? { file: beside, keyring: new EspKeyring(readFileSync(beside, 'utf8')) } : undefined;
  }
  const file = existsSync(keys) && statSync(keys).isDirectory() ? join(keys, 'esp_sa') : keys;
  if (!existsSync(file))
    throw new LabError('BAD_ARGUMENT', `--keys ${keys}: no esp_sa file there (expected ${file})`, { exitCode: 2 });
  return { file, keyring: new EspKeyring(readFileSync(file, 'utf8')) };
}

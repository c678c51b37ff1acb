/**
 * IOS interface defaults that the EIGRP metric reads, by interface kind (`show interfaces` BW and DLY):
 * Tunnel 100 kbit/s and 50000 µs, GigabitEthernet 1000000 kbit/s and 10 µs, FastEthernet 100000
 * and 100, Ethernet (IOL) 10000 and 1000, Loopback 8000000 and 5000, Serial 1544 and 20000.
 */
export interface InterfaceDefaults {
  bandwidth: number;
  delayUs: number;
  multipoint: boolean;
}

const KINDS: Array<[RegExp, InterfaceDefaults]> = [
  [/^tu/i, { bandwidth: 100, delayUs: 50_000, multipoint: true }],
  [/^(gi|te|fo|hu|ten)/i, { bandwidth: 1_000_000, delayUs: 10, multipoint: false }],
  [/^fa/i, { bandwidth: 100_000, delayUs: 100, multipoint: false }],
  [/^lo/i, { bandwidth: 8_000_000, delayUs: 5000, multipoint: false }],
  [/^se/i, { bandwidth: 1544, delayUs: 20_000, multipoint: false }],
  [/^(e|et)/i, { bandwidth: 10_000, delayUs: 1000, multipoint: false }],
];

/** Defaults for an interface name; anything unknown is treated as GigabitEthernet. */
export function interfaceDefaults(name: string): InterfaceDefaults {
  for (const [re, d] of KINDS) if (re.test(name)) return d;
  return { bandwidth: 1_000_000, delayUs: 10, multipoint: false };
}

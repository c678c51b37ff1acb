/**
 * From IOS IKEv1 config to the IKEv1 engine's (src/ikev1/config.ts), for a `crypto ipsec profile` without
 * `set ikev2-profile` (IOS then runs IKEv1):
 *
 * | IOS                                                        | Ikev1ConfigInput                        |
 * |------------------------------------------------------------|-----------------------------------------|
 * | crypto isakmp policy N / encr aes [128/192/256] / 3des     | policies[].encr (`encr aes`: AES-128)   |
 * |   hash sha / sha256 / sha384 / md5, group G, lifetime S    | policies[].hash, group, lifetime        |
 * |   authentication pre-share                                 | (the only method)                       |
 * | crypto isakmp key K address A [M]                          | keys[] (A M 0.0.0.0 0.0.0.0: any peer)   |
 * | crypto isakmp keepalive S [R]                              | dpd                                     |
 * | crypto isakmp nat keepalive S                              | natKeepalive                            |
 * | crypto isakmp aggressive-mode disable                      | acceptAggressive = false                |
 * | set transform-set, mode, set pfs groupN, set sa lifetime   | esp, mode, pfs, childLifetime           |
 *
 * No policy configured: IOS's defaults apply (AES-256/SHA-256/group 14 here, IOS's default policies).
 */
import { isV1Group, type V1Encr, type V1Hash } from '../../ikev1/algorithms.js';
import type { EspOffer, Ikev1ConfigInput, IsakmpPolicyConfig } from '../../ikev1/config.js';
import type { CryptoConfig, IpsecProfile, TransformSet } from '../config/crypto-model.js';
import { espProposal } from './ike-config.js';
import { canonicalIpv6 } from '../../wire/ipv6-addr.js';

const HASH: Record<string, V1Hash> = { sha: 'sha', sha256: 'sha256', sha384: 'sha384', md5: 'md5' };

function encr(text: string | undefined): V1Encr | undefined {
  const [alg, bits] = (text ?? 'des').toLowerCase().split(/\s+/);
  if (alg === '3des') return '3des';
  if (alg !== 'aes') return undefined;
  return bits === '256'
    ? 'aes-256'
    : bits === '192'
      ? 'aes-192'
      : bits === undefined || bits === '128'
        ? 'aes-128'
        : undefined;
}

/** `crypto isakmp policy` blocks as engine policies; unsupported ones become problems. */
export function isakmpPolicies(c: CryptoConfig, problems: string[]): IsakmpPolicyConfig[] {
  const out: IsakmpPolicyConfig[] = [];
  for (const p of c.isakmpPolicies) {
    const e = encr(p.encryption);
    const h = HASH[(p.hash ?? 'sha').toLowerCase()];
    const group = p.group ?? 1;
    if (p.authentication !== undefined && !/^pre-share/i.test(p.authentication)) {
      problems.push(`isakmp policy ${p.priority}: authentication ${p.authentication} not supported (pre-share only)`);
      continue;
    }
    if (!e || !h || !isV1Group(group)) {
      problems.push(`isakmp policy ${p.priority}: encr ${p.encryption ?? 'des'} / hash / group ${group} not supported`);
      continue;
    }
    out.push({ priority: p.priority, encr: e, hash: h, group, lifetime: p.lifetime ?? 86400 });
  }
  return out;
}

function espOffers(
  c: CryptoConfig,
  ipsec: IpsecProfile,
  problems: string[],
): { esp: EspOffer[]; mode: 'transport' | 'tunnel' } {
  const esp: EspOffer[] = [];
  let mode: 'transport' | 'tunnel' = 'transport';
  ipsec.transformSets.forEach((name, i) => {
    const ts: TransformSet | undefined = c.transformSets.find((t) => t.name === name);
    if (!ts) return void problems.push(`transform-set ${name} does not exist`);
    if (i === 0) mode = ts.mode;
    const p = espProposal(ts, problems);
    if (p) esp.push(...p.encr.map((e) => ({ encr: e, ...(p.integ?.[0] ? { integ: p.integ[0] } : {}) })));
  });
  return { esp, mode };
}

/**
 * The mask of `crypto isakmp key K address A [M]`: as given, else a host mask, except for
 * `address 0.0.0.0`, which IOS takes as the wildcard (it shows `0.0.0.0 0.0.0.0` that way).
 */
export function isakmpKeyMask(k: { address: string; mask?: string }): string {
  if (k.mask !== undefined) return k.mask;
  return k.address === '0.0.0.0' ? '0.0.0.0' : '255.255.255.255';
}

/** The IKEv1 engine config for a tunnel sourced at `localAddress` protected by `ipsec`. */
export function isakmpPlan(
  c: CryptoConfig,
  ipsec: IpsecProfile,
  localAddress: string,
  problems: string[],
): Ikev1ConfigInput {
  const keys = c.isakmpKeys.map((k) => {
    if (!k.address.includes(':')) return { address: k.address, mask: isakmpKeyMask(k), psk: k.key };
    // `address ipv6 X/N` (no /N: one host)
    const [a, n] = k.address.split('/');
    return { address: canonicalIpv6(a ?? '') ?? a ?? '', mask: n ?? '128', psk: k.key };
  });
  if (keys.length === 0) problems.push('no crypto isakmp key: IKEv1 cannot authenticate any peer');
  const policies = isakmpPolicies(c, problems);
  const { esp, mode } = espOffers(c, ipsec, problems);
  const pfsN = ipsec.pfs !== undefined ? Number(String(ipsec.pfs).replace(/^group/i, '')) : undefined;
  if (pfsN !== undefined && !isV1Group(pfsN)) problems.push(`set pfs ${ipsec.pfs}: group not supported`);
  const ka = c.isakmpKeepalive;
  return {
    localAddress,
    keys,
    ...(policies.length > 0 ? { policies } : {}),
    ...(esp.length > 0 ? { esp } : {}),
    mode,
    protocol: 47,
    ...(pfsN !== undefined && isV1Group(pfsN) ? { pfs: pfsN } : {}),
    ...(ipsec.lifetimeSeconds !== undefined ? { childLifetime: ipsec.lifetimeSeconds } : {}),
    ...(ka ? { dpd: { interval: ka.interval, retry: ka.retry } } : {}),
    ...(c.isakmpNatKeepalive !== undefined ? { natKeepalive: c.isakmpNatKeepalive } : {}),
    acceptAggressive: c.isakmpAggressiveDisable !== true,
  };
}

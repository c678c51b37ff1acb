/**
 * From IOS crypto config to the IKEv2 engine's (src/ike/config.ts): `tunnel protection ipsec profile P`
 * on a tunnel whose source is A gives an IkeEngineConfigInput for local address A.
 *
 * | IOS                                                  | IkePeerConfig                                 |
 * |------------------------------------------------------|-----------------------------------------------|
 * | crypto ipsec profile P / set ikev2-profile I         | the IKEv2 profile (absent: `default`)         |
 * | crypto ikev2 profile I / keyring local K             | one peer per keyring peer address (0.0.0.0, ::: any) |
 * | keyring peer / address A [M] / pre-shared-key S      | address A, psk S                              |
 * | keyring peer / address X:X::X/128 or ::/0 (IPv6)     | address X:X::X, or :: (any IPv6 peer)         |
 * | crypto ikev2 proposal (encryption, integrity, group) | ike (absent: the IOS default proposal)        |
 * | set transform-set T (esp-aes 256 esp-sha256-hmac, esp-gcm 256) + mode | esp, mode                    |
 * | set pfs groupN                                       | esp[].pfs                                     |
 * | set security-association lifetime seconds N          | childLifetime                                 |
 * | ikev2 profile lifetime N, dpd I R                    | ikeLifetime, dpd                              |
 *
 * A profile without `set ikev2-profile` and with isakmp configured runs IKEv1 (./isakmp-config.ts), as IOS does.
 *
 * Problems (a missing profile, keyring or key) come back as text for the log; the tunnel then runs without
 * protection refused: it sends nothing in the clear (IpsecSocket with no peers drops).
 */
import type { DhGroup, EncrName, IntegName, PrfName } from '../../ike/algorithms.js';
import type { IkeEngineConfigInput, IkePeerConfigInput } from '../../ike/config.js';
import type { EspProposalConfig, IkeProposalConfig } from '../../ike/proposals.js';
import type { Ikev1ConfigInput } from '../../ikev1/config.js';
import type { CryptoConfig, TransformSet } from '../config/crypto-model.js';
import { canonicalIpv6 } from '../../wire/ipv6-addr.js';
import { isakmpPlan } from './isakmp-config.js';

/** What a protected tunnel runs: the IKEv2 engine config, or the IKEv1 one (`ikev1`), and what could not be used. */
export interface ProtectionPlan {
  profile: string;
  ike: IkeEngineConfigInput;
  /** Present when the profile runs IKEv1 (no `set ikev2-profile`, isakmp configured). */
  ikev1?: Ikev1ConfigInput;
  /** Seconds between NAT keepalives to peers reached through a NAT (`crypto ikev2 nat keepalive`). */
  natKeepalive?: number;
  /** `shared`: the SA database (one IKE/ESP socket) is shared with the other tunnels on the source. */
  shared?: boolean;
  problems: string[];
}

const ENCR: Record<string, EncrName> = {
  'aes-cbc-128': 'aes-cbc-128',
  'aes-cbc-256': 'aes-cbc-256',
  'aes-gcm-128': 'aes-gcm-16-128',
  'aes-gcm-256': 'aes-gcm-16-256',
};
const INTEG: Record<string, IntegName> = { sha1: 'sha1-96', sha96: 'sha1-96', sha256: 'sha256-128' };
const PRF: Record<string, PrfName> = { sha1: 'sha1', sha256: 'sha256', sha384: 'sha384' };

/** `groupN` / N → a supported DH group. */
function dhGroup(x: string | number | undefined): DhGroup | undefined {
  const n = typeof x === 'number' ? x : Number(String(x ?? '').replace(/^group/i, ''));
  return n === 14 || n === 19 || n === 31 ? n : undefined;
}

/** The ESP proposal of a transform set (`esp-aes [128|192|256]`, `esp-gcm [128|256]`, `esp-sha-hmac`, `esp-sha256-hmac`). */
export function espProposal(ts: TransformSet, problems: string[]): EspProposalConfig | undefined {
  const encr: EncrName[] = [];
  const integ: IntegName[] = [];
  const t = ts.transforms.map((x) => x.toLowerCase());
  for (let i = 0; i < t.length; i++) {
    const bits = /^(128|256)$/.test(t[i + 1] ?? '') ? t[i + 1] : undefined;
    if (t[i] === 'esp-aes') encr.push(bits === '128' ? 'aes-cbc-128' : bits === '256' ? 'aes-cbc-256' : 'aes-cbc-128');
    else if (t[i] === 'esp-gcm') encr.push(bits === '128' ? 'aes-gcm-16-128' : 'aes-gcm-16-256');
    else if (t[i] === 'esp-sha-hmac') integ.push('sha1-96');
    else if (t[i] === 'esp-sha256-hmac') integ.push('sha256-128');
    else if (!/^[0-9]+$/.test(t[i])) problems.push(`transform-set ${ts.name}: transform ${t[i]} not supported`);
  }
  if (encr.length === 0) {
    problems.push(`transform-set ${ts.name}: no supported encryption`);
    return undefined;
  }
  const gcm = encr[0].startsWith('aes-gcm');
  if (!gcm && integ.length === 0) {
    problems.push(`transform-set ${ts.name}: AES-CBC needs an integrity transform`);
    return undefined;
  }
  return gcm ? { encr } : { encr, integ };
}

function ikeProposals(c: CryptoConfig, problems: string[]): IkeProposalConfig[] | undefined {
  const names = c.ikev2Policies.flatMap((p) => p.proposals);
  const list = (
    names.length > 0 ? names.map((n) => c.ikev2Proposals.find((p) => p.name === n)) : c.ikev2Proposals
  ).filter((p) => p !== undefined);
  const out: IkeProposalConfig[] = [];
  for (const p of list) {
    const encr = p.encryption.map((e) => ENCR[e.toLowerCase()]).filter((e) => e !== undefined);
    const integ = p.integrity.map((e) => INTEG[e.toLowerCase()]).filter((e) => e !== undefined);
    const dh = p.group.map((g) => dhGroup(g)).filter((g) => g !== undefined);
    if (encr.length === 0 || dh.length === 0) {
      problems.push(`ikev2 proposal ${p.name}: no supported encryption or group`);
      continue;
    }
    const gcm = encr.every((e) => e.startsWith('aes-gcm'));
    const named = (p.prf ?? []).map((x) => PRF[x.toLowerCase()]).filter((x) => x !== undefined);
    const fromInteg: PrfName[] = (integ.length > 0 ? integ : ['sha256-128']).map((i) =>
      i === 'sha1-96' ? 'sha1' : 'sha256',
    );
    const prf = named.length > 0 ? named : fromInteg;
    out.push(gcm ? { encr, prf, dh } : { encr, prf, integ: integ.length > 0 ? integ : ['sha256-128'], dh });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The engine's peer address of a keyring entry: `address 0.0.0.0 [0.0.0.0]` (or none) any IPv4 peer, `address ::/0`
 * any IPv6 peer (0.0.0.0 and ::), `A [255.255.255.255]` and `X:X::X/128` one peer. Other masks and prefixes are
 * noted as not supported (taken as the address); an entry of the other family than the tunnel source is skipped.
 */
function peerAddress(
  peer: { address?: string; mask?: string },
  localAddress: string,
  problems: string[],
  where: string,
): string | undefined {
  const v6 = localAddress.includes(':');
  if (peer.address === undefined) return v6 ? '::' : '0.0.0.0';
  if (!peer.address.includes(':')) {
    if (v6) return undefined;
    if (peer.address === '0.0.0.0' && (peer.mask ?? '0.0.0.0') === '0.0.0.0') return '0.0.0.0';
    if (peer.mask !== undefined && peer.mask !== '255.255.255.255') {
      problems.push(`${where}: address masks other than 0.0.0.0 and /32 not supported`);
    }
    return peer.address;
  }
  if (!v6) return undefined;
  const [text, len] = peer.address.split('/');
  const a = canonicalIpv6(text ?? '');
  const n = len === undefined ? 128 : Number(len);
  if (a === undefined || !Number.isInteger(n) || n < 0 || n > 128) {
    problems.push(`${where}: address ${peer.address} is not an IPv6 address or prefix`);
    return undefined;
  }
  if (n === 0) return '::';
  if (n !== 128) problems.push(`${where}: IPv6 prefixes other than ::/0 and /128 not supported`);
  return a;
}

/**
 * IOS runs IKEv1 for a profile without `set ikev2-profile`. Configs with no isakmp at all but an IKEv2 profile
 * named `default` keep running IKEv2 through it.
 */
function runsIkev1(c: CryptoConfig, ikev2Profile: string | undefined): boolean {
  if (ikev2Profile !== undefined) return false;
  if (c.isakmpKeys.length === 0 && c.isakmpPolicies.length === 0) return false;
  return !c.ikev2Profiles.some((p) => p.name === 'default');
}

/** The engine config for a tunnel protected by IPsec profile `profileName`, sourced at `localAddress`. */
export function protectionPlan(c: CryptoConfig, profileName: string, localAddress: string): ProtectionPlan {
  const problems: string[] = [];
  const plan = (peers: IkePeerConfigInput[]): ProtectionPlan => ({
    profile: profileName,
    ike: { localAddress, peers },
    ...(c.ikev2NatKeepalive !== undefined ? { natKeepalive: c.ikev2NatKeepalive } : {}),
    problems,
  });
  const fail = (why: string): ProtectionPlan => {
    problems.push(why);
    return plan([]);
  };
  const ipsec = c.ipsecProfiles.find((p) => p.name === profileName);
  if (!ipsec) return fail(`crypto ipsec profile ${profileName} does not exist`);
  if (runsIkev1(c, ipsec.ikev2Profile)) {
    return { ...plan([]), ikev1: isakmpPlan(c, ipsec, localAddress, problems) };
  }
  const ikeName = ipsec.ikev2Profile ?? 'default';
  const prof = c.ikev2Profiles.find((p) => p.name === ikeName);
  if (!prof) return fail(`crypto ikev2 profile ${ikeName} does not exist`);
  const ring = c.ikev2Keyrings.find((k) => k.name === prof.keyring);
  if (!ring) return fail(`ikev2 profile ${ikeName}: keyring ${prof.keyring ?? '(none)'} does not exist`);
  if (prof.authenticationLocal && !/^pre-share/i.test(prof.authenticationLocal)) {
    problems.push(`ikev2 profile ${ikeName}: authentication local ${prof.authenticationLocal} not supported`);
  }
  const sets = ipsec.transformSets.map((n) => c.transformSets.find((t) => t.name === n));
  const esp: EspProposalConfig[] = [];
  let mode: 'transport' | 'tunnel' = 'transport';
  sets.forEach((ts, i) => {
    if (!ts) {
      problems.push(`transform-set ${ipsec.transformSets[i]} does not exist`);
      return;
    }
    if (i === 0) mode = ts.mode;
    const p = espProposal(ts, problems);
    if (p) esp.push(p);
  });
  const pfs = dhGroup(ipsec.pfs);
  if (ipsec.pfs !== undefined && pfs === undefined) problems.push(`set pfs ${ipsec.pfs}: group not supported`);
  if (pfs !== undefined) for (const p of esp) p.pfs = [pfs];
  const ike = ikeProposals(c, problems);
  const peers: IkePeerConfigInput[] = [];
  for (const peer of ring.peers) {
    if (peer.preSharedKey === undefined) {
      problems.push(`keyring ${ring.name} peer ${peer.name}: no pre-shared-key`);
      continue;
    }
    const address = peerAddress(peer, localAddress, problems, `keyring ${ring.name} peer ${peer.name}`);
    if (address === undefined) continue;
    peers.push({
      address,
      psk: peer.preSharedKey,
      mode,
      ...(ike ? { ike } : {}),
      ...(esp.length > 0 ? { esp } : {}),
      ...(ipsec.lifetimeSeconds !== undefined ? { childLifetime: ipsec.lifetimeSeconds } : {}),
      ...(prof.lifetime !== undefined ? { ikeLifetime: prof.lifetime } : {}),
      ...(prof.dpd ? { dpd: { ...prof.dpd } } : {}),
    });
  }
  if (peers.length === 0 && ring.peers.length > 0) {
    const want = localAddress.includes(':') ? 'IPv6 (address ::/0 or X:X::X/128)' : 'IPv4';
    problems.push(`keyring ${ring.name}: no ${want} peer for tunnel source ${localAddress}`);
  }
  return plan(peers);
}

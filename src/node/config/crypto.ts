/**
 * `crypto …` blocks, recorded in RouterConfig.crypto. IKEv2 proposal, policy, keyring and profile and the IPsec
 * transform sets and profiles are in force (a tunnel with `tunnel protection ipsec profile` runs them, see
 * src/node/ipsec/ike-config.ts); so are IKEv1's `crypto isakmp policy | key | keepalive | nat keepalive |
 * aggressive-mode disable` (a profile without `set ikev2-profile` runs IKEv1, as on IOS). Other crypto commands
 * (pki, crypto map …) are reported as not supported.
 */
import { ignoreBlock } from './ignore.js';
import { isGlobalCommand } from './ios-tables.js';
import type { Cmd } from './line.js';
import type { CryptoConfig } from './crypto-model.js';
import type { Session } from './session.js';

type ChildHandler = (w: string[], t: string[]) => void;

/** Handles a global `[no] crypto …` line; `cmd` is positioned on the word `crypto`. */
export function cryptoCommand(cmd: Cmd, s: Session, neg: boolean): void {
  const t = cmd.line.tokens.slice(cmd.pos).map((x) => x.text);
  const w = t.map((x) => x.toLowerCase());
  const c = s.config.crypto;
  const key = `${w[1] ?? ''} ${w[2] ?? ''}`;
  const name = t[3];
  if (neg) {
    if (key === 'ikev2 nat' && w[3] === 'keepalive') {
      delete c.ikev2NatKeepalive;
      return;
    }
    if (name !== undefined && removeNamed(c, key, name)) return;
    if (w[1] === 'isakmp' && isakmpGlobal(c, w, true)) return;
    return ignoreBlock(cmd, s, 'crypto');
  }
  const num = (x: string | undefined): number | undefined =>
    x !== undefined && /^[0-9]+$/.test(x) ? Number(x) : undefined;
  if (key === 'isakmp policy' && num(name) !== undefined) {
    const p = upsert(
      c.isakmpPolicies,
      (x) => x.priority === num(name),
      () => ({ priority: num(name)! }),
    );
    return record(cmd, s, (cw, ct) => {
      if (cw[0] === 'encr' || cw[0] === 'encryption') p.encryption = ct.slice(1).join(' ');
      else if (cw[0] === 'hash') p.hash = ct[1];
      else if (cw[0] === 'authentication') p.authentication = ct[1];
      else if (cw[0] === 'group') p.group = num(ct[1]);
      else if (cw[0] === 'lifetime') p.lifetime = num(ct[1]);
    });
  }
  if (w[1] === 'isakmp' && isakmpGlobal(c, w, false)) return;
  if (key === 'isakmp key') {
    const at = w.indexOf('address');
    // `address A [M]`, or `address ipv6 X:X::X/N` (an IPv6 peer or prefix, kept as written after `ipv6`)
    if (at > 3 && w[at + 1] === 'ipv6' && t[at + 2]?.includes(':')) {
      c.isakmpKeys.push({ key: t[at - 1], address: t[at + 2] });
      return record(cmd, s, () => undefined);
    }
    if (at > 3 && t[at + 1] !== undefined) {
      c.isakmpKeys.push({
        key: t[at - 1],
        address: t[at + 1],
        ...(t[at + 2] && /^[0-9.]+$/.test(t[at + 2]) ? { mask: t[at + 2] } : {}),
      });
      return record(cmd, s, () => undefined);
    }
  }
  if (key.startsWith('ipsec transform-set') && name !== undefined) {
    const ts = upsert(
      c.transformSets,
      (x) => x.name === name,
      () => ({ name, transforms: [], mode: 'tunnel' as const }),
    );
    ts.transforms = t.slice(4);
    return record(cmd, s, (cw) => {
      if (cw[0] === 'mode' && (cw[1] === 'transport' || cw[1] === 'tunnel')) ts.mode = cw[1];
    });
  }
  if (key === 'ipsec profile' && name !== undefined) {
    const p = upsert(
      c.ipsecProfiles,
      (x) => x.name === name,
      () => ({ name, transformSets: [] }),
    );
    return record(cmd, s, (cw, ct) => {
      if (cw[0] !== 'set') return;
      if (cw[1] === 'transform-set') p.transformSets = ct.slice(2);
      else if (cw[1] === 'ikev2-profile') p.ikev2Profile = ct[2];
      else if (cw[1] === 'pfs') p.pfs = ct[2];
      else if (cw[1] === 'security-association' && cw[2] === 'lifetime' && cw[3] === 'seconds') {
        p.lifetimeSeconds = num(ct[4]);
      }
    });
  }
  if (key === 'ikev2 nat' && w[3] === 'keepalive' && num(t[4]) !== undefined) {
    c.ikev2NatKeepalive = num(t[4]);
    return;
  }
  if (w[1] === 'ikev2' && name !== undefined) {
    const handler = ikev2(c, w[2] ?? '', name);
    if (handler) return record(cmd, s, handler);
  }
  ignoreBlock(cmd, s, 'crypto');
}

function ikev2(c: CryptoConfig, kind: string, name: string): ChildHandler | undefined {
  if (kind === 'proposal') {
    const p = upsert(
      c.ikev2Proposals,
      (x) => x.name === name,
      () => ({ name, encryption: [], integrity: [], group: [] }),
    );
    return (w, t) => {
      if (w[0] === 'encryption') p.encryption = t.slice(1);
      else if (w[0] === 'integrity') p.integrity = t.slice(1);
      else if (w[0] === 'prf') p.prf = t.slice(1);
      else if (w[0] === 'group')
        p.group = t
          .slice(1)
          .map(Number)
          .filter((x) => Number.isInteger(x));
    };
  }
  if (kind === 'policy') {
    const p = upsert(
      c.ikev2Policies,
      (x) => x.name === name,
      () => ({ name, proposals: [] as string[] }),
    );
    return (w, t) => {
      if (w[0] === 'proposal') p.proposals.push(...t.slice(1));
    };
  }
  if (kind === 'keyring') {
    const k = upsert(
      c.ikev2Keyrings,
      (x) => x.name === name,
      () => ({ name, peers: [] }),
    );
    let current: CryptoConfig['ikev2Keyrings'][number]['peers'][number] | undefined;
    return (w, t) => {
      const peer = current;
      if (w[0] === 'peer' && t[1])
        current = upsert(
          k.peers,
          (x) => x.name === t[1],
          () => ({ name: t[1] }),
        );
      else if (peer && w[0] === 'address' && w[1] === 'ipv6' && t[2]) peer.address = t[2];
      else if (peer && w[0] === 'address') {
        // `address A [M]`, or an IPv6 peer or prefix `address X:X::X/N`
        peer.address = t[1];
        if (t[2]) peer.mask = t[2];
      } else if (peer && w[0] === 'pre-shared-key') peer.preSharedKey = t[t.length - 1];
    };
  }
  if (kind === 'profile') {
    const p = upsert(
      c.ikev2Profiles,
      (x) => x.name === name,
      () => ({ name, matchRemoteAddresses: [] }),
    );
    return (w, t) => {
      if (w[0] === 'match' && w[1] === 'identity' && w[2] === 'remote' && w[3] === 'address') {
        p.matchRemoteAddresses.push(t.slice(4).join(' '));
      } else if (w[0] === 'authentication' && w[1] === 'local') p.authenticationLocal = t.slice(2).join(' ');
      else if (w[0] === 'authentication' && w[1] === 'remote') p.authenticationRemote = t.slice(2).join(' ');
      else if (w[0] === 'keyring' && w[1] === 'local') p.keyring = t[2];
      else if (w[0] === 'dpd' && /^[0-9]+$/.test(w[1] ?? '') && /^[0-9]+$/.test(w[2] ?? '')) {
        p.dpd = { interval: Number(w[1]), retry: Number(w[2]) };
      } else if (w[0] === 'lifetime' && /^[0-9]+$/.test(w[1] ?? '')) p.lifetime = Number(w[1]);
    };
  }
  return undefined;
}

/**
 * `[no] crypto isakmp keepalive S [R] [periodic|on-demand]`, `crypto isakmp nat keepalive S`, `crypto isakmp
 * aggressive-mode disable`; false for other isakmp lines.
 */
function isakmpGlobal(c: CryptoConfig, w: string[], neg: boolean): boolean {
  const n = (x: string | undefined) => (x !== undefined && /^[0-9]+$/.test(x) ? Number(x) : undefined);
  if (w[2] === 'keepalive') {
    const interval = n(w[3]);
    if (neg) delete c.isakmpKeepalive;
    else if (interval !== undefined) {
      const mode = w.find((x) => x === 'periodic' || x === 'on-demand') as 'periodic' | 'on-demand' | undefined;
      c.isakmpKeepalive = { interval, retry: n(w[4]) ?? 2, ...(mode ? { mode } : {}) };
    } else return false;
    return true;
  }
  if (w[2] === 'nat' && w[3] === 'keepalive') {
    if (neg) delete c.isakmpNatKeepalive;
    else if (n(w[4]) !== undefined) c.isakmpNatKeepalive = n(w[4]);
    else return false;
    return true;
  }
  if (w[2] === 'aggressive-mode' && w[3] === 'disable') {
    if (neg) delete c.isakmpAggressiveDisable;
    else c.isakmpAggressiveDisable = true;
    return true;
  }
  return false;
}

/** Feeds the block's sub-mode lines to `onChild`. */
function record(cmd: Cmd, s: Session, onChild: ChildHandler): void {
  s.open({
    indent: cmd.line.indent,
    accepts: (w) => !isGlobalCommand(w),
    line: (c) => {
      const t = c.line.tokens.map((x) => x.text);
      onChild(
        t.map((x) => x.toLowerCase()),
        t,
      );
    },
  });
}

function removeNamed(c: CryptoConfig, key: string, name: string): boolean {
  const lists: Record<string, Array<{ name: string }>> = {
    'ipsec profile': c.ipsecProfiles,
    'ikev2 proposal': c.ikev2Proposals,
    'ikev2 policy': c.ikev2Policies,
    'ikev2 keyring': c.ikev2Keyrings,
    'ikev2 profile': c.ikev2Profiles,
  };
  if (key === 'ipsec transform-set') lists[key] = c.transformSets;
  if (key === 'isakmp policy') {
    const before = c.isakmpPolicies.length;
    c.isakmpPolicies = c.isakmpPolicies.filter((p) => String(p.priority) !== name);
    return c.isakmpPolicies.length !== before;
  }
  const list = lists[key];
  const i = list ? list.findIndex((x) => x.name === name) : -1;
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

function upsert<T>(list: T[], match: (x: T) => boolean, make: () => NoInfer<T>): T {
  const found = list.find(match);
  if (found) return found;
  const made = make();
  list.push(made);
  return made;
}

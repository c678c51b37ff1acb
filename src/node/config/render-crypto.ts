/** The recorded crypto blocks printed back in IOS form (IKEv2, then IKEv1, then IPsec, as IOS orders them). */
import type { CryptoConfig } from './crypto-model.js';

/** Lines of every recorded crypto block, `!` between blocks; empty when nothing is recorded. */
export function renderCrypto(c: CryptoConfig): string[] {
  const blocks: string[][] = [];
  for (const p of c.ikev2Proposals) {
    blocks.push([
      `crypto ikev2 proposal ${p.name}`,
      ...opt(p.encryption.length > 0, ` encryption ${p.encryption.join(' ')}`),
      ...opt(p.integrity.length > 0, ` integrity ${p.integrity.join(' ')}`),
      ...opt(p.prf !== undefined, ` prf ${p.prf?.join(' ')}`),
      ...opt(p.group.length > 0, ` group ${p.group.join(' ')}`),
    ]);
  }
  for (const p of c.ikev2Policies)
    blocks.push([`crypto ikev2 policy ${p.name}`, ...p.proposals.map((x) => ` proposal ${x}`)]);
  for (const k of c.ikev2Keyrings) {
    const lines = [`crypto ikev2 keyring ${k.name}`];
    for (const peer of k.peers) {
      lines.push(` peer ${peer.name}`);
      if (peer.address !== undefined)
        lines.push(`  address ${peer.address}${peer.mask !== undefined ? ` ${peer.mask}` : ''}`);
      if (peer.preSharedKey !== undefined) lines.push(`  pre-shared-key ${peer.preSharedKey}`);
    }
    blocks.push(lines);
  }
  for (const p of c.ikev2Profiles) {
    blocks.push([
      `crypto ikev2 profile ${p.name}`,
      ...p.matchRemoteAddresses.map((a) => ` match identity remote address ${a}`),
      ...opt(p.authenticationRemote !== undefined, ` authentication remote ${p.authenticationRemote}`),
      ...opt(p.authenticationLocal !== undefined, ` authentication local ${p.authenticationLocal}`),
      ...opt(p.keyring !== undefined, ` keyring local ${p.keyring}`),
      ...opt(p.lifetime !== undefined, ` lifetime ${p.lifetime}`),
      ...opt(p.dpd !== undefined, ` dpd ${p.dpd?.interval} ${p.dpd?.retry} periodic`),
    ]);
  }
  if (c.ikev2NatKeepalive !== undefined) blocks.push([`crypto ikev2 nat keepalive ${c.ikev2NatKeepalive}`]);
  for (const p of c.isakmpPolicies) {
    blocks.push([
      `crypto isakmp policy ${p.priority}`,
      ...opt(p.encryption !== undefined, ` encr ${p.encryption}`),
      ...opt(p.hash !== undefined, ` hash ${p.hash}`),
      ...opt(p.authentication !== undefined, ` authentication ${p.authentication}`),
      ...opt(p.group !== undefined, ` group ${p.group}`),
      ...opt(p.lifetime !== undefined, ` lifetime ${p.lifetime}`),
    ]);
  }
  if (c.isakmpKeys.length > 0) {
    blocks.push(
      c.isakmpKeys.map(
        (k) =>
          `crypto isakmp key ${k.key} address ${k.address.includes(':') ? 'ipv6 ' : ''}${k.address}${k.mask !== undefined ? ` ${k.mask}` : ''}`,
      ),
    );
  }
  const globals = [
    ...opt(c.isakmpAggressiveDisable === true, 'crypto isakmp aggressive-mode disable'),
    ...opt(
      c.isakmpKeepalive !== undefined,
      `crypto isakmp keepalive ${c.isakmpKeepalive?.interval} ${c.isakmpKeepalive?.retry}` +
        `${c.isakmpKeepalive?.mode ? ` ${c.isakmpKeepalive.mode}` : ''}`,
    ),
    ...opt(c.isakmpNatKeepalive !== undefined, `crypto isakmp nat keepalive ${c.isakmpNatKeepalive}`),
  ];
  if (globals.length > 0) blocks.push(globals);
  for (const t of c.transformSets) {
    blocks.push([
      `crypto ipsec transform-set ${t.name} ${t.transforms.join(' ')}`,
      ...opt(t.mode !== 'tunnel', ` mode ${t.mode}`),
    ]);
  }
  for (const p of c.ipsecProfiles) {
    blocks.push([
      `crypto ipsec profile ${p.name}`,
      ...opt(p.transformSets.length > 0, ` set transform-set ${p.transformSets.join(' ')}`),
      ...opt(p.ikev2Profile !== undefined, ` set ikev2-profile ${p.ikev2Profile}`),
      ...opt(p.pfs !== undefined, ` set pfs ${p.pfs}`),
      ...opt(p.lifetimeSeconds !== undefined, ` set security-association lifetime seconds ${p.lifetimeSeconds}`),
    ]);
  }
  return blocks.flatMap((b, i) => (i === 0 ? b : ['!', ...b]));
}

function opt(cond: boolean, line: string): string[] {
  return cond ? [line] : [];
}

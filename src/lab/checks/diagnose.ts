/**
 * Configuration mistakes that explain a failed check, found by comparing the routers' running
 * configurations: they turn "not registered" into "NHRP password differs". Each names the router and
 * the IOS command at fault.
 */
import { hubByAddress, type LabView, type RouterView } from './view.js';

/** Problems between a spoke and one of its hubs: password, tunnel key, NHS address, NBMA address. */
export function spokeHubProblems(view: LabView, spoke: RouterView, nhs: { protocol: string; nbma?: string }): string[] {
  const out: string[] = [];
  const hub = hubByAddress(view, nhs.protocol);
  if (!hub) {
    const hubs = view.hubs.map((h) => `${h.name} ${h.tunnelAddress ?? '?'} NBMA ${h.nbma ?? '?'}`).join(', ') || 'none';
    out.push(
      `${spoke.name}'s NHS ${nhs.protocol}${nhs.nbma ? ` (NBMA ${nhs.nbma})` : ''} is no hub of this lab (hubs: ${hubs}); check "ip nhrp nhs" on ${spoke.name}`,
    );
    return out;
  }
  if (nhs.nbma !== undefined && hub.nbma !== undefined && nhs.nbma !== hub.nbma) {
    out.push(
      `${spoke.name} sends to NHS ${nhs.protocol} at NBMA ${nhs.nbma}, but ${hub.name}'s NBMA address is ${hub.nbma}; check "ip nhrp nhs ${nhs.protocol} nbma" on ${spoke.name}`,
    );
  }
  const [a, b] = [spoke.tunnel?.authentication, hub.tunnel?.authentication];
  if (a !== b) {
    out.push(
      `NHRP authentication differs: ${spoke.name} has ${a === undefined ? 'none' : `"${a}"`}, ${hub.name} expects ${b === undefined ? 'none' : `"${b}"`} ("ip nhrp authentication")`,
    );
  }
  if (spoke.tunnel?.key !== hub.tunnel?.key) {
    out.push(
      `tunnel key differs: ${spoke.name} ${spoke.tunnel?.key ?? 'none'}, ${hub.name} ${hub.tunnel?.key ?? 'none'} ("tunnel key")`,
    );
  }
  if (spoke.tunnel?.shutdown) out.push(`${spoke.name}'s ${spoke.tunnel.name} is shut down`);
  if (hub.tunnel?.shutdown) out.push(`${hub.name}'s ${hub.tunnel.name} is shut down`);
  return out;
}

/** Problems that keep a pair of spokes from Phase 3: a hub without `ip nhrp redirect`, a spoke without `ip nhrp shortcut`. */
export function phase3Problems(view: LabView, spokes: RouterView[]): string[] {
  const out: string[] = [];
  const hubs = new Set(
    spokes
      .flatMap((s) => s.tunnel?.nhs.map((n) => hubByAddress(view, n.protocol)) ?? [])
      .filter((h) => h !== undefined),
  );
  for (const h of hubs)
    if (!h.tunnel?.redirect)
      out.push(
        `${h.name} has no "ip nhrp redirect" on ${h.tunnel?.name ?? 'its tunnel'}, so it sends no Traffic Indication`,
      );
  for (const s of spokes) if (!s.tunnel?.shortcut) out.push(`${s.name} has no "ip nhrp shortcut"`);
  return out;
}

/** Every spoke-hub problem of a spoke, over all its NHSs. */
export function spokeProblems(view: LabView, spoke: RouterView): string[] {
  return [...new Set((spoke.tunnel?.nhs ?? []).flatMap((n) => spokeHubProblems(view, spoke, n)))];
}

/** A reason with the configuration problems that explain it appended. */
export function withProblems(reason: string, problems: string[]): string {
  return problems.length === 0 ? reason : `${reason}: ${problems.join('; ')}`;
}

/** The pre-shared keys a router has: ISAKMP keys and IKEv2 keyring peers. */
export function preSharedKeys(r: RouterView): string[] {
  const c = r.config.crypto;
  const v1 = (c?.isakmpKeys ?? []).map((k) => k.key);
  const v2 = (c?.ikev2Keyrings ?? []).flatMap((k) => k.peers.flatMap((p) => (p.preSharedKey ? [p.preSharedKey] : [])));
  return [...new Set([...v1, ...v2])];
}

/**
 * Configuration mistakes that keep a spoke among `nodes` (a host stands for its router) off the
 * tunnel for as long as they stay, so that waiting cannot help: no tunnel source, NHRP off (no
 * network-id), its tunnel shut down, a tunnel key or NHRP password other than the hub's, tunnel
 * protection on one side only, or no pre-shared key in common. Only in a lab with one hub (with two,
 * a spoke may still work through the other); empty when none.
 */
export function blockingProblems(view: LabView, nodes: readonly string[]): string[] {
  const hub = view.hubs.length === 1 ? view.hubs[0]! : undefined;
  if (!hub?.tunnel) return [];
  const names = nodes.map((n) => view.hosts.find((h) => h.name === n)?.router ?? n);
  const spokes = view.spokes.filter((s) => names.includes(s.name));
  return spokes.flatMap((s): string[] => {
    const t = s.tunnel;
    if (!t) return [];
    const out: string[] = [];
    if (t.source === undefined) out.push(`${s.name}'s ${t.name} has no "tunnel source"`);
    if (t.networkId === undefined) out.push(`${s.name} has no "ip nhrp network-id"`);
    if (t.shutdown) out.push(`${s.name}'s ${t.name} is shut down`);
    if (t.key !== hub.tunnel!.key)
      out.push(`tunnel key differs: ${s.name} ${t.key ?? 'none'}, ${hub.name} ${hub.tunnel!.key ?? 'none'}`);
    // dmvpnd, as IOS, compares the first 8 characters of the password
    if (t.authentication?.slice(0, 8) !== hub.tunnel!.authentication?.slice(0, 8))
      out.push(`NHRP authentication differs between ${s.name} and ${hub.name}`);
    if ((t.protection === undefined) !== (hub.tunnel!.protection === undefined))
      out.push(`tunnel protection on ${t.protection === undefined ? hub.name : s.name} only`);
    else if (t.protection !== undefined) {
      const [ks, kh] = [preSharedKeys(s), preSharedKeys(hub)];
      if (ks.length > 0 && kh.length > 0 && !ks.some((k) => kh.includes(k)))
        out.push(`no pre-shared key in common between ${s.name} and ${hub.name}`);
    }
    return out;
  });
}

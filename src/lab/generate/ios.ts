/** IOS startup-configs of generated labs: hubs and spokes for Phase 1, 2 and 3 with static routes or a routing protocol. */
import { maskString } from '../../wire/ipv4-addr.js';
import { routingBlock, routingTunnelLines, type RoutingSpec } from './routing.js';

/** What a router config is made from. */
export interface RouterSpec {
  hostname: string;
  role: 'hub' | 'spoke';
  phase: 1 | 2 | 3;
  nbma: { address: string; prefix: number; gateway: string };
  lan?: { address: string; prefix: number };
  tunnel: { address: string; prefix: number };
  /** Spokes: the hubs (tunnel and NBMA address), in priority order. */
  nhs: Array<{ tunnel: string; nbma: string }>;
  /** Static routes over the tunnel: network, prefix, next hop, optional distance. */
  routes: Array<{ network: string; prefix: number; via: string; distance?: number }>;
  /** Protect the tunnel: IKEv2 with a shared key, ESP AES-GCM-256 in transport mode. */
  ipsec?: boolean;
  /** A routing protocol over the tunnel (then `routes` holds no LAN route). */
  routing?: RoutingSpec;
}

/** The crypto blocks of a protected router (`tunnel protection ipsec profile DMVPN-PROT`). */
const CRYPTO = [
  'crypto ikev2 proposal DMVPN-PROP',
  ' encryption aes-gcm-256',
  ' prf sha256',
  ' group 19',
  '!',
  'crypto ikev2 policy DMVPN-POL',
  ' proposal DMVPN-PROP',
  '!',
  'crypto ikev2 keyring DMVPN-KR',
  ' peer ANY',
  '  address 0.0.0.0 0.0.0.0',
  '  pre-shared-key DmvpnLab-ipsec',
  '!',
  'crypto ikev2 profile DMVPN-IKE',
  ' match identity remote address 0.0.0.0',
  ' authentication remote pre-share',
  ' authentication local pre-share',
  ' keyring local DMVPN-KR',
  ' dpd 10 3 periodic',
  '!',
  'crypto ipsec transform-set DMVPN-TS esp-gcm 256',
  ' mode transport',
  '!',
  'crypto ipsec profile DMVPN-PROT',
  ' set transform-set DMVPN-TS',
  ' set ikev2-profile DMVPN-IKE',
  '!',
];

/** NHRP holding time: hubs keep the usual lab value; spokes advertise a short one, so an idle shortcut expires within seconds. */
const HOLDTIME = { hub: 60, spoke: 10 } as const;

/**
 * Spokes' registration refresh (s). With a backup hub it is short: a dead hub is noticed 7 s (1 + 2 + 4,
 * the retransmissions) after the first unanswered refresh, so failover takes 7-9 s instead of 7-12 s.
 */
const REGISTRATION = { single: 5, backup: 2 } as const;

function tunnelLines(r: RouterSpec): string[] {
  const lines = [
    'interface Tunnel0',
    ` description DMVPN Phase ${r.phase} ${r.role}`,
    ` ip address ${r.tunnel.address} ${maskString(r.tunnel.prefix)}`,
    ' no ip redirects',
    ' ip mtu 1400',
    ' ip nhrp authentication DMVPN',
    ' ip nhrp network-id 1',
    ` ip nhrp holdtime ${HOLDTIME[r.role]}`,
  ];
  if (r.role === 'hub') {
    lines.push(' ip nhrp map multicast dynamic');
    if (r.phase === 3) lines.push(' ip nhrp redirect');
  } else {
    for (const n of r.nhs) {
      if (r.phase === 1)
        lines.push(
          ` ip nhrp map ${n.tunnel} ${n.nbma}`,
          ` ip nhrp map multicast ${n.nbma}`,
          ` ip nhrp nhs ${n.tunnel}`,
        );
      else lines.push(` ip nhrp nhs ${n.tunnel} nbma ${n.nbma} multicast`);
    }
    lines.push(` ip nhrp registration timeout ${r.nhs.length > 1 ? REGISTRATION.backup : REGISTRATION.single}`);
    if (r.phase === 3) lines.push(' ip nhrp shortcut');
  }
  lines.push(' tunnel source GigabitEthernet0/1');
  if (r.role === 'spoke' && r.phase === 1) lines.push(` tunnel destination ${r.nhs[0]!.nbma}`);
  else lines.push(' tunnel mode gre multipoint');
  lines.push(' tunnel key 100');
  if (r.ipsec) lines.push(' tunnel protection ipsec profile DMVPN-PROT');
  if (r.routing) lines.push(...routingTunnelLines(r.routing));
  lines.push('!');
  return lines;
}

/** The router's IOS configuration text. */
export function iosConfig(r: RouterSpec): string {
  const lines = [
    '!',
    `! ${r.hostname}: DMVPN Phase ${r.phase} ${r.role}`,
    '!',
    `hostname ${r.hostname}`,
    '!',
    ...(r.ipsec ? CRYPTO : []),
    'interface GigabitEthernet0/1',
    ' description NBMA (Internet)',
    ` ip address ${r.nbma.address} ${maskString(r.nbma.prefix)}`,
    ' no shutdown',
    '!',
  ];
  if (r.lan) {
    lines.push(
      'interface GigabitEthernet0/2',
      ' description LAN',
      ` ip address ${r.lan.address} ${maskString(r.lan.prefix)}`,
      ' no shutdown',
      '!',
    );
  }
  lines.push(...tunnelLines(r));
  lines.push(`ip route 0.0.0.0 0.0.0.0 ${r.nbma.gateway}`);
  for (const x of r.routes)
    lines.push(`ip route ${x.network} ${maskString(x.prefix)} ${x.via}${x.distance ? ` ${x.distance}` : ''}`);
  lines.push('!');
  if (r.routing) lines.push(...routingBlock(r.routing));
  lines.push('end', '');
  return lines.join('\n');
}

/**
 * Which IOS commands dmvpnd recognises without supporting them. A recognised command is reported as
 * "not supported, ignored" (with what it is about); a command in none of these tables is a typo or
 * belongs to another platform, and gets `% Invalid input detected`.
 */

/** What an ignored command is about, for the report. */
export type IgnoredTopic =
  | 'routing process'
  | 'QoS'
  | 'line settings'
  | 'banner'
  | 'management'
  | 'platform'
  | 'security'
  | 'IPv6, not yet'
  | 'layer 2'
  | 'IP services'
  | 'interface hardware'
  | 'NHRP option';

function table(groups: Array<[IgnoredTopic, string]>): Map<string, IgnoredTopic> {
  const m = new Map<string, IgnoredTopic>();
  for (const [topic, words] of groups) for (const w of words.split(/\s+/).filter(Boolean)) m.set(w, topic);
  return m;
}

/** Global-mode first words (after an optional `no`). `ip`, `crypto` and `interface` are handled apart. */
export const GLOBAL_WORDS = table([
  ['routing process', 'router route-map key track bfd bfd-template segment-routing mpls ipsla'],
  ['QoS', 'class-map policy-map table-map qos'],
  ['line settings', 'line'],
  ['banner', 'banner'],
  [
    'management',
    'version service boot-start-marker boot-end-marker boot logging username enable archive ntp clock snmp-server ' +
      'snmp alias privilege event kron netconf restconf gnmi-yang call-home license memory-size exception file ' +
      'diagnostic process monitor scheduler login password wsma performance sampler flow ip-sla',
  ],
  [
    'platform',
    'redundancy control-plane platform hw-module card multilink mmi ethernet subscriber virtual-profile ' +
      'template system sdm transceiver power card-type voice-card network-clock-participate',
  ],
  [
    'security',
    'aaa access-list object-group zone zone-pair parameter-map cts dot1x radius radius-server tacacs-server ' +
      'tacacs security',
  ],
  ['IPv6, not yet', 'ipv6'],
  [
    'layer 2',
    'cdp lldp vtp vlan spanning-tree errdisable udld port-channel bridge frame-relay l2vpn xconnect pseudowire-class l2tp-class',
  ],
  [
    'IP services',
    'vrf nhrp dialer-list chat-script voice dial-peer telephony-service stcapp sccp mgcp dot11 default ' + 'do',
  ],
]);

/** Global `ip …` second words. `ip route` is supported and handled apart. */
export const GLOBAL_IP_WORDS = table([
  [
    'routing process',
    'prefix-list as-path community-list extcommunity-list bgp-community explicit-path ospf mroute sla',
  ],
  [
    'IP services',
    'cef forward-protocol domain domain-name domain-lookup domain-list name-server host dhcp nat multicast-routing ' +
      'classless subnet-zero source-route finger bootp options icmp arp local pim igmp rsvp wccp dns ' +
      'routing default-gateway default-network identd gratuitous-arps multicast vrf tcp ftp tftp flow-export ' +
      'flow-cache flow-top-talkers accounting-threshold nbar',
  ],
  ['management', 'http ssh scp rcmd telnet radius tacacs sla'],
  ['security', 'access-list inspect ips admission auth-proxy audit urlfilter'],
]);

/** Global commands that open a sub-mode; an unindented line that is not a global command stays in it. */
const BLOCK_OPENERS = new Set([
  'router',
  'line',
  'class-map',
  'policy-map',
  'control-plane',
  'redundancy',
  'key',
  'route-map',
  'vrf',
  'track',
  'archive',
  'call-home',
  'voice',
  'dial-peer',
  'parameter-map',
  'zone',
  'zone-pair',
  'object-group',
  'event',
  'vlan',
  'flow',
  'template',
  'bfd-template',
  'pseudowire-class',
  'l2tp-class',
  'l2vpn',
  'segment-routing',
  'telephony-service',
  'table-map',
  'kron',
]);

/** True when `words` (lower case, `no` removed) open an IOS sub-mode. */
export function opensBlock(words: string[]): boolean {
  const [a, b, c] = words;
  if (a === 'ip') {
    return (
      b === 'vrf' ||
      b === 'sla' ||
      b === 'explicit-path' ||
      (b === 'dhcp' && c === 'pool') ||
      (b === 'access-list' && (c === 'standard' || c === 'extended'))
    );
  }
  if (a === 'ipv6') return b === 'router' || b === 'access-list' || (b === 'dhcp' && c === 'pool');
  if (a === 'aaa') return b === 'group';
  return BLOCK_OPENERS.has(a ?? '');
}

/** True when `words` are a global command (supported or recognised). */
export function isGlobalCommand(words: string[]): boolean {
  const w = words[0] === 'no' ? words.slice(1) : words;
  const [a, b] = w;
  if (a === undefined) return false;
  if (['hostname', 'interface', 'crypto', 'end', 'exit'].includes(a)) return true;
  if (a === 'ip') return b === 'route' || GLOBAL_IP_WORDS.has(b ?? '');
  return GLOBAL_WORDS.has(a);
}

/** Interface-mode first words (after an optional `no`). `ip`, `tunnel`, `nhrp` are handled apart. */
export const INTERFACE_WORDS = table([
  [
    'interface hardware',
    'duplex speed media-type negotiation bandwidth delay load-interval keepalive mtu carrier-delay mac-address ' +
      'hold-queue tx-ring-limit clock physical-layer transmit-interface dampening autostate power platform ' +
      'channel-group lacp encapsulation pvc atm serial backup',
  ],
  [
    'QoS',
    'service-policy qos priority-queue fair-queue random-detect max-reserved-bandwidth shape rate-limit ' +
      'traffic-shape custom-queue-list priority-group trust',
  ],
  [
    'layer 2',
    'cdp lldp switchport spanning-tree storm-control udld ethernet xconnect frame-relay ppp pppoe pppoe-client dialer',
  ],
  ['routing process', 'standby vrrp glbp bfd mpls ospfv3 isis'],
  ['management', 'snmp logging ntp arp flow'],
  ['security', 'crypto zone-member cts macsec authentication dot1x mab'],
  ['IPv6, not yet', 'ipv6'],
  ['IP services', 'vrf'],
]);

/**
 * First words that are both interface and global commands: typed unindented in interface mode they
 * stay there only with one of these second words (IOS tries the current mode first).
 */
const SHARED_WORDS: Record<string, string[]> = {
  crypto: ['map'],
  cdp: ['enable', 'tlv'],
  lldp: ['transmit', 'receive', 'tlv-select', 'med-tlv-select'],
  logging: ['event'],
  snmp: ['trap', 'ifindex'],
  ntp: ['disable', 'broadcast', 'multicast'],
  vrf: ['forwarding'],
  mpls: ['ip', 'mtu', 'label', 'bgp', 'traffic-eng'],
  qos: ['pre-classify'],
  clock: ['rate', 'source'],
  arp: ['timeout', 'arpa', 'snap', 'probe'],
  bfd: ['interval', 'echo', 'template'],
  power: ['inline', 'efficient-ethernet'],
  ethernet: ['oam', 'dot1ad', 'loopback', 'uni'],
  'frame-relay': ['interface-dlci', 'map', 'lmi-type', 'intf-type', 'class'],
  'spanning-tree': ['portfast', 'bpduguard', 'bpdufilter', 'guard', 'cost', 'port-priority', 'link-type'],
  dot1x: ['pae', 'port-control', 'timeout', 'max-req', 'max-reauth-req'],
  authentication: ['port-control', 'host-mode', 'order', 'priority', 'periodic', 'timer', 'event', 'open', 'violation'],
  cts: ['manual', 'role-based', 'dot1x'],
  udld: ['port'],
  platform: [],
  flow: [],
  ipv6: [
    'address',
    'enable',
    'nd',
    'ospf',
    'eigrp',
    'rip',
    'mtu',
    'nhrp',
    'traffic-filter',
    'unnumbered',
    'redirects',
    'unreachables',
    'pim',
    'mld',
    'dhcp',
    'policy',
    'verify',
    'tcp',
    'flow',
    'virtual-reassembly',
    'summary-address',
    'split-horizon',
    'hello-interval',
    'hold-time',
    'authentication',
    'bandwidth-percent',
    'next-hop-self',
  ],
};

/** True when `words` (lower case) are an interface-mode command, supported or recognised. */
export function isInterfaceCommand(words: string[]): boolean {
  const w = words[0] === 'no' ? words.slice(1) : words;
  const [a, b] = w;
  if (a === undefined) return false;
  if (['shutdown', 'description', 'tunnel', 'nhrp'].includes(a)) return true;
  if (a === 'ip') return ['address', 'mtu', 'tcp', 'nhrp'].includes(b ?? '') || INTERFACE_IP_WORDS.has(b ?? '');
  const shared = SHARED_WORDS[a];
  if (shared) return shared.includes(b ?? '');
  return INTERFACE_WORDS.has(a);
}

/** Interface `ip …` second words other than address, mtu, tcp adjust-mss and nhrp. */
export const INTERFACE_IP_WORDS = table([
  [
    'routing process',
    'ospf eigrp rip pim igmp split-horizon hello-interval hold-time bandwidth-percent summary-address next-hop-self ' +
      'authentication dvmrp irdp cgmp rsvp lisp router bgp',
  ],
  [
    'IP services',
    'redirects unreachables proxy-arp local-proxy-arp nat helper-address policy route-cache virtual-reassembly ' +
      'flow directed-broadcast mask-reply verify vrf tcp dhcp ddns mroute-cache multicast accounting information-reply ' +
      'unnumbered load-sharing cef wccp nbar sap sla probe',
  ],
  ['security', 'access-group inspect ips admission auth-proxy urlfilter security'],
]);

/** `tunnel …` options dmvpnd does not implement. */
export const TUNNEL_IGNORED_WORDS = new Set([
  'path-mtu-discovery',
  'vrf',
  'ttl',
  'tos',
  'bandwidth',
  'checksum',
  'sequence-datagrams',
  'route-via',
  'udlr',
  'rbscp',
  'mpls',
  'endpoint',
  'entropy',
]);

/** `ip nhrp …` options recognised but not implemented. */
export const NHRP_IGNORED_WORDS = new Set([
  'interest',
  'responder',
  'trigger-svc',
  'use',
  'cache',
  'server-only',
  'record',
  'route-watch',
  'connect',
  'path-preference',
  'event-publisher',
  'spoke-only',
  'attribute',
  'purge-request',
]);

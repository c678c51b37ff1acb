/**
 * Configuration mode as a person types it: the prompt of each sub-mode (`(config-if)`,
 * `(config-isakmp)` …), and the keywords of each mode with their help text, for `?`, Tab and
 * abbreviations (`int tu0`, `ip nh nhs`). The IOS parser (../config/) stays the one authority on
 * what a line means: these words only expand abbreviations before a line reaches it and list what
 * may be typed. Keywords go a few levels deep where DMVPN work happens (NHRP, tunnel, crypto).
 */

/** A keyword of configuration mode, with its help text and the keywords that may follow. */
export interface ConfigWord {
  word: string;
  help: string;
  children?: ConfigWord[];
}

const kw = (word: string, help: string, children?: ConfigWord[]): ConfigWord =>
  children ? { word, help, children } : { word, help };

/** A sub-mode: its prompt (`config-if`) and its keywords. */
export interface ConfigMode {
  prompt: string;
  words: ConfigWord[];
  /** Keyword lines that open a nested sub-mode inside this one (EIGRP named mode, ikev2 keyring peers). */
  nested?: Array<{ first: string; mode: string; leave: string }>;
}

const COMMON: ConfigWord[] = [
  kw('default', 'Set a command to its defaults'),
  kw('do', 'To run exec commands in config mode'),
  kw('end', 'Exit from configure mode'),
  kw('exit', 'Exit from the current mode'),
  kw('no', 'Negate a command or set its defaults'),
];

const NHRP_IF: ConfigWord[] = [
  kw('authentication', 'Authentication string'),
  kw('holdtime', 'Advertised holdtime'),
  kw('map', 'Map dest IP addresses to NBMA addresses', [
    kw('multicast', 'Use this NBMA mapping for broadcasts/multicasts'),
  ]),
  kw('network-id', 'NBMA network identifier'),
  kw('nhs', 'Specify a next hop server'),
  kw('redirect', 'Enable NHRP redirect'),
  kw('registration', 'Settings for registration requests', [
    kw('no-unique', 'Do not set the unique bit'),
    kw('timeout', 'Interval between registration requests'),
  ]),
  kw('shortcut', 'Enable shortcut switching'),
];

const INTERFACE: ConfigWord[] = [
  kw('bandwidth', 'Set bandwidth informational parameter'),
  kw('delay', 'Specify interface throughput delay'),
  kw('description', 'Interface specific description'),
  kw('ip', 'Interface Internet Protocol config commands', [
    kw('address', 'Set the IP address of an interface'),
    kw('mtu', 'Set IP Maximum Transmission Unit'),
    kw('nhrp', 'NBMA Next Hop Resolution Protocol', NHRP_IF),
    kw('tcp', 'TCP header compression and other config', [kw('adjust-mss', 'Adjust the mss of transit packets')]),
  ]),
  kw('shutdown', 'Shutdown the selected interface'),
  kw('tunnel', 'protocol-over-protocol tunneling', [
    kw('destination', 'destination of tunnel'),
    kw('key', 'security or selector key'),
    kw('mode', 'tunnel encapsulation method', [
      kw('gre', 'generic route encapsulation protocol', [
        kw('ip', 'over IP'),
        kw('ipv6', 'over IPv6'),
        kw('multipoint', 'over IPv4 (multipoint)', [kw('ipv6', 'over IPv6 (multipoint)')]),
      ]),
    ]),
    kw('protection', 'Enable tunnel protection', [kw('ipsec', 'Enable IPSec')]),
    kw('source', 'source of tunnel packets'),
  ]),
];

const GLOBAL: ConfigWord[] = [
  kw('crypto', 'Encryption module', [
    kw('ikev2', 'Configure IKEv2 Options', [
      kw('keyring', 'Define IKEv2 Keyring'),
      kw('policy', 'Define IKEV2 policies'),
      kw('profile', 'Define IKEv2 profiles'),
      kw('proposal', 'Define IKEV2 proposals'),
    ]),
    kw('ipsec', 'Configure IPSEC policy', [
      kw('profile', 'Configure an ipsec policy profile'),
      kw('transform-set', 'Define transform and settings'),
    ]),
    kw('isakmp', 'Configure ISAKMP policy', [
      kw('key', 'Set pre-shared key for remote peer'),
      kw('policy', 'Set policy for an ISAKMP protection suite'),
      kw('profile', 'Define ISAKMP Profiles'),
    ]),
    kw('key', 'Long term key operations', [kw('generate', 'Generate new keys', [kw('rsa', 'Generate RSA keys')])]),
    kw('keyring', 'Key ring commands'),
  ]),
  kw('enable', 'Modify enable password parameters', [
    kw('password', 'Assign the privileged level password'),
    kw('secret', 'Assign the privileged level secret'),
  ]),
  kw('hostname', "Set system's network name"),
  kw('interface', 'Select an interface to configure'),
  kw('ip', 'Global IP configuration subcommands', [
    kw('domain-name', 'Define the default domain name'),
    kw('route', 'Establish static routes'),
    kw('ssh', 'Configure ssh options', [kw('version', 'Specify protocol version supported')]),
  ]),
  kw('key', 'Key management', [kw('chain', 'Key-chain management')]),
  kw('line', 'Configure a terminal line', [kw('vty', 'Virtual terminal')]),
  kw('router', 'Enable a routing process', [
    kw('bgp', 'Border Gateway Protocol (BGP)'),
    kw('eigrp', 'Enhanced Interior Gateway Routing Protocol (EIGRP)'),
    kw('ospf', 'Open Shortest Path First (OSPF)'),
    kw('rip', 'Routing Information Protocol (RIP)'),
  ]),
  kw('username', 'Establish User Name Authentication'),
];

const ROUTER: ConfigWord[] = [
  kw('address-family', 'Enter Address Family command mode'),
  kw('eigrp', 'EIGRP specific commands', [kw('router-id', 'router-id for this EIGRP process')]),
  kw('neighbor', 'Specify a neighbor router'),
  kw('network', 'Enable routing on an IP network'),
  kw('passive-interface', 'Suppress routing updates on an interface'),
  kw('redistribute', 'Redistribute information from another routing protocol'),
  kw('router-id', 'router-id for this process'),
];

const LINE: ConfigWord[] = [
  kw('exec-timeout', 'Set the EXEC timeout'),
  kw('login', 'Enable password checking', [kw('local', 'Local password checking')]),
  kw('password', 'Set a password'),
  kw('privilege', 'Change privilege level for line'),
  kw('transport', 'Define transport protocols for line', [
    kw('input', 'Define which protocols to use when connecting to the terminal server', [
      kw('all', 'All protocols'),
      kw('none', 'No protocols'),
      kw('ssh', 'TCP/IP SSH protocol'),
      kw('telnet', 'TCP/IP Telnet protocol'),
    ]),
  ]),
];

const mode = (prompt: string, words: ConfigWord[], nested?: ConfigMode['nested']): ConfigMode =>
  nested ? { prompt, words: [...words, ...COMMON], nested } : { prompt, words: [...words, ...COMMON] };

/** Global configuration mode. */
export const GLOBAL_MODE = mode('config', GLOBAL);

/** A sub-mode not listed below: only the common words. */
const OTHER = (prompt: string): ConfigMode => mode(prompt, []);

/** The sub-mode a global line opens (by its first words), with IOS's prompt. */
export function modeOpenedBy(line: string): ConfigMode {
  const w = line.trim().toLowerCase().split(/\s+/);
  const [a, b, c] = w;
  if (a === 'interface') return mode('config-if', INTERFACE);
  if (a === 'router' && b === 'eigrp') {
    return mode('config-router', ROUTER, [
      { first: 'address-family', mode: 'config-router-af', leave: 'exit-address-family' },
      { first: 'af-interface', mode: 'config-router-af-interface', leave: 'exit-af-interface' },
      { first: 'topology', mode: 'config-router-af-topology', leave: 'exit-af-topology' },
    ]);
  }
  if (a === 'router') return mode('config-router', ROUTER);
  if (a === 'line') return mode('config-line', LINE);
  if (a === 'key' && b === 'chain')
    return mode('config-keychain', [], [{ first: 'key', mode: 'config-keychain-key', leave: 'exit' }]);
  if (a === 'crypto') {
    if (b === 'isakmp' && c === 'policy') return OTHER('config-isakmp');
    if (b === 'isakmp' && c === 'profile') return OTHER('conf-isa-prof');
    if (b === 'keyring') return OTHER('config-keyring');
    if (b === 'ipsec' && c === 'transform-set') return OTHER('cfg-crypto-trans');
    if (b === 'ipsec' && c === 'profile') return OTHER('ipsec-profile');
    if (b === 'ikev2' && c === 'keyring') {
      return mode('config-ikev2-keyring', [], [{ first: 'peer', mode: 'config-ikev2-keyring-peer', leave: 'exit' }]);
    }
    if (b === 'ikev2' && c !== undefined) return OTHER(`config-ikev2-${c}`);
    if (b === 'map') return OTHER('config-crypto-map');
  }
  if (a === 'ip' && b === 'access-list') return OTHER(c === 'standard' ? 'config-std-nacl' : 'config-ext-nacl');
  if (a === 'route-map') return OTHER('config-route-map');
  return OTHER(`config-${a ?? 'mode'}`);
}

/** A nested sub-mode (its keywords are the common ones). */
export function nestedMode(prompt: string): ConfigMode {
  return OTHER(prompt);
}

/**
 * Expands abbreviated keywords at the start of a line against `words` (`int tu0` → `interface tu0`,
 * `ip nh nhs` → `ip nhrp nhs`); a word that names no keyword, or several, ends the expansion and the
 * parser reports it. `no` and `default` are kept and the expansion goes on after them.
 */
export function expandKeywords(line: string, words: readonly ConfigWord[]): string {
  const parts = line.split(/(\s+)/);
  let nodes: readonly ConfigWord[] | undefined = words;
  for (let i = 0; i < parts.length && nodes && nodes.length > 0; i += 2) {
    const t = parts[i]!.toLowerCase();
    if (t === '') continue;
    const exact: ConfigWord | undefined = nodes.find((n) => n.word === t);
    const hits: ConfigWord[] = nodes.filter((n) => n.word.startsWith(t));
    const hit: ConfigWord | undefined = exact ?? (hits.length === 1 ? hits[0] : undefined);
    if (!hit) break;
    parts[i] = hit.word;
    nodes = hit.word === 'no' || hit.word === 'default' ? words.filter((n) => !COMMON.includes(n)) : hit.children;
  }
  return parts.join('');
}

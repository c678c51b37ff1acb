/**
 * strongSwan's charon as the interop peer, set up as /work/shared/docs/frr-strongswan-notes.md ("strongSwan
 * 5.9.8") says: its own mount namespace with a private /run, STRONGSWAN_CONF and the vici socket in the test
 * folder, openssl loaded first, kernel-libipsec with allow_peer_ts, and an ip rule so that UDP replies do not take
 * charon's table 220. `swanctl --list-sas --raw` is parsed into nested objects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sh } from './procs.js';

export const CHARON = '/usr/lib/ipsec/charon';

/** Why the interop test cannot run here, or undefined. */
export function strongswanMissing(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces)';
  if (!existsSync(CHARON))
    return 'strongSwan is not installed (apt-get install strongswan-charon strongswan-swanctl ...)';
  if (!['/usr/sbin/swanctl', '/usr/bin/swanctl'].some(existsSync)) return 'swanctl is not installed';
  return undefined;
}

export interface CharonChild {
  esp: string;
  rekeyTime?: string;
}

export interface CharonConn {
  local: string;
  remote: string;
  psk: string;
  proposals: string;
  esp: string;
  dpdDelay?: string;
  /** IKE version (default 2). */
  version?: 1 | 2;
  /** IKEv1: the child's rekey time (default 0: no rekey). */
  childRekey?: string;
  /** The protocol of the traffic selectors (default gre). */
  ts?: string;
}

const LOAD =
  'random nonce openssl pem pkcs1 x509 curve25519 gmp kdf aes sha1 sha2 hmac gcm kernel-libipsec ' +
  'kernel-netlink socket-default vici';

export class Charon {
  readonly vici: string;
  private proc?: ChildProcess;

  constructor(
    readonly ns: string,
    readonly dir: string,
  ) {
    this.vici = `unix://${join(dir, 'charon.vici')}`;
    mkdirSync(join(dir, 'run'), { recursive: true });
    writeFileSync(
      join(dir, 'strongswan.conf'),
      `charon {
  load_modular = no
  load = ${LOAD}
  install_virtual_ip = no
  retransmit_timeout = 2.0
  retransmit_tries = 3
  filelog {
    ikx {
      path = ${join(dir, 'charon.log')}
      time_format = %T
      default = 1
      ike = 2
      chd = 2
      flush_line = yes
    }
  }
  plugins {
    vici {
      socket = ${this.vici}
    }
    kernel-libipsec {
      allow_peer_ts = yes
    }
  }
}
`,
    );
  }

  get log(): string {
    try {
      return readFileSync(join(this.dir, 'charon.log'), 'utf8');
    } catch {
      return '';
    }
  }

  /** Starts charon in its namespace and waits for its vici socket. */
  async start(): Promise<void> {
    sh('ip', ['netns', 'exec', this.ns, 'ip', 'rule', 'add', 'ipproto', 'udp', 'lookup', 'main', 'pref', '50']);
    const conf = join(this.dir, 'strongswan.conf');
    const script = `mount --bind ${join(this.dir, 'run')} /run && STRONGSWAN_CONF=${conf} exec ${CHARON}`;
    this.proc = spawn(
      'ip',
      ['netns', 'exec', this.ns, 'unshare', '-m', '--propagation', 'private', 'sh', '-c', script],
      {
        stdio: 'ignore',
      },
    );
    const sock = join(this.dir, 'charon.vici');
    for (let i = 0; i < 100 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 100));
    if (!existsSync(sock)) throw new Error(`charon did not start: ${this.log.slice(-2000)}`);
  }

  /** Loads one connection `ikx` with child `gre` (tunnel mode, GRE between the two addresses). */
  load(c: CharonConn): void {
    const file = join(this.dir, 'swanctl.conf');
    writeFileSync(
      file,
      `connections {
  ikx {
    version = ${c.version ?? 2}
    local_addrs = ${c.local}
    remote_addrs = ${c.remote}
    proposals = ${c.proposals}
    rekey_time = 0
    ${c.dpdDelay ? `dpd_delay = ${c.dpdDelay}` : ''}
    local {
      auth = psk
      id = ${c.local}
    }
    remote {
      auth = psk
      id = ${c.remote}
    }
    children {
      gre {
        local_ts = ${c.local}/32[${c.ts ?? 'gre'}]
        remote_ts = ${c.remote}/32[${c.ts ?? 'gre'}]
        mode = tunnel
        esp_proposals = ${c.esp}
        rekey_time = ${c.childRekey ?? 0}
        start_action = none
      }
    }
  }
}
secrets {
  ike-ikx {
    id-a = ${c.local}
    id-b = ${c.remote}
    secret = ${c.psk}
  }
}
`,
    );
    this.swanctl(['--load-all', '--clear', '--file', file, '--noprompt']);
  }

  /** Runs `swanctl COMMAND --uri VICI ARGS...` (the URI is an option of each command). */
  swanctl([command, ...args]: string[]): string {
    return sh('swanctl', [command, '--uri', this.vici, ...args]);
  }

  /** `swanctl --list-sas --raw`, parsed: { ikx: { state, encr-alg, ..., 'child-sas': { ... } } }. */
  listSas(): Record<string, Vici> {
    const out: Record<string, Vici> = {};
    for (const line of this.swanctl(['--list-sas', '--raw']).split('\n')) {
      const m = /^list-sa event \{(.*)\}\s*$/.exec(line.trim());
      if (m) Object.assign(out, parseVici(m[1]));
    }
    return out;
  }

  stop(): void {
    if (this.proc?.pid && this.proc.exitCode === null) {
      try {
        process.kill(this.proc.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}

export type Vici = { [k: string]: string | string[] | Vici };

/** Parses vici's raw text form: `key=value`, `key=[a b]`, `name {...}`. */
export function parseVici(s: string): Vici {
  let at = 0;
  const skip = () => {
    while (s[at] === ' ') at++;
  };
  const word = () => {
    const start = at;
    while (at < s.length && !' ={}[]'.includes(s[at])) at++;
    return s.slice(start, at);
  };
  /** A list item: up to a space or the list's closing bracket, keeping nested brackets ("a/32[gre]"). */
  const item = () => {
    const start = at;
    for (let depth = 0; at < s.length && s[at] !== ' ' && !(s[at] === ']' && depth === 0); at++) {
      if (s[at] === '[') depth++;
      if (s[at] === ']') depth--;
    }
    return s.slice(start, at);
  };
  const section = (): Vici => {
    const out: Vici = {};
    for (;;) {
      skip();
      if (at >= s.length || s[at] === '}') {
        at++;
        return out;
      }
      const key = word();
      skip();
      if (s[at] === '{') {
        at++;
        out[key] = section();
      } else if (s[at] === '=') {
        at++;
        if (s[at] === '[') {
          at++;
          const list: string[] = [];
          for (skip(); s[at] !== ']' && at < s.length; skip()) list.push(item());
          at++;
          out[key] = list;
        } else out[key] = word();
      } else at++;
    }
  };
  return section();
}

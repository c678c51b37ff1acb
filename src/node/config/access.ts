/**
 * Access lines of the configuration: `username`, `enable secret|password`, `line vty` (login,
 * password, transport input, exec-timeout, privilege level), `ip ssh version`, `ip domain-name`
 * and `crypto key generate rsa` (accepted: the router's SSH host key exists from its first start).
 * Other lines (`line con 0`, `ip ssh time-out` …) stay recognised and ignored.
 */
import { defaultAccess, type AccessConfig, type StoredSecret } from './access-model.js';
import { ignoreBlock } from './ignore.js';
import { isGlobalCommand } from './ios-tables.js';
import type { Cmd } from './line.js';
import type { Session } from './session.js';

/** The access settings of `s.config`, created on first use. */
function access(s: Session): AccessConfig {
  s.config.access ??= defaultAccess();
  return s.config.access;
}

/** Whether a global line (lower-case words, `no` removed) is one of this file's. */
export function isAccessCommand(w: readonly string[]): boolean {
  const [a, b, c] = w;
  if (a === 'username' || a === 'enable') return true;
  if (a === 'line') return b === 'vty';
  if (a === 'ip') return (b === 'ssh' && c === 'version') || b === 'domain-name' || (b === 'domain' && c === 'name');
  return a === 'crypto' && b === 'key';
}

/** Applies one access line (the caller checked isAccessCommand). */
export function accessCommand(cmd: Cmd, s: Session, neg: boolean): void {
  const first = cmd.word('access', 'a command');
  const a = access(s);
  if (first.toLowerCase() === 'username') return username(cmd, a, neg);
  if (first.toLowerCase() === 'enable') return enable(cmd, a, neg);
  if (first.toLowerCase() === 'line') return lineVty(cmd, s);
  if (first.toLowerCase() === 'crypto') {
    // crypto key generate rsa [modulus N] …: the SSH host key is generated at the first start
    cmd.pos = cmd.line.tokens.length;
    return;
  }
  const second = cmd.word('ip', 'ssh or domain-name').toLowerCase();
  if (second === 'ssh') {
    cmd.pos++;
    if (neg) {
      delete a.sshVersion;
      return;
    }
    a.sshVersion = cmd.uint('ip ssh version', 'a version', 1, 2) as 1 | 2;
    return cmd.end('ip ssh version');
  }
  if (second === 'domain') cmd.pos++;
  if (neg) {
    delete a.domainName;
    cmd.pos = cmd.line.tokens.length;
    return;
  }
  a.domainName = cmd.word('ip domain-name', 'a domain name');
  cmd.end('ip domain-name');
}

/** `[TYPE] VALUE` after `secret` or `password`. */
function readSecret(cmd: Cmd, kind: StoredSecret['kind'], command: string): StoredSecret {
  const t = cmd.peek();
  if (t !== undefined && /^[0-9]$/.test(t) && cmd.left > 1) {
    cmd.pos++;
    const type = Number(t);
    if (![0, 5, 7, 8, 9].includes(type)) cmd.invalid(command, 'an encryption type 0, 5, 7, 8 or 9', cmd.pos - 1);
    return { kind, type: type as StoredSecret['type'], value: cmd.word(command, 'the secret') };
  }
  return { kind, type: 0, value: cmd.rest(command, 'the secret') };
}

function username(cmd: Cmd, a: AccessConfig, neg: boolean): void {
  const name = cmd.word('username', 'a user name');
  a.users = a.users.filter((u) => u.name !== name);
  if (neg) {
    cmd.pos = cmd.line.tokens.length;
    return;
  }
  let privilege = 1;
  for (;;) {
    const w = cmd.peek();
    if (w === 'privilege') {
      cmd.pos++;
      privilege = cmd.uint('username privilege', 'a privilege level', 0, 15);
    } else if (w === 'algorithm-type') {
      cmd.pos++;
      cmd.keyword('username algorithm-type', ['md5', 'sha256', 'scrypt']);
    } else if (w === 'secret' || w === 'password') {
      cmd.pos++;
      a.users.push({ name, privilege, secret: readSecret(cmd, w, `username ${w}`) });
      return;
    } else if (w === 'nopassword') {
      cmd.pos++;
      a.users.push({ name, privilege, secret: { kind: 'password', type: 0, value: '' } });
      return;
    } else if (w === undefined) {
      cmd.incomplete('username', "'privilege', 'secret' or 'password'");
    } else {
      cmd.invalid('username', "'privilege', 'secret' or 'password'");
    }
  }
}

function enable(cmd: Cmd, a: AccessConfig, neg: boolean): void {
  if (cmd.accept('algorithm-type')) cmd.keyword('enable algorithm-type', ['md5', 'sha256', 'scrypt']);
  const kind = cmd.keyword('enable', ['secret', 'password']);
  if (neg) {
    if (a.enable?.kind === kind) delete a.enable;
    cmd.pos = cmd.line.tokens.length;
    return;
  }
  if (cmd.accept('level')) cmd.uint('enable level', 'a privilege level', 1, 15);
  const s = readSecret(cmd, kind, `enable ${kind}`);
  // as IOS: a secret wins over a password
  if (kind === 'secret' || a.enable?.kind !== 'secret') a.enable = s;
}

const VTY_WORDS = new Set(['login', 'password', 'transport', 'exec-timeout', 'privilege']);

function lineVty(cmd: Cmd, s: Session): void {
  const kind = cmd.word('line', "'vty'").toLowerCase();
  if (kind !== 'vty') return ignoreBlock(cmd, s, 'line settings');
  cmd.uint('line vty', 'a first line number', 0, 1869);
  if (cmd.left > 0) cmd.uint('line vty', 'a last line number', 0, 1869);
  cmd.end('line vty');
  const vty = access(s).vty;
  s.open({
    indent: cmd.line.indent,
    accepts: (w) => VTY_WORDS.has(w[0] === 'no' ? (w[1] ?? '') : (w[0] ?? '')) && !isGlobalCommand(w),
    line: (c, session) => {
      const neg = c.accept('no');
      const w = c.word('line', 'a line command').toLowerCase();
      if (w === 'login') {
        if (neg) delete vty.login;
        else vty.login = c.accept('local') ? 'local' : 'line';
        c.pos = c.line.tokens.length;
      } else if (w === 'password') {
        if (neg) delete vty.password;
        else vty.password = readSecret(c, 'password', 'password');
      } else if (w === 'transport') {
        c.keyword('transport', ['input', 'output', 'preferred']);
        if (c.line.tokens[c.pos - 1]!.text.toLowerCase() !== 'input') {
          c.pos = c.line.tokens.length;
          return;
        }
        const got = new Set<'ssh' | 'telnet'>();
        while (c.left > 0) {
          const p = c.keyword('transport input', ['ssh', 'telnet', 'all', 'none']);
          if (p === 'all') got.add('ssh').add('telnet');
          else if (p !== 'none') got.add(p);
        }
        vty.transportInput = neg ? ['ssh'] : [...got];
      } else if (w === 'exec-timeout') {
        if (neg) {
          vty.execTimeoutSec = 600;
          c.pos = c.line.tokens.length;
          return;
        }
        const min = c.uint('exec-timeout', 'minutes', 0, 35791);
        const sec = c.left > 0 ? c.uint('exec-timeout', 'seconds', 0, 2147483) : 0;
        vty.execTimeoutSec = min * 60 + sec;
      } else if (w === 'privilege') {
        c.keyword('privilege', ['level']);
        if (neg) delete vty.privilege;
        else vty.privilege = c.uint('privilege level', 'a privilege level', 0, 15);
      } else {
        session.ignore(c.line, 'not supported, ignored (line settings)');
        c.pos = c.line.tokens.length;
      }
    },
  });
}

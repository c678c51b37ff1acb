/** The access lines of `show running-config`: users, enable secret, SSH settings, and `line vty 0 4`. */
import type { AccessConfig, StoredSecret } from './access-model.js';
import { type9 } from './secrets.js';

/** `secret 9 …` for a clear-text secret (as IOS stores it), a password as configured. */
function secretText(s: StoredSecret): string {
  if (s.kind === 'secret' && s.type === 0) return `secret 9 ${type9(s.value)}`;
  return s.type === 0 ? `${s.kind} ${s.value}` : `${s.kind} ${s.type} ${s.value}`;
}

/** The global access lines (after hostname), with a `!` after them when there are any. */
export function renderAccess(a: AccessConfig | undefined): string[] {
  if (!a) return [];
  const out: string[] = [];
  if (a.enable) out.push(`enable ${secretText(a.enable)}`);
  for (const u of a.users) {
    out.push(`username ${u.name}${u.privilege !== 1 ? ` privilege ${u.privilege}` : ''} ${secretText(u.secret)}`);
  }
  if (a.domainName !== undefined) out.push(`ip domain name ${a.domainName}`);
  if (a.sshVersion !== undefined) out.push(`ip ssh version ${a.sshVersion}`);
  return out.length > 0 ? [...out, '!'] : [];
}

/** `line vty 0 4` and its settings (nothing when the config has no access lines). */
export function renderVty(a: AccessConfig | undefined): string[] {
  if (!a) return [];
  const v = a.vty;
  const out = ['line vty 0 4'];
  if (v.execTimeoutSec !== 600) out.push(` exec-timeout ${Math.floor(v.execTimeoutSec / 60)} ${v.execTimeoutSec % 60}`);
  if (v.privilege !== undefined) out.push(` privilege level ${v.privilege}`);
  if (v.password) out.push(` ${secretText(v.password)}`);
  if (v.login) out.push(v.login === 'local' ? ' login local' : ' login');
  const t = v.transportInput;
  out.push(` transport input ${t.length === 0 ? 'none' : t.length === 2 ? 'all' : t[0]}`);
  return [...out, '!'];
}

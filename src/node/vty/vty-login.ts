/**
 * Who may log in on the vty lines, from the running config: `transport input` (ssh or not),
 * `login local` against the `username` lines (their privilege), `login` against the line password,
 * and the lab default user when the config gives no way in (LAB_DEFAULT_USER, as containerlab's
 * `admin`). Failed logins per source are watched: after LOGIN_BLOCK.failures within
 * LOGIN_BLOCK.withinSec, the source is refused for LOGIN_BLOCK.blockSec (IOS `login block-for`).
 */
import type { AccessConfig } from '../config/access-model.js';
import { defaultAccess } from '../config/access-model.js';
import { checkSecret } from '../config/secrets.js';

/** The user a lab router accepts when its config sets no user and no line password. */
export const LAB_DEFAULT_USER = { name: 'admin', password: 'admin', privilege: 15 } as const;

/** Failed logins that put a source on hold, the window they count in, how long the hold lasts. */
export const LOGIN_BLOCK = { failures: 5, withinSec: 60, blockSec: 30 } as const;

/** The access settings as the SSH server reads them. */
export interface VtyAccess {
  /** SSH is allowed on the vty lines (`transport input ssh|all`, `ip ssh version` not 1). */
  transport: boolean;
  execTimeoutSec: number;
  config: AccessConfig;
}

/** VtyAccess from a config's access settings. */
export function vtyAccess(a: AccessConfig | undefined): VtyAccess {
  const config = a ?? defaultAccess();
  const transport = config.vty.transportInput.includes('ssh') && config.sshVersion !== 1;
  return { transport, execTimeoutSec: config.vty.execTimeoutSec, config };
}

/** Checks a login; the session's privilege when it is accepted, else undefined. */
export function vtyLogin(access: VtyAccess, user: string, password: string): { privilege: number } | undefined {
  const a = access.config;
  const vty = a.vty;
  const lineLevel = vty.privilege ?? 1;
  if (vty.login === 'local' || (vty.login === undefined && a.users.length > 0)) {
    const u = a.users.find((x) => x.name === user);
    if (u && checkSecret(u.secret, password) === true) return { privilege: Math.max(u.privilege, vty.privilege ?? 0) };
    return undefined;
  }
  if (vty.login === 'line' && vty.password) {
    return checkSecret(vty.password, password) === true ? { privilege: lineLevel } : undefined;
  }
  const d = LAB_DEFAULT_USER;
  return user === d.name && password === d.password ? { privilege: d.privilege } : undefined;
}

/** Failed logins per source, and the hold after too many. */
export class LoginGuard {
  private readonly fails = new Map<string, number[]>();
  private readonly holds = new Map<string, number>();
  total = 0;

  /** True while `source` is held off. */
  held(source: string, now: number): boolean {
    const until = this.holds.get(source);
    if (until === undefined) return false;
    if (now < until) return true;
    this.holds.delete(source);
    return false;
  }

  /** Records a failure; returns the hold in seconds when this one starts it. */
  failure(source: string, now: number): number | undefined {
    this.total++;
    const recent = (this.fails.get(source) ?? []).filter((t) => now - t < LOGIN_BLOCK.withinSec * 1000);
    recent.push(now);
    this.fails.set(source, recent);
    if (recent.length >= LOGIN_BLOCK.failures && !this.held(source, now)) {
      this.holds.set(source, now + LOGIN_BLOCK.blockSec * 1000);
      this.fails.delete(source);
      return LOGIN_BLOCK.blockSec;
    }
    if (this.fails.size > 10_000) this.fails.clear();
    return undefined;
  }

  success(source: string): void {
    this.fails.delete(source);
  }
}

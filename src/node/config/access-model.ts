/** Who may log in to the router and how: local users, the enable secret, the vty lines, SSH settings. */

/** A password or secret as configured: its IOS type (0 clear text, 7 reversible, 8 PBKDF2, 9 scrypt, 5 MD5). */
export interface StoredSecret {
  kind: 'secret' | 'password';
  type: 0 | 5 | 7 | 8 | 9;
  value: string;
}

/** `username NAME [privilege N] secret|password [TYPE] VALUE`. */
export interface LocalUser {
  name: string;
  privilege: number;
  secret: StoredSecret;
}

/** `line vty 0 4` settings. */
export interface VtyConfig {
  /** `login local` (users), `login` (the line password), absent: no login on the line. */
  login?: 'local' | 'line';
  password?: StoredSecret;
  /** `transport input …` (IOS default on recent releases: ssh). */
  transportInput: Array<'ssh' | 'telnet'>;
  /** `exec-timeout MIN [SEC]` in seconds; 0 never; IOS default 600. */
  execTimeoutSec: number;
  /** `privilege level N`. */
  privilege?: number;
}

/** Access settings of a router. */
export interface AccessConfig {
  users: LocalUser[];
  enable?: StoredSecret;
  vty: VtyConfig;
  sshVersion?: 1 | 2;
  domainName?: string;
}

/** The settings a router has before any access line (IOS defaults). */
export function defaultAccess(): AccessConfig {
  return { users: [], vty: { transportInput: ['ssh'], execTimeoutSec: 600 } };
}

/**
 * NBMA addresses against the tunnel's transport. `ip nhrp nhs X nbma Y`, `ip nhrp map X Y` and `ip nhrp map
 * multicast Y` (and their `ipv6 nhrp` forms) take an IPv4 or an IPv6 NBMA address, and so does `tunnel
 * destination`; whether it fits is known only once `tunnel mode` has been read (IOS writes it after the NHRP
 * lines and the destination), so the check runs after the lines: an address of the other family is refused
 * at its line (NHRP_NBMA_FAMILY, TUNNEL_DESTINATION_FAMILY) and taken out of the config.
 */
import { canonicalIpv6 } from '../../wire/ipv6-addr.js';
import { ConfigError } from './errors.js';
import type { Cmd } from './line.js';
import { modeText, type InterfaceConfig, type NhrpConfig, type RouterConfig } from './model.js';
import type { Session } from './session.js';

/** Where one NBMA address was written: the interface, the line, the token's column, the address. */
export interface NbmaLine {
  interface: string;
  /** 'ip nhrp', 'ipv6 nhrp' or 'tunnel destination'. */
  command: string;
  line: number;
  column: number;
  text: string;
  nbma: string;
}

/** Reads an NBMA address, IPv4 (A.B.C.D) or IPv6 (canonical text), and records where it stands (with `s`). */
export function readNbma(
  cmd: Cmd,
  s: Session | undefined,
  iface: InterfaceConfig,
  command: string,
  what: string,
): string {
  const t = cmd.line.tokens[cmd.pos];
  if (t === undefined || !t.text.includes(':')) {
    const a = cmd.ipv4(command, `${what} (A.B.C.D or X:X:X:X::X)`);
    s?.nbmaLines.push({
      interface: iface.name,
      command,
      line: cmd.line.no,
      column: t.col,
      text: cmd.line.raw,
      nbma: a,
    });
    return a;
  }
  cmd.pos++;
  const a = canonicalIpv6(t.text);
  if (a === undefined) cmd.invalid(command, `${what} (A.B.C.D or X:X:X:X::X)`, cmd.pos - 1);
  s?.nbmaLines.push({ interface: iface.name, command, line: cmd.line.no, column: t.col, text: cmd.line.raw, nbma: a });
  return a;
}

/** The refusals of NBMA addresses that do not fit their tunnel's transport; `config` loses them. */
export function checkNbmaFamilies(config: RouterConfig, file: string, nbmaLines: readonly NbmaLine[]): ConfigError[] {
  const out: ConfigError[] = [];
  for (const [i, l] of nbmaLines.entries()) {
    const iface = config.interfaces[l.interface];
    const t = iface?.tunnel;
    if (!t) continue;
    const v6 = l.nbma.includes(':');
    if (v6 === (t.transport === 6)) continue;
    const mode = t.transport === 6 ? `tunnel mode ${modeText(t)}` : `an IPv4 tunnel mode`;
    if (l.command === 'tunnel destination') {
      // only the last destination written counts (a later line replaced the earlier ones)
      const later = nbmaLines.slice(i + 1).some((x) => x.interface === l.interface && x.command === l.command);
      if (later || t.destination !== l.nbma) continue;
      delete t.destination;
      out.push(
        destinationError(file, l, v6, `an ${t.transport === 6 ? 'IPv6' : 'IPv4'} address (${iface.name} has ${mode})`),
      );
      continue;
    }
    const n = l.command === 'ipv6 nhrp' ? iface.nhrp6 : iface.nhrp;
    if (n) dropNbma(n, l.nbma);
    out.push(
      new ConfigError({
        code: 'CONFIG_NHRP_NBMA_FAMILY',
        file,
        line: l.line,
        column: l.column,
        text: l.text,
        ios: `% NBMA address ${l.nbma} is ${v6 ? 'IPv6' : 'IPv4'}, the tunnel's transport is not`,
        fault: {
          command: l.command,
          expected: `an ${t.transport === 6 ? 'IPv6' : 'IPv4'} NBMA address (${iface.name} has ${mode})`,
          found: `'${l.nbma}'`,
        },
      }),
    );
  }
  return out;
}

/** The refusal of a `tunnel destination` of the other family than the tunnel's transport. */
function destinationError(file: string, l: NbmaLine, v6: boolean, expected: string): ConfigError {
  return new ConfigError({
    code: 'CONFIG_TUNNEL_DESTINATION_FAMILY',
    file,
    line: l.line,
    column: l.column,
    text: l.text,
    ios: `% Tunnel destination ${l.nbma} is ${v6 ? 'IPv6' : 'IPv4'}, the tunnel's transport is not`,
    fault: { command: l.command, expected, found: `'${l.nbma}'` },
  });
}

/** Takes `nbma` out of an interface's NHRP settings (maps, NHS `nbma`, multicast maps). */
function dropNbma(n: NhrpConfig, nbma: string): void {
  n.maps = n.maps.filter((m) => m.nbma !== nbma);
  n.multicastNbma = n.multicastNbma.filter((m) => m !== nbma);
  for (const s of n.nhs) if (s.nbma === nbma) delete s.nbma;
}

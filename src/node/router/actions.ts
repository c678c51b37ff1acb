/**
 * Carries out an engine's actions other than `send` (which the tunnel sends itself): shortcut routes
 * and NHS states into the route table (the kernel follows the table), state changes to the log in
 * IOS syslog form, events to `debug nhrp`.
 */
import type { Action } from '../../nhrp/actions.js';
import type { RouterLog } from './log.js';
import type { Rib } from './rib.js';
import type { Rib6 } from './rib6.js';

/** What carrying out actions touches. */
export interface ActionTargets {
  rib: Rib;
  /** The IPv6 table (shortcuts of the IPv6 engines); absent: IPv6 shortcuts are not installed. */
  rib6?: Rib6;
  log: RouterLog;
  clock: () => number;
}

/** The tunnel the actions came from. */
export interface ActionSource {
  name: string;
  linuxName: string;
  /** This router's tunnel and NBMA addresses (for the log lines). */
  self?: { protocol: string; nbma: string };
}

/** Carries out `actions` of the engine on tunnel `src`, in order. */
export function carryOut(t: ActionTargets, src: ActionSource, actions: readonly Action[]): void {
  const me = src.self ? `(Tunnel: ${src.self.protocol} NBMA: ${src.self.nbma})` : '';
  const flaps = bounced(actions);
  for (const a of actions) {
    switch (a.kind) {
      case 'routeAdd': {
        const route = `${a.prefix}/${a.prefixLength} via ${a.nextHop} (NBMA ${a.nbma})`;
        if (a.prefix.includes(':')) {
          if (!t.rib6 || t.rib6.isConnected(a.prefix, a.prefixLength)) break;
          t.rib6.addShortcut(a.prefix, a.prefixLength, a.nextHop, src.name, src.linuxName, t.clock());
          t.log.info(`%NHRP-5-SHORTCUT: ${src.name}: shortcut route ${route} installed`);
          break;
        }
        if (t.rib.isConnected(a.prefix, a.prefixLength)) {
          t.log.info(`%NHRP-4-SHORTCUT: ${src.name}: shortcut ${route} not installed: the network is connected here`);
          break;
        }
        t.rib.addShortcut(a.prefix, a.prefixLength, a.nextHop, a.nbma, src.name, src.linuxName, t.clock());
        t.log.info(`%NHRP-5-SHORTCUT: ${src.name}: shortcut route ${route} installed`);
        break;
      }
      case 'routeRemove':
        if (
          a.prefix.includes(':')
            ? !t.rib6?.removeShortcut(a.prefix, a.prefixLength)
            : !t.rib.removeShortcut(a.prefix, a.prefixLength)
        )
          break;
        t.log.info(
          `%NHRP-5-SHORTCUT: ${src.name}: shortcut route ${a.prefix}/${a.prefixLength} via ${a.nextHop} removed`,
        );
        break;
      case 'peerUp':
      case 'peerDown':
        if (flaps.has(a.nbma)) break;
        t.log.info(
          `%DMVPN-5-NHRP_NHP_${a.kind === 'peerUp' ? 'UP' : 'DOWN'}: ${src.name}: Next Hop Peer : (Tunnel: ${a.protocol} NBMA: ${a.nbma}) for ${me} is ${a.kind === 'peerUp' ? 'UP' : 'DOWN'}`,
        );
        break;
      case 'nhsState':
        if (a.state === 'probe') t.log.debug(`NHRP: ${src.name}: NHS ${a.nhs} (NBMA ${a.nbma}) probing`);
        else
          t.log.info(
            `%DMVPN-5-NHRP_NHS_${a.state.toUpperCase()}: ${src.name}: Next Hop Server : (Tunnel: ${a.nhs} NBMA: ${a.nbma}) for ${me} is ${a.state.toUpperCase()}`,
          );
        trackNhs(t, src, a.nhs, a.state);
        break;
      case 'registrationRefused':
        t.log.info(
          `%NHRP-3-PAKREPLY: Receive Registration Reply packet with error - ${cieCodeText(a.code)}(${a.code}) (${src.name}: NHS ${a.nhs} NBMA ${a.nbma})`,
        );
        break;
      case 'uniqueConflict':
        t.log.info(
          `%NHRP-4-REGREFUSED: ${src.name}: Registration of ${a.protocol} from NBMA ${a.refused} refused - unique address registered already(14) by NBMA ${a.holder}`,
        );
        break;
      case 'cacheAdd':
      case 'cacheRemove':
        if (t.log.debugging) {
          const e = a.entry;
          t.log.debug(
            `NHRP: ${src.name}: cache ${a.kind === 'cacheAdd' ? 'add' : 'remove'} ${e.protocol}/${e.prefixLength} via ${e.via} NBMA ${e.nbma || '-'} ${e.type}${e.flags.length ? ` [${e.flags.join(' ')}]` : ''}`,
          );
        }
        break;
      case 'event':
        t.log.debug(a.text);
        break;
      case 'send':
        break;
    }
  }
}

/** Static routes through an NHS follow its state: withdrawn from the table (and so the kernel) while it is down. */
function trackNhs(t: ActionTargets, src: ActionSource, nhs: string, state: 'down' | 'probe' | 'up'): void {
  if (nhs.includes(':')) {
    const was = t.rib6?.list().filter((r) => r.code === 'S').length ?? 0;
    if (!t.rib6?.setNhsState(src.linuxName, nhs, state)) return;
    void t.rib6.sync();
    const now = t.rib6.list().filter((r) => r.code === 'S').length;
    if (now !== was)
      t.log.info(
        `%TRACK-6-STATE: ${src.name}: ${Math.abs(now - was)} IPv6 static route(s) ${now < was ? 'withdrawn' : 'installed'} (NHS ${nhs} ${state})`,
      );
    return;
  }
  const before = new Set(
    t.rib
      .list()
      .filter((r) => r.source === 'static' && r.active)
      .map(routeText),
  );
  if (!t.rib.setNhsState(src.linuxName, nhs, state)) return;
  const after = t.rib
    .list()
    .filter((r) => r.source === 'static' && r.active)
    .map(routeText);
  for (const r of before)
    if (!after.includes(r))
      t.log.info(`%TRACK-6-STATE: ${src.name}: static route ${r} withdrawn (NHS ${nhs} ${state})`);
  for (const r of after)
    if (!before.has(r)) t.log.info(`%TRACK-6-STATE: ${src.name}: static route ${r} installed (NHS ${nhs} ${state})`);
}

function routeText(r: {
  prefix: string;
  prefixLength: number;
  gateway?: string;
  nextHop?: string;
  distance: number;
}): string {
  return `${r.prefix}/${r.prefixLength} [${r.distance}] via ${r.gateway ?? r.nextHop ?? '-'}`;
}

/** Peers that went down and up again within one batch (an entry replaced): not worth a log line. */
function bounced(actions: readonly Action[]): Set<string> {
  const down = new Set<string>();
  const out = new Set<string>();
  for (const a of actions) {
    if (a.kind === 'peerDown') down.add(a.nbma);
    else if (a.kind === 'peerUp' && down.has(a.nbma)) out.add(a.nbma);
  }
  return out;
}

/** IOS's words for a Registration Reply CIE code (RFC 2332 5.2.4). */
function cieCodeText(code: number): string {
  switch (code) {
    case 4:
      return 'administratively prohibited';
    case 5:
      return 'insufficient resources';
    case 14:
      return 'unique address registered already';
    default:
      return 'registration failed';
  }
}

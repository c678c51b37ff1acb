/** Link-layer headers: find the network-layer packet in a captured frame (Ethernet, raw IP, Linux cooked, BSD null). */
import { Reader } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { LinkType } from './types.js';

/** The network-layer packet a frame carries and its EtherType (0x0800 IPv4, 0x86dd IPv6, others as found). */
export interface LinkPayload {
  etherType: number;
  payload: Uint8Array;
}

const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);

/*
 * Ethernet II: dst MAC (6) | src MAC (6) | [802.1Q/802.1ad tag: TPID (2) TCI (2)]* | EtherType (2) | payload
 * Linux cooked v1 (113): packet type (2) | ARPHRD (2) | addr len (2) | addr (8) | protocol (2) | payload
 * Linux cooked v2 (276): protocol (2) | reserved (2) | ifindex (4) | ARPHRD (2) | pkt type (1) | addr len (1) | addr (8) | payload
 * Raw (101, 228): the IP packet itself. BSD null (0): 4-byte address family in host order, then the packet.
 */
/** Strips the link header of a frame of the given link type. Throws only DecodeError (UNSUPPORTED for other link types). */
export function linkPayload(linkType: number, data: Uint8Array): LinkPayload {
  const r = new Reader(data);
  switch (linkType) {
    case LinkType.Ethernet: {
      r.bytes(12, 'Ethernet addresses');
      let etherType = r.u16('EtherType');
      while (VLAN_TAGS.has(etherType)) {
        r.u16('VLAN TCI');
        etherType = r.u16('EtherType');
      }
      return { etherType, payload: r.bytes(r.remaining) };
    }
    case LinkType.Raw:
    case LinkType.Ipv4:
    case 12:
    case 14: {
      const version = r.u8('IP version') >> 4;
      return { etherType: version === 6 ? 0x86dd : 0x0800, payload: data };
    }
    case LinkType.LinuxSll: {
      r.bytes(14, 'Linux cooked header');
      return { etherType: r.u16('protocol'), payload: r.bytes(r.remaining) };
    }
    case LinkType.LinuxSll2: {
      const etherType = r.u16('protocol');
      r.bytes(18, 'Linux cooked v2 header');
      return { etherType, payload: r.bytes(r.remaining) };
    }
    case LinkType.Null: {
      const fam = r.bytes(4, 'address family');
      const af = fam[0] || fam[3];
      return { etherType: af === 2 ? 0x0800 : [24, 28, 30].includes(af) ? 0x86dd : af, payload: r.bytes(r.remaining) };
    }
  }
  throw new DecodeError(
    'UNSUPPORTED',
    0,
    `link type ${linkType} is not supported (Ethernet, raw IP, Linux cooked, null)`,
  );
}

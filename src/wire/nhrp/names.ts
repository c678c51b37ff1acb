/** Human names for NHRP packet types, flags, CIE codes and extensions, as Wireshark and IOS print them. */
import { CieCode, ErrorCode, NhrpFlags, NhrpType, type Extension } from './types.js';

const TYPE_NAMES: Record<number, string> = {
  [NhrpType.ResolutionRequest]: 'Resolution Request',
  [NhrpType.ResolutionReply]: 'Resolution Reply',
  [NhrpType.RegistrationRequest]: 'Registration Request',
  [NhrpType.RegistrationReply]: 'Registration Reply',
  [NhrpType.PurgeRequest]: 'Purge Request',
  [NhrpType.PurgeReply]: 'Purge Reply',
  [NhrpType.ErrorIndication]: 'Error Indication',
  [NhrpType.TrafficIndication]: 'Traffic Indication',
};

/** "Registration Request", or "type N" for an unknown type. */
export function nhrpTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `type ${type}`;
}

/** Names of the set flag bits for this packet type (e.g. ["U", "NAT"]); unnamed bits as "0x0010". */
export function nhrpFlagNames(type: number, flags: number): string[] {
  const table: Record<string, number> =
    type === 1 || type === 2
      ? NhrpFlags.Resolution
      : type === 3 || type === 4
        ? NhrpFlags.Registration
        : type === 5 || type === 6
          ? NhrpFlags.Purge
          : {};
  const names: string[] = [];
  let rest = flags;
  for (const [name, bit] of Object.entries(table)) {
    if (flags & bit) {
      names.push(name);
      rest &= ~bit;
    }
  }
  for (let bit = 0x8000; bit; bit >>= 1) if (rest & bit) names.push(`0x${bit.toString(16).padStart(4, '0')}`);
  return names;
}

const CIE_CODE_NAMES = new Map<number, string>(Object.entries(CieCode).map(([k, v]) => [v, k]));
const ERROR_CODE_NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([k, v]) => [v, k]));

/** "Success", "UniqueAlreadyRegistered"… or "code N". */
export function cieCodeName(code: number): string {
  return CIE_CODE_NAMES.get(code) ?? `code ${code}`;
}

/** Error Indication code name ("AuthenticationFailure"…) or "code N". */
export function errorCodeName(code: number): string {
  return ERROR_CODE_NAMES.get(code) ?? `code ${code}`;
}

/** Extension kinds by the names Wireshark gives them. */
export const EXT_NAMES: Record<Extension['type'], string> = {
  end: 'End',
  responder: 'Responder Address',
  forwardTransit: 'Forward Transit NHS Record',
  reverseTransit: 'Reverse Transit NHS Record',
  authentication: 'Authentication',
  vendorPrivate: 'Vendor-Private',
  ciscoNat: 'Cisco NAT Address',
  unknown: 'Unknown',
};

/** The extension's name as Wireshark shows it. */
export function extensionName(e: Extension): string {
  return e.type === 'unknown' ? `Unknown (type ${e.code})` : EXT_NAMES[e.type];
}

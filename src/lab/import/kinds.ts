/**
 * What each node type of a course lab becomes here. Routers that run IOS become `dmvpn` nodes (with
 * or without a tunnel), plain switches and hubs `switch` nodes, Linux hosts and VPCS `host` nodes.
 * Anything that leads out of the lab (CML external connectors, GNS3 clouds and NAT) is refused: a lab
 * never routes out. Other types (NX-OS, IOS XR, firewalls …) are not IOS and cannot run.
 */
import type { KindName } from '../topology/schema.js';

/** What a source node type maps to: one of our kinds, or why it cannot be imported. */
export type TypeMapping = { kind: KindName; note?: string } | { refused: string };

const OUTSIDE =
  'it connects the lab to the outside world, and a lab here never routes out (remove the node and its links)';

const CML: Record<string, TypeMapping> = {
  iosv: { kind: 'dmvpn' },
  iol: { kind: 'dmvpn' },
  'iol-xe': { kind: 'dmvpn' },
  csr1000v: { kind: 'dmvpn' },
  cat8000v: { kind: 'dmvpn' },
  unmanaged_switch: { kind: 'switch' },
  iosvl2: { kind: 'switch', note: 'runs as a plain switch: its configuration (VLANs, SVIs) is not applied' },
  'ioll2-xe': { kind: 'switch', note: 'runs as a plain switch: its configuration (VLANs, SVIs) is not applied' },
  server: { kind: 'host' },
  desktop: { kind: 'host' },
  alpine: { kind: 'host' },
  ubuntu: { kind: 'host' },
  external_connector: { refused: OUTSIDE },
};

const GNS3: Record<string, TypeMapping> = {
  dynamips: { kind: 'dmvpn' },
  iou: { kind: 'dmvpn' },
  ethernet_switch: { kind: 'switch' },
  ethernet_hub: { kind: 'switch' },
  vpcs: { kind: 'host' },
  cloud: { refused: OUTSIDE },
  nat: { refused: OUTSIDE },
};

function mapping(table: Record<string, TypeMapping>, type: string, known: string): TypeMapping {
  return (
    table[type.toLowerCase()] ?? {
      refused: `node type "${type}" cannot run here (known: ${Object.keys(table).join(', ')}); ${known}`,
    }
  );
}

/** The kind of a CML `node_definition`. */
export function cmlKind(definition: string): TypeMapping {
  return mapping(CML, definition, 'routers must run IOS (IOSv, IOL, CSR 1000v)');
}

/** The kind of a GNS3 `node_type`. */
export function gns3Kind(type: string): TypeMapping {
  return mapping(GNS3, type, 'routers must be Dynamips or IOU images with a startup-config');
}

/** The CML node definitions and GNS3 node types, and what each becomes (for docs and `import --help`). */
export const KIND_TABLE = { cml: CML, gns3: GNS3 };

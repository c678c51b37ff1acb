/**
 * A course lab read from another tool's file (CML, GNS3), before it is written in our format: nodes
 * with our kinds, router configs with where each came from, links by interface name as written.
 */
import type { KindName } from '../topology/schema.js';

/** Where a router's configuration text came from: its file, and the line of that file its first line is on. */
export interface ConfigOrigin {
  file: string;
  /** Line of `file` holding the configuration's line 1. */
  firstLine: number;
}

/** One node, mapped to one of our kinds. */
export interface ImportedNode {
  /** Our node name (the source's label, made a valid name). */
  name: string;
  kind: KindName;
  /** What it was in the source, e.g. `iosv node n0 "Hub"`: for messages. */
  source: string;
  /** dmvpn: the IOS configuration, as published. */
  config?: { text: string; origin: ConfigOrigin };
  /** host, nat: Linux interface name -> address/prefix. */
  interfaces?: Record<string, string>;
  /** host, nat: default gateway. */
  gateway?: string;
  /** host: Linux interface name -> IPv6 address/prefix, and the IPv6 default gateway. */
  ipv6?: Record<string, string>;
  ipv6Gateway?: string;
  /** nat: the outside interface (as written). */
  outside?: string;
  /** nat: other static routes. */
  routes?: Array<{ dst: string; via: string }>;
}

/** One end of a link: our node name and the interface name as the source wrote it (IOS names kept). */
export interface ImportedEnd {
  node: string;
  iface: string;
}

/** A link between two nodes. */
export interface ImportedLink {
  a: ImportedEnd;
  b: ImportedEnd;
  /** The source's id or label for the link, for messages. */
  source: string;
}

/** A whole course lab in our terms. */
export interface ImportedLab {
  format: 'cml' | 'gns3';
  /** The source file (absolute). */
  file: string;
  /** Our lab name. */
  name: string;
  nodes: ImportedNode[];
  links: ImportedLink[];
  /** What the import changed or left out, one line each (a managed switch's config not applied …). */
  notes: string[];
}

/**
 * The topology file's shape (containerlab's format plus our node kinds), as a zod schema.
 * It is the single source for validation and for schema/topology.schema.json.
 */
import { z } from 'zod/v4';
import { isIpv4, parseCidr } from '../../wire/ipv4-addr.js';
import { isIpv6, parseCidr6 } from '../../wire/ipv6-addr.js';

/** The node kinds a topology may use; each has its file in src/lab/kinds/. */
export const KIND_NAMES = ['dmvpn', 'switch', 'internet', 'nat', 'host'] as const;
/** One of KIND_NAMES. */
export type KindName = (typeof KIND_NAMES)[number];

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** A lab or node name. */
export const nameSchema = z
  .string()
  .max(32, 'at most 32 characters')
  .regex(NAME_RE, 'letters, digits, "_", "." and "-" only, starting with a letter or digit')
  .meta({ id: 'name' });

const cidr = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'expected an IPv4 address with a prefix length, like 192.0.2.1/24')
  .refine(
    (s) => (parseCidr(s)?.prefixLength ?? 0) >= 1,
    'expected an IPv4 address with a prefix length, like 192.0.2.1/24',
  )
  .meta({ id: 'cidr', description: 'IPv4 address with prefix length, e.g. 192.0.2.1/24' });

const ipv4 = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'expected an IPv4 address, like 192.0.2.254')
  .refine((s) => isIpv4(s), 'expected an IPv4 address, like 192.0.2.254')
  .meta({ id: 'ipv4', description: 'IPv4 address, e.g. 192.0.2.254' });

const cidr6 = z
  .string()
  .refine(
    (s) => (parseCidr6(s)?.prefixLength ?? 0) >= 1,
    'expected an IPv6 address with a prefix length, like 2001:db8:1::10/64',
  )
  .meta({ id: 'cidr6', description: 'IPv6 address with prefix length, e.g. 2001:db8:1::10/64' });

const ipv6 = z
  .string()
  .refine((s) => isIpv6(s), 'expected an IPv6 address, like 2001:db8:1::1')
  .meta({ id: 'ipv6', description: 'IPv6 address, e.g. 2001:db8:1::1' });

const route = z
  .object({
    dst: cidr.meta({ description: 'destination network, e.g. 10.0.0.0/8' }),
    via: ipv4.meta({ description: 'next hop on a connected subnet' }),
  })
  .strict();

/** Fields a node, `topology.defaults` and `topology.kinds.<kind>` may carry. */
export const nodeFields = {
  kind: z.enum(KIND_NAMES).meta({
    description:
      'dmvpn: router running dmvpnd with an IOS startup-config; switch: flat L2 segment; internet: routed core; nat: masquerading gateway; host: LAN machine',
  }),
  'startup-config': z
    .string()
    .min(1)
    .meta({ description: 'dmvpn: IOS configuration file, relative to the topology file' }),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).meta({
    description: 'environment variables of the node process (dmvpn)',
  }),
  labels: z.record(z.string(), z.string()).meta({ description: 'free-form labels, shown by inspect' }),
  image: z.string().meta({ description: 'container image (docker runtime); ignored by netns' }),
  interfaces: z.record(z.string(), cidr).meta({
    description: 'internet, nat, host: address of each linked interface, e.g. { eth1: 192.0.2.254/24 }',
  }),
  gateway: ipv4.meta({ description: 'host, nat: default gateway, on the subnet of one of its interfaces' }),
  ipv6: z.record(z.string(), cidr6).meta({
    description:
      'host, internet: IPv6 address of linked interfaces, e.g. { eth1: 2001:db8:1::10/64 } (internet: an IPv6 NBMA)',
  }),
  'ipv6-gateway': ipv6.meta({ description: 'host: IPv6 default gateway, on the prefix of one of its IPv6 addresses' }),
  outside: z.string().meta({ description: 'nat: the outside interface (default: the one on the gateway subnet)' }),
  routes: z.array(route).meta({ description: 'internet, nat, host: extra static routes' }),
  'mgmt-ipv4': ipv4.meta({ description: 'dmvpn: management address (default: the next free one of mgmt.ipv4-subnet)' }),
};

/** containerlab's `mgmt` block: the management network every router gets an address on (its SSH). */
export const mgmtSchema = z
  .object({
    network: z.string().meta({ description: 'name of the management network (default: clab)' }),
    'ipv4-subnet': cidr.meta({ description: 'management subnet (default 172.20.20.0/24; the host is .1)' }),
  })
  .partial()
  .strict()
  .meta({ id: 'mgmt' });

/** One node (or `defaults`, or a `kinds` entry): every field optional, unknown fields refused. */
export const nodeSchema = z.object(nodeFields).partial().strict().meta({ id: 'node' });
/** A node as written in the file (every field optional: defaults and kinds fill in). */
export type RawNode = z.infer<typeof nodeSchema>;

const endpoint = z
  .string()
  .regex(/^[^:\s]+:[^:\s]+$/, 'expected "node:interface", like "hub:GigabitEthernet0/1" or "inet:eth1"')
  .meta({ id: 'endpoint' });

/** One entry of `topology.links`. */
export const linkSchema = z
  .object({
    endpoints: z.tuple([endpoint, endpoint]).meta({ description: 'the two ends: ["node:iface", "node:iface"]' }),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** The whole topology file. */
export const topologySchema = z
  .object({
    name: nameSchema.meta({ description: 'lab name: namespaces are dl-<name>-<node>, the lab directory clab-<name>/' }),
    mgmt: mgmtSchema.optional(),
    topology: z
      .object({
        defaults: nodeSchema.optional(),
        kinds: z.partialRecord(z.enum(KIND_NAMES), nodeSchema).optional(),
        nodes: z.record(nameSchema, nodeSchema),
        links: z.array(linkSchema).optional(),
      })
      .strict(),
  })
  .strict()
  .meta({ title: 'dmvpn-lab topology', description: "containerlab's topology format with dmvpn-lab's node kinds" });

/** A topology file as parsed, before defaults are merged. */
export type RawTopology = z.infer<typeof topologySchema>;

/** Every field name the schema knows, for "did you mean" hints. */
export const KNOWN_FIELDS = [
  ...Object.keys(nodeFields),
  'mgmt',
  'network',
  'ipv4-subnet',
  'name',
  'topology',
  'defaults',
  'kinds',
  'nodes',
  'links',
  'endpoints',
];

/**
 * dmvpnd's public API, what the lab (and anyone) may import: the control-socket client and the
 * JSON forms of the show commands (zod schemas and the `*Json` types inferred from them).
 * Nothing here reaches into the router's internals.
 */
export { ControlError, controlJson, controlListening, openSession, resizeBytes, sendControl } from './client.js';
export { runSession, type SessionIo } from './session.js';
export { answerFailed, runCommand, type CommandIo } from './command.js';
export { SHOW_JSON, schemaFor, type ShowJsonCommand } from './show-json.js';
export type * from './schema/dmvpn.js';
export type * from './schema/nhrp.js';
export type * from './schema/route.js';
export type * from './schema/interfaces.js';
export type * from './schema/running-config.js';
export type * from './schema/routing.js';
export type * from './schema/eigrp.js';
export type * from './schema/system.js';
export type * from './schema/crypto.js';
export type * from './schema/multicast.js';

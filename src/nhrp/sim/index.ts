/** The simulator: many NHRP engines on virtual time over an in-memory NBMA network. */
export { simulate, SIM_DEFAULTS, SIM_LIMITS, type SimOptions, type SimReport, type HubReport } from './simulate.js';
export { formatReport } from './report.js';
export { SimNetwork, type SimNode, type NetworkOptions, type ShortcutRoute } from './network.js';
export { EventQueue } from './queue.js';
export { seededRandom } from './random.js';

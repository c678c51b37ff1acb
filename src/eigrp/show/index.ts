/** `show ip eigrp neighbors | topology | interfaces | traffic`: IOS text rendered from the engine's JSON snapshot. */
export { renderNeighbors } from './neighbors.js';
export { renderTopology } from './topology.js';
export { renderInterfaces } from './interfaces.js';
export { renderTraffic } from './traffic.js';
export { shortIf, uptime } from './format.js';

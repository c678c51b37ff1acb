/**
 * The IOS configuration layer of dmvpnd. The router loads a startup-config with `loadConfigFile`,
 * applies `configure` input with `applyLines` (acting on the returned changes), and prints
 * `show running-config` with `renderRunningConfig`.
 */
export type {
  InterfaceAddress,
  InterfaceConfig,
  InterfaceKind,
  IpFamily,
  IpPrefix,
  NhrpConfig,
  NhrpMap,
  NhrpMaxSend,
  NhrpServer,
  RouterConfig,
  StaticRoute,
  TunnelIfConfig,
  TunnelMode,
  TunnelProtection,
  TunnelSource,
} from './model.js';
export { IOS_DEFAULTS, defaultNhrp, defaultTunnel, emptyConfig, interfaceList } from './model.js';
export type * from './crypto-model.js';
export type { ConfigErrorCode, ConfigErrorInit, ConfigFault } from './errors.js';
export { ConfigError, formatConfigError } from './errors.js';
export type { ConfigWarning, IgnoredChild, IgnoredLine, ParseResult } from './result.js';
export type { ParseOptions } from './parse.js';
export { loadConfigFile, parseConfig } from './parse.js';
export type { ApplyResult } from './apply.js';
export { applyLines } from './apply.js';
export type { ConfigChange, InterfaceChange, NhrpChange, TunnelChange } from './diff.js';
export { diffConfig, listDelta } from './diff.js';
export { renderInterface, renderRunningConfig } from './render.js';
export type { ParsedInterfaceName } from './names.js';
export { parseInterfaceName } from './names.js';
export type { ResolvedSource } from './derive.js';
export { effectiveNhrpMaps, multicastTargets, nhsNbma, resolveTunnelSource } from './derive.js';
export type { CheckInterface, ConfigCheckReport, CheckTunnel } from './check.js';
export { buildCheckReport, renderCheckJson } from './check.js';
export { renderCheckText } from './check-text.js';
export { renderApplyResult } from './apply-text.js';

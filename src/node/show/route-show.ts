/**
 * The `show ip route` family: the whole table, `show ip route WORD` (the routes of one kind: static,
 * connected, nhrp, a protocol's), and `show ip route A.B.C.D [M.M.M.M]` (one entry).
 */
import { codesOfKeyword } from '../rib/kinds.js';
import type { ParsedShow } from '../exec/show-parse.js';
import { routeEntryJson, routeEntryText } from './route-entry.js';
import { routesOfCodes, routeTableJson, routeText } from './route.js';
import type { RouteView } from './state.js';

/** Renders JSON or text (the `out` of the show dispatcher). */
type Out<R> = <T>(json: T, text: (j: T) => string[]) => R;

/** Answers a parsed `show ip route …` from the routes the router shows. */
export function routeShow<R>(cmd: ParsedShow, routes: RouteView[], out: Out<R>): R {
  if (cmd.address !== undefined) return out(routeEntryJson(routes, cmd.address, cmd.prefixLength), routeEntryText);
  const table = routeTableJson(routes);
  if (cmd.routeKeyword === undefined) return out(table, (j) => routeText(j));
  const codes = codesOfKeyword(cmd.routeKeyword);
  return out(routesOfCodes(table, codes), () => routeText(table, codes));
}

/** The show … json command lines to try on a router: every SHOW_JSON entry with its optional words both ways. */
import { SHOW_JSON } from '../../src/node/api/show-json.js';

/** Concrete command lines (without `json`); `iface` stands for NAME. */
export function showJsonCommands(iface: string): string[] {
  const out: string[] = [];
  for (const c of SHOW_JSON) {
    let lines = [''];
    for (const w of c.command.split(' ')) {
      if (w === '[detail]' || w === '[all-links]') lines = lines.flatMap((l) => [l, `${l} ${w.slice(1, -1)}`]);
      else if (w === '[NAME]') lines = lines.flatMap((l) => [l, `${l} ${iface}`]);
      else if (w === '[WORD]') lines = lines.flatMap((l) => [l, `${l} static`, `${l} connected`]);
      else if (w === 'A.B.C.D') lines = lines.flatMap((l) => [`${l} 0.0.0.0`, `${l} 203.0.113.77`]);
      else if (w === '[M.M.M.M]') lines = lines.flatMap((l) => [l, `${l} 0.0.0.0`]);
      else lines = lines.map((l) => `${l} ${w === 'NAME' ? iface : w}`);
    }
    out.push(...lines.map((l) => l.trim()));
  }
  return out;
}

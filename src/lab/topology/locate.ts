/** Finds the line and column of a field path in a parsed YAML document (for error messages). */
import { isMap, isSeq, isScalar, type Document, type LineCounter } from 'yaml';

/** 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/**
 * The position of the deepest part of `path` that exists in `doc`: the key of a map entry,
 * or the item of a sequence. A missing field points at the key of the node that lacks it.
 */
export function locate(doc: Document, lc: LineCounter, path: ReadonlyArray<PropertyKey>): Position {
  for (let n = path.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1) as unknown[], true);
    const key = path[n - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((it) => isScalar(it.key) && String(it.key.value) === String(key));
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return pos(lc, range[0]);
    } else if (isSeq(parent) && typeof key === 'number') {
      const item = parent.items[key] as { range?: [number, number, number] } | undefined;
      if (item?.range) return pos(lc, item.range[0]);
    }
  }
  const range = (doc.contents as { range?: [number, number, number] } | null)?.range;
  return range ? pos(lc, range[0]) : { line: 1, column: 1 };
}

function pos(lc: LineCounter, offset: number): Position {
  const p = lc.linePos(offset);
  return { line: p.line, column: p.col };
}

/** The value at `path` as written, for "found …" in messages (scalars only). */
export function valueAt(doc: Document, path: ReadonlyArray<PropertyKey>): string | undefined {
  const node = doc.getIn(path as unknown[], true);
  return isScalar(node) ? JSON.stringify(node.value) : undefined;
}

/** Dotted path for humans: topology.links[2].endpoints[0]. */
export function dotted(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
    '',
  );
}

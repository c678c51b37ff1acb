/**
 * Judging one answer of a show command against an assertion's conditions (pure): the JSON form
 * through a path (present, equals, atLeast, matches), or the text form line by line (matches,
 * lacks, atLeast). Each judgement says what was found, for the pass or fail message.
 */
import { scalarText, select, type PathStep } from './path.js';
import type { ShowAssertion } from './schema.js';

/** A judgement: holds or not, and what was found (one line). */
export interface Verdict {
  ok: boolean;
  found: string;
}

const MAX_SHOWN = 5;

function shown(values: unknown[]): string {
  if (values.length === 0) return 'nothing';
  const head = values.slice(0, MAX_SHOWN).map((v) => JSON.stringify(v) ?? 'undefined');
  const text = head.map((t) => (t.length > 80 ? `${t.slice(0, 77)}...` : t)).join(', ');
  return `${values.length === 1 ? text : `[${text}${values.length > MAX_SHOWN ? ', …' : ''}]`}`;
}

const same = (v: unknown, e: unknown): boolean => v === e || (typeof v !== 'object' && String(v) === String(e));

/** The JSON answer `doc` against the conditions of `s` (no condition: the path selects something). */
export function judgeJson(s: ShowAssertion, steps: PathStep[], doc: unknown): Verdict {
  const values = select(doc, steps);
  const where = s.path ? `${s.path} is` : 'the answer is';
  const checks: Verdict[] = [];
  const noCondition = s.present === undefined && s.equals === undefined && s.atLeast === undefined && !s.matches;
  if (s.present !== undefined || noCondition) {
    const want = s.present ?? true;
    checks.push({
      ok: want === values.length > 0,
      found: values.length > 0 ? `${where} ${shown(values)}` : `${s.path ?? 'the answer'} selects nothing`,
    });
  }
  if (s.equals !== undefined) {
    const ok = values.length > 0 && values.every((v) => same(v, s.equals));
    checks.push({ ok, found: `${where} ${shown(values)}, expected ${JSON.stringify(s.equals)}` });
  }
  if (s.atLeast !== undefined) {
    const n = values.length === 1 && Array.isArray(values[0]) ? values[0].length : values.length;
    checks.push({ ok: n >= s.atLeast, found: `${s.path ?? 'the answer'} counts ${n}, expected at least ${s.atLeast}` });
  }
  if (s.matches !== undefined) {
    const re = new RegExp(s.matches);
    const ok = values.length > 0 && values.every((v) => re.test(scalarText(v)));
    checks.push({ ok, found: `${where} ${shown(values)}, expected to match /${s.matches}/` });
  }
  const bad = checks.filter((c) => !c.ok);
  return bad.length > 0
    ? { ok: false, found: bad.map((c) => c.found).join('; ') }
    : { ok: true, found: checks[0]!.found };
}

/** The text answer against `matches` (a line matches; with atLeast: N lines) and `lacks` (no line matches). */
export function judgeText(s: ShowAssertion, text: string): Verdict {
  const lines = text.split('\n');
  const out: Verdict[] = [];
  if (s.matches !== undefined) {
    const re = new RegExp(s.matches);
    const hits = lines.filter((l) => re.test(l));
    const need = s.atLeast ?? 1;
    out.push({
      ok: hits.length >= need,
      found:
        hits.length > 0
          ? `${hits.length} line${hits.length === 1 ? '' : 's'} match /${s.matches}/ (first: "${hits[0]!.trim()}")${need > 1 ? `, expected at least ${need}` : ''}`
          : `no line matches /${s.matches}/`,
    });
  }
  if (s.lacks !== undefined) {
    const re = new RegExp(s.lacks);
    const hit = lines.find((l) => re.test(l));
    out.push({
      ok: hit === undefined,
      found: hit === undefined ? `no line matches /${s.lacks}/` : `a line matches /${s.lacks}/: "${hit.trim()}"`,
    });
  }
  const bad = out.filter((c) => !c.ok);
  return bad.length > 0 ? { ok: false, found: bad.map((c) => c.found).join('; ') } : { ok: true, found: out[0]!.found };
}

/** What a router answers to a `configure` request: IOS-style errors, then the ignored lines, then warnings. */
import type { ApplyResult } from './apply.js';
import { formatConfigError } from './errors.js';

/** The answer text for `configure` (empty when every line took effect silently, as on IOS). */
export function renderApplyResult(r: Pick<ApplyResult, 'errors' | 'ignored' | 'warnings'>): string {
  const out: string[] = [];
  for (const e of r.errors) out.push(formatConfigError(e));
  for (const x of r.ignored) {
    out.push(`% line ${x.line}: ${x.text}${x.context ? ` [${x.context}]` : ''}: ${x.reason}`);
  }
  for (const w of r.warnings) out.push(`%Warning: ${w.line > 0 ? `line ${w.line}: ` : ''}${w.message}`);
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

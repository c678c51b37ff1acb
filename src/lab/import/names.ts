/** Our names for what a course lab calls its lab and nodes: valid node/lab names, unique, at most 32 characters. */
import { basename } from 'node:path';

const MAX = 32;

/** `text` as a valid name: other characters become "-", trimmed to 32 at a word boundary when possible. */
export function cleanName(text: string, fallback: string): string {
  let s = text
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '');
  if (s.length > MAX) {
    const cut = s.slice(0, MAX + 1).search(/[-_.][^-_.]*$/);
    s = cut > 0 ? s.slice(0, cut) : s.slice(0, MAX);
  }
  return s === '' ? fallback : s;
}

/** The lab name of a course lab file: its base name without the extension. */
export function labNameOfFile(file: string): string {
  return cleanName(basename(file).replace(/\.(ya?ml|gns3|json)$/i, ''), 'lab');
}

/** Gives out unique node names: a second "R1" becomes "R1-2". */
export class NodeNames {
  private readonly used = new Set<string>();

  /** A unique valid name for a node labelled `label` (`fallback` when nothing of the label is usable). */
  take(label: string, fallback: string): string {
    const base = cleanName(label, fallback);
    let name = base;
    for (let i = 2; this.used.has(name.toLowerCase()); i++) name = `${base.slice(0, MAX - 3)}-${i}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}

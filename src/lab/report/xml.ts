/** A small XML writer: elements with attributes, text children escaped, characters XML 1.0 forbids removed. */

/** An element: its name, attributes (undefined ones left out), and children (elements or text). */
export interface XmlElement {
  name: string;
  attrs?: Record<string, string | number | undefined>;
  children?: Array<XmlElement | string>;
}

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except the surrogates and U+FFFE/U+FFFF.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe inside an element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrText(attrs: XmlElement['attrs']): string {
  return Object.entries(attrs ?? {})
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) =>
        ` ${k}="${escapeXml(String(v)).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')}"`,
    )
    .join('');
}

function render(e: XmlElement, indent: string): string {
  const open = `${indent}<${e.name}${attrText(e.attrs)}`;
  const kids = e.children ?? [];
  if (kids.length === 0) return `${open}/>`;
  if (kids.every((k) => typeof k === 'string'))
    return `${open}>${kids.map((k) => escapeXml(k as string)).join('')}</${e.name}>`;
  const inner = kids.map((k) => (typeof k === 'string' ? `${indent}  ${escapeXml(k)}` : render(k, `${indent}  `)));
  return `${open}>\n${inner.join('\n')}\n${indent}</${e.name}>`;
}

/** The document: XML declaration, then the root element, indented by two spaces. */
export function renderXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root, '')}\n`;
}

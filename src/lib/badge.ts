/**
 * The embeddable answer badge: a small two-part SVG ("Llama 3.1 8B on RTX 3060" | "✓ Runs fully
 * on GPU · 5.8 GiB"), in the style of README badges. Pure; every text is escaped, and the widths
 * come from an average glyph width with textLength pinning the text to it, so it never overflows.
 */

export type BadgeTone = 'ok' | 'warn' | 'bad';

/** Dark enough for white text at 4.5:1 or better. */
const TONE_FILL: Record<BadgeTone, string> = { ok: '#17663a', warn: '#8a5300', bad: '#b3261e' };
const LABEL_FILL = '#3d4147';
const CHAR_WIDTH = 6.4; // px per character at 11px sans-serif, a little generous
const PAD = 6;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface BadgeInput {
  /** Left part: what was asked, e.g. "Llama 3.1 8B Instruct on RTX 3060 12GB". */
  label: string;
  /** Right part: the verdict in words with its icon, e.g. "✓ Runs fully on GPU · 5.8 GiB". */
  message: string;
  tone: BadgeTone;
}

/** The badge as a standalone SVG document with a <title> for screen readers. */
export function badgeSvg({ label, message, tone }: BadgeInput): string {
  const width = (text: string) => Math.round([...text].length * CHAR_WIDTH) + 2 * PAD;
  const lw = width(label);
  const mw = width(message);
  const total = lw + mw;
  const text = (x: number, w: number, t: string) =>
    `<text x="${x + w / 2}" y="14" text-anchor="middle" textLength="${w - 2 * PAD}" lengthAdjust="spacingAndGlyphs">${escapeXml(t)}</text>`;
  const title = escapeXml(`${label}: ${message}`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" viewBox="0 0 ${total} 20" role="img" aria-label="${title}">` +
    `<title>${title}</title>` +
    `<rect width="${lw}" height="20" rx="3" fill="${LABEL_FILL}"/>` +
    `<rect x="${lw}" width="${mw}" height="20" rx="3" fill="${TONE_FILL[tone]}"/>` +
    `<rect x="${lw}" width="4" height="20" fill="${TONE_FILL[tone]}"/>` +
    `<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">` +
    text(0, lw, label) +
    text(lw, mw, message) +
    `</g></svg>`
  );
}

/**
 * The speed floor of the "best format" rule: the slowest generation (tok/s, the estimate's
 * expected value) at which a format still counts as usable, below which "best format" trades
 * quality for speed. Tools let the user change it (URL parameter `floor`). Pure.
 */
import { quoteInput } from './quote.ts';

/**
 * The default floor. Reading speed is about 5-10 words a second; 10 tok/s keeps up with it.
 */
export const USABLE_TOKENS_PER_SECOND = 10;

/** Floors a tool offers; 0 = quality only (the highest-quality format that fits, however slow). */
export const SPEED_FLOORS = [0, 5, 10, 20, 30] as const;

/** "Any speed (quality only)" / "10 tok/s (default)" for a floor's option. */
export function speedFloorLabel(floor: number): string {
  if (floor === 0) return 'Any speed (quality only)';
  return `${floor} tok/s${floor === USABLE_TOKENS_PER_SECOND ? ' (default)' : ''}`;
}

/** The rule in words, for the text under a tool's table. */
export function bestFormatRule(floor: number): string {
  return floor === 0
    ? 'the highest-quality format that runs fully on the GPU, however slow'
    : `the highest-quality format that runs fully on the GPU at ${floor} tok/s or more (else the fastest that fits)`;
}

/** A `floor` query value -> one of SPEED_FLOORS; anything else falls back to the default with a notice. */
export function parseSpeedFloor(raw: string | null, notices: string[]): number {
  if (raw === null || raw === '') return USABLE_TOKENS_PER_SECOND;
  const v = Number(raw);
  if ((SPEED_FLOORS as readonly number[]).includes(v)) return v;
  notices.push(
    `Speed floor ${quoteInput(raw)} is not one of ${SPEED_FLOORS.join(', ')} tok/s: using ${USABLE_TOKENS_PER_SECOND}.`,
  );
  return USABLE_TOKENS_PER_SECOND;
}

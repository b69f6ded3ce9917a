/** The tools x operating system compatibility matrix (/tools/matrix/). Pure. */
import { PLATFORMS } from './taxonomy.ts';

export type Platform = (typeof PLATFORMS)[number];

export interface ToolSupport {
  platforms: readonly Platform[];
  backends: readonly string[];
  support?:
    readonly { platform: Platform; backends: readonly string[]; note?: string | null | undefined }[] | undefined;
}

export interface MatrixCell {
  /** Backends that work on this OS; empty when the tool does not run there. */
  backends: readonly string[];
  note: string | null;
  /** True when the entry states per-OS backends; false when only the overall lists are known. */
  detailed: boolean;
}

/**
 * One cell per platform. Without a `support` matrix the tool's overall backends are shown for every
 * platform it runs on, marked not detailed, rather than guessing which backend works where.
 */
export function supportCells(tool: ToolSupport): Record<Platform, MatrixCell> {
  const out = {} as Record<Platform, MatrixCell>;
  for (const p of PLATFORMS) {
    const row = tool.support?.find((r) => r.platform === p);
    if (row) out[p] = { backends: row.backends, note: row.note ?? null, detailed: true };
    else if (tool.platforms.includes(p)) out[p] = { backends: tool.backends, note: null, detailed: false };
    else out[p] = { backends: [], note: null, detailed: true };
  }
  return out;
}

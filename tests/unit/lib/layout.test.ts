// The engine's layering, as a test: src/lib/engine/ (the llama.cpp model) imports nothing outside
// itself, and no module in src/lib takes part in an import circle.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = normalize(join(import.meta.dirname, '../../../src/lib'));

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? modules(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** Relative .ts imports of a module (type-only imports included: they still describe a dependency). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.{1,2}\/[^']+\.ts)'/g)].map((m) =>
    normalize(join(dirname(file), m[1]!)),
  );
}

const graph = new Map(modules(LIB).map((f) => [f, importsOf(f)]));
const name = (f: string): string => relative(LIB, f);

describe('src/lib layout', () => {
  it('has an engine folder that imports nothing from outside it', () => {
    const engine = [...graph.keys()].filter((f) => name(f).startsWith('engine/'));
    expect(engine.length).toBeGreaterThan(10);
    const outward = engine.flatMap((f) =>
      graph
        .get(f)!
        .filter((t) => !name(t).startsWith('engine/'))
        .map((t) => `${name(f)} -> ${name(t)}`),
    );
    expect(outward).toEqual([]);
  });

  it('has no import circle', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        circles.push([...path.slice(path.indexOf(f)), f].map(name).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(circles).toEqual([]);
  });
});

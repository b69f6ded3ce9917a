import { describe, expect, it } from 'vitest';
import {
  assertReferences,
  DanglingReferenceError,
  hardwareIdProblems,
  idsAt,
  REFERENCE_RULES,
  resolveIds,
} from '../../../src/queries/references.ts';
import { legacyMoves } from '../../../src/queries/paths.ts';

describe('idsAt', () => {
  it.each([
    [{ a: 'x' }, 'a', ['x']],
    [{ a: ['x', 'y'] }, 'a[]', ['x', 'y']],
    [{ a: { b: 'x' } }, 'a.b', ['x']],
    [{ picks: [{ hardware: 'h1' }, { hardware: 'h2' }] }, 'picks[].hardware', ['h1', 'h2']],
    [{ a: null }, 'a', []],
    [{}, 'a[]', []],
    [{ a: 'not-an-array' }, 'a[]', []],
  ])('%j at %s', (data, field, expected) => {
    expect(idsAt(data, field)).toEqual(expected);
  });
});

describe('assertReferences', () => {
  const base = {
    tools: [{ id: 'ollama', data: {} }],
    models: [{ id: 'm1', filePath: 'content/models/m1.json', data: { tools: ['ollama'] } }],
  };
  const rules = [{ from: 'models', field: 'tools[]', to: 'tools' }];

  it('accepts resolvable references', () => {
    expect(() => assertReferences(base, rules)).not.toThrow();
  });

  it('names the file, the field and the missing id', () => {
    const broken = {
      ...base,
      models: [{ id: 'm1', filePath: 'content/models/m1.json', data: { tools: ['ollama', 'nope'] } }],
    };
    expect(() => assertReferences(broken, rules)).toThrow(DanglingReferenceError);
    expect(() => assertReferences(broken, rules)).toThrow(
      'content/models/m1.json: field "tools" refers to tools "nope", which does not exist (expected content/tools/nope.*)',
    );
  });

  it('lists every dangling reference at once', () => {
    const broken = {
      tools: [],
      models: [
        { id: 'a', data: { tools: ['x'] } },
        { id: 'b', data: { tools: ['y'] } },
      ],
    };
    try {
      assertReferences(broken, rules);
      expect.unreachable();
    } catch (e) {
      expect(String(e)).toContain('content/models/a: field "tools" refers to tools "x"');
      expect(String(e)).toContain('content/models/b: field "tools" refers to tools "y"');
    }
  });

  it('rejects a rule pointing at an unknown collection', () => {
    expect(() => assertReferences(base, [{ from: 'models', field: 'tools[]', to: 'nowhere' }])).toThrow(
      'unknown collection "nowhere"',
    );
  });

  it('covers every reference field named in the schemas', () => {
    const fields = REFERENCE_RULES.map((r) => `${r.from}.${r.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'glossary.related[]',
        'glossary.errors[]',
        'models.tools[]',
        'errors.tools[]',
        'errors.hardware[]',
        'benchmarks.model',
        'benchmarks.hardware',
        'benchmarks.tool',
      ]),
    );
  });
});

describe('resolveIds', () => {
  const byId = new Map([
    ['a', 1],
    ['b', 2],
  ]);
  it('returns entries in the requested order', () => {
    expect(resolveIds(['b', 'a'], { collection: 'x', byId }, { file: 'f', field: 'g' })).toEqual([2, 1]);
  });
  it('throws naming both ends', () => {
    expect(() =>
      resolveIds(['c'], { collection: 'errors', byId }, { file: 'content/glossary/t.mdx', field: 'errors' }),
    ).toThrow('content/glossary/t.mdx: field "errors" refers to errors "c", which does not exist');
  });
});

describe('hardware ids', () => {
  const hw = (id: string, memoryGiB: number, formerIds: string[] = []) => ({
    id,
    filePath: `content/hardware/${id}.json`,
    data: { memoryGiB, formerIds },
  });

  it('accepts ids that end with the memory size, and unique former ids', () => {
    expect(hardwareIdProblems([hw('nvidia-rtx-3090-24gb', 24, ['nvidia-rtx-3090']), hw('apple-m4-16gb', 16)])).toEqual(
      [],
    );
  });

  it('names the file and the field of each broken rule', () => {
    expect(
      hardwareIdProblems([
        hw('nvidia-rtx-3090', 24),
        hw('nvidia-rtx-4090-24gb', 24, ['nvidia-rtx-3090']),
        hw('nvidia-rtx-4090-d-24gb', 24, ['nvidia-rtx-4090']),
        hw('nvidia-rtx-4090-x-24gb', 24, ['nvidia-rtx-4090']),
        hw('apple-m4-16gb', 24),
      ]),
    ).toEqual([
      'content/hardware/nvidia-rtx-3090.json: the id must end with its memory size "-24gb" (field "memoryGiB")',
      'content/hardware/nvidia-rtx-4090-24gb.json: field "formerIds" lists "nvidia-rtx-3090", which is a current hardware id',
      'content/hardware/nvidia-rtx-4090-x-24gb.json: field "formerIds" lists "nvidia-rtx-4090", already a former id of nvidia-rtx-4090-d-24gb',
      'content/hardware/apple-m4-16gb.json: the id must end with its memory size "-24gb" (field "memoryGiB")',
    ]);
  });

  it('moves the hardware page and every answer page of a former id', () => {
    expect(
      legacyMoves(
        [
          { id: 'x-24gb', formerIds: ['x'] },
          { id: 'y-8gb', formerIds: [] },
        ],
        ['m1', 'm2'],
      ),
    ).toEqual([
      { from: '/hardware/x/', to: '/hardware/x-24gb/' },
      { from: '/will-it-run/m1/x/', to: '/will-it-run/m1/x-24gb/' },
      { from: '/will-it-run/m2/x/', to: '/will-it-run/m2/x-24gb/' },
    ]);
  });
});

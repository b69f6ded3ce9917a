import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../../src/cli/estimate.ts', import.meta.url));
const CONFIGS = fileURLToPath(new URL('../../fixtures/configs/', import.meta.url));
const CATALOG = fileURLToPath(new URL('../../fixtures/configs/catalog', import.meta.url));

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, RUNLOCALAI_CONTENT_DIR: CATALOG },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each test spawns Node several times: allow for a busy machine (correctness, not timing).
describe('estimate CLI', { timeout: 30_000 }, () => {
  it('--config --json prints the memory terms', () => {
    const r = run(['--config', `${CONFIGS}llama-3.1-8b-instruct.json`, '--quant', 'Q4_K_M', '--ctx', '8192', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, number>;
    expect(j['weightsBytes']).toBe(4912898048);
    expect(j['kvCacheBytes']).toBe(1024 * 2 ** 20);
    expect(j['totalBytes']).toBe(
      (j['weightsBytes'] ?? 0) + (j['kvCacheBytes'] ?? 0) + (j['computeBytes'] ?? 0) + (j['overheadBytes'] ?? 0),
    );
    expect(j['verdict']).toBeUndefined();
  });
  it('--model --hardware --json adds verdict, layers and speed', () => {
    const r = run([
      '--model',
      'llama-3.1-70b-instruct',
      '--quant',
      'q4_k_m',
      '--ctx',
      '8192',
      '--kv',
      'q8_0',
      '--hardware',
      'nvidia-rtx-4090-24gb',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      verdict: string;
      gpuLayers: number;
      tokensPerSecond: { low: number; high: number };
    };
    expect(j.verdict).toBe('partial-offload');
    expect(j.gpuLayers).toBeGreaterThan(0);
    expect(j.tokensPerSecond.low).toBeLessThan(j.tokensPerSecond.high);
  });
  it('custom machine: --vram-gb --bandwidth-gbs --gpus --ram-gb and --unified', () => {
    const r = run([
      '--config',
      `${CONFIGS}qwen3-30b-a3b.json`,
      '--quant',
      'Q4_K_M',
      '--ctx',
      '32768',
      '--vram-gb',
      '12',
      '--bandwidth-gbs',
      '360',
      '--ram-gb',
      '64',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { verdict: string; cpuMoeLayers: number };
    expect(j.verdict).toBe('partial-offload');
    expect(j.cpuMoeLayers).toBeGreaterThan(0);
    const two = run([
      '--config',
      `${CONFIGS}llama-3.1-8b-instruct.json`,
      '--quant',
      'F16',
      '--ctx',
      '4096',
      '--vram-gb',
      '12',
      '--bandwidth-gbs',
      '500',
      '--gpus',
      '2',
      '--json',
    ]);
    expect((JSON.parse(two.stdout) as { devices: unknown[] }).devices).toHaveLength(2);
    const mac = run([
      '--config',
      `${CONFIGS}gemma-3-12b-it.json`,
      '--quant',
      'Q4_K_M',
      '--ctx',
      '8192',
      '--vram-gb',
      '32',
      '--bandwidth-gbs',
      '400',
      '--unified',
      '--json',
    ]);
    expect((JSON.parse(mac.stdout) as { verdict: string }).verdict).toBe('fits');
  });
  it('table output names its units', () => {
    const r = run([
      '--model',
      'llama-3-8b-instruct',
      '--quant',
      'Q4_K_M',
      '--ctx',
      '8192',
      '--hardware',
      'apple-m3-max-64gb',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Weights \(GiB\)\s+4\.5\d/);
    expect(r.stdout).toMatch(/KV cache \(GiB\)\s+1\.00/);
    expect(r.stdout).toContain('tok/s (estimate)');
    expect(r.stdout).toContain('GiB = 2^30 bytes');
  });
  it.each([
    [['--model', 'nope', '--quant', 'Q4_K_M'], /Unknown model id "nope"/],
    [['--model', 'llama-3-8b-instruct', '--quant', 'Q4_K_X'], /Unknown quant "Q4_K_X"/],
    [
      ['--model', 'llama-3-8b-instruct', '--quant', 'Q4_K_M', '--hardware', 'gtx-9999'],
      /Unknown hardware id "gtx-9999"/,
    ],
    [['--config', `${CONFIGS}malformed.json`, '--quant', 'Q4_K_M'], /missing "num_hidden_layers"/],
    [['--config', `${CONFIGS}does-not-exist.json`, '--quant', 'Q4_K_M'], /Cannot read/],
    [['--model', 'llama-3-8b-instruct'], /--quant/],
    [['--quant', 'Q4_K_M'], /--config .* or --model/],
    [['--model', 'llama-3-8b-instruct', '--quant', 'Q4_K_M', '--ctx', 'abc'], /--ctx must be an integer/],
    [['--model', 'llama-3-8b-instruct', '--quant', 'Q4_K_M', '--bogus'], /Unknown option/],
    [['--model', 'llama-3-8b-instruct', '--quant', 'Q4_K_M', '--kv', 'q3'], /Unknown KV cache type "q3"/],
  ])('error exit for %j', (args, message) => {
    const r = run(args);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('estimate CLI, engine v2 flags', { timeout: 30_000 }, () => {
  const next = `${CONFIGS}qwen3-next-80b-a3b.json`;
  const card = ['--vram-gb', '80', '--bandwidth-gbs', '2039', '--ram-gb', '128'];
  it('--json reports the recurrent state, which does not grow with context', () => {
    const at = (ctx: string, np: string): Record<string, unknown> =>
      JSON.parse(
        run(['--config', next, '--quant', 'Q4_K_M', '--ctx', ctx, '--parallel', np, '--json']).stdout,
      ) as Record<string, unknown>;
    const a = at('4096', '1');
    const b = at('131072', '1');
    const c = at('131072', '4');
    expect(a['recurrentStateBytes']).toBe(75.375 * 2 ** 20);
    expect(b['recurrentStateBytes']).toBe(a['recurrentStateBytes']);
    expect(c['recurrentStateBytes']).toBe(4 * (a['recurrentStateBytes'] as number));
    expect(b['kvCacheBytes'] as number).toBeGreaterThan(a['kvCacheBytes'] as number);
    expect(String(a['recurrentStateNote'])).toMatch(/does not grow with context/);
    expect(a['visionBytes']).toBe(0);
    expect(a['draftBytes']).toBe(0);
  });
  it('--depth, --prompt-tokens: speed at a depth, time to first token, launch plan', () => {
    const r = run([
      '--config',
      `${CONFIGS}llama-3.1-8b-instruct.json`,
      '--quant',
      'Q4_K_M',
      '--ctx',
      '32768',
      '--depth',
      '16384',
      '--prompt-tokens',
      '2000',
      ...card,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & {
      tokensPerSecond: { expected: number };
      tokensPerSecondAtFullContext: { expected: number };
      maxContextByKvType: Record<string, number>;
      serverDefaults: { context: number; parallel: number };
    };
    expect(j['decodeDepth']).toBe(16384);
    expect(j['promptTokens']).toBe(2000);
    expect(j['timeToFirstTokenSeconds'] as number).toBeGreaterThan(0);
    expect(j.tokensPerSecond.expected).toBeGreaterThan(j.tokensPerSecondAtFullContext.expected);
    expect(j.maxContextByKvType['f16']).toBe(131072);
    expect(j.serverDefaults.parallel).toBe(4);
  });
  it('--vision on, --draft and --mtp add their memory; bad uses are one-line errors', () => {
    const gemma = `${CONFIGS}gemma-3-12b-it.json`;
    const on = JSON.parse(run(['--config', gemma, '--quant', 'Q4_K_M', '--vision', 'on', '--json']).stdout) as Record<
      string,
      number
    >;
    expect(on['visionBytes']).toBeGreaterThan(0.8e9);
    const draft = JSON.parse(
      run([
        '--config',
        `${CONFIGS}llama-3.1-8b-instruct.json`,
        '--quant',
        'Q8_0',
        '--draft',
        `${CONFIGS}llama-3.2-3b-instruct.json`,
        '--draft-quant',
        'Q4_K_M',
        ...card,
        '--json',
      ]).stdout,
    ) as Record<string, unknown> & { speculative: { kind: string; speedup: { low: number; high: number } } };
    expect(draft['draftBytes'] as number).toBeGreaterThan(2e9);
    expect(draft.speculative.kind).toBe('draft');
    expect(draft.speculative.speedup.high).toBeGreaterThan(draft.speculative.speedup.low);
    const mtp = JSON.parse(
      run(['--config', `${CONFIGS}qwen3.5-35b-a3b.json`, '--quant', 'Q4_K_M', '--mtp', ...card, '--json']).stdout,
    ) as Record<string, unknown> & { speculative: { kind: string } };
    expect(mtp.speculative.kind).toBe('mtp');
    for (const [args, message] of [
      [['--vision', 'on'], /has no vision projector/],
      [['--vision', 'maybe'], /--vision must be on or off/],
      [['--mtp'], /has no MTP block/],
      [['--draft-quant', 'Q4_K_M'], /--draft-quant needs --draft/],
      [['--depth', 'deep'], /--depth must be an integer >= 0/],
    ] as const) {
      const bad = run(['--config', `${CONFIGS}llama-3.1-8b-instruct.json`, '--quant', 'Q4_K_M', ...args]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(message);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

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

describe('estimate CLI', () => {
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
      'nvidia-rtx-4090',
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

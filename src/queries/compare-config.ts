/**
 * What Compare offers: the model sets, the default state and the popular pairs that get static
 * pages. Plain data (no astro:content), so tests import it too; ids missing from the catalog are
 * skipped by the sets and fail the build in the pairs.
 */
import type { CompareState } from '../lib/compare-state.ts';

/** Model sets by size, each a list of popular catalog ids (ids missing from the catalog are skipped). */
export const MODEL_SETS = [
  {
    id: 'everyday',
    label: 'Everyday models (7-14B)',
    models: [
      'llama-3.1-8b-instruct',
      'qwen3-8b',
      'gemma-3-12b-it',
      'qwen3-14b',
      'phi-4',
      'mistral-nemo-12b-instruct-2407',
    ],
  },
  {
    id: 'mid',
    label: 'Mid-size models (20-35B)',
    models: [
      'gpt-oss-20b',
      'mistral-small-24b-instruct-2501',
      'gemma-3-27b-it',
      'qwen3.5-27b',
      'qwen3-30b-a3b',
      'qwen3-32b',
      'qwen2.5-coder-32b-instruct',
    ],
  },
  {
    id: 'large',
    label: 'Large models (70B and big MoE)',
    models: [
      'llama-3.3-70b-instruct',
      'qwen2.5-72b-instruct',
      'qwen3-next-80b-a3b-instruct',
      'llama-4-scout-17b-16e-instruct',
      'gpt-oss-120b',
      'qwen3-235b-a22b',
    ],
  },
] as const;

export const COMPARE_DEFAULTS: CompareState = {
  hw: ['nvidia-rtx-3090-24gb', 'nvidia-rtx-4090-24gb'],
  set: 'mid',
  ctx: 16384,
};

/** Popular comparisons with a static page each: /compare/<a>-vs-<b>/. */
export const COMPARE_PAIRS: readonly [string, string][] = [
  ['nvidia-rtx-3090-24gb', 'nvidia-rtx-4090-24gb'],
  ['nvidia-rtx-4090-24gb', 'nvidia-rtx-5090-32gb'],
  ['apple-m4-max-128gb', 'nvidia-rtx-5090-32gb'],
  ['amd-rx-7900-xtx-24gb', 'nvidia-rtx-4090-24gb'],
  ['nvidia-rtx-3090-24gb', 'amd-rx-7900-xtx-24gb'],
  ['nvidia-rtx-3060-12gb', 'nvidia-rtx-4060-ti-16gb'],
  ['nvidia-rtx-4060-ti-16gb', 'nvidia-rtx-5060-ti-16gb'],
  ['nvidia-rtx-5070-ti-16gb', 'nvidia-rtx-5080-16gb'],
  ['amd-rx-9070-xt-16gb', 'nvidia-rtx-5070-ti-16gb'],
  ['intel-arc-b580-12gb', 'nvidia-rtx-3060-12gb'],
  ['nvidia-rtx-4070-ti-super-16gb', 'nvidia-rtx-4080-super-16gb'],
  ['nvidia-tesla-p40-24gb', 'nvidia-rtx-3090-24gb'],
  ['intel-arc-pro-b60-24gb', 'nvidia-rtx-3090-24gb'],
  ['apple-m4-pro-48gb', 'nvidia-rtx-4090-24gb'],
  ['amd-ryzen-ai-max-plus-395-128gb', 'apple-m4-max-128gb'],
  ['nvidia-dgx-spark-128gb', 'amd-ryzen-ai-max-plus-395-128gb'],
  ['nvidia-dgx-spark-128gb', 'apple-m4-max-128gb'],
  ['apple-m3-ultra-512gb', 'nvidia-rtx-pro-6000-blackwell-96gb'],
  ['apple-m2-ultra-192gb', 'apple-m3-ultra-512gb'],
  ['nvidia-rtx-a6000-48gb', 'nvidia-rtx-6000-ada-48gb'],
];

export const pairSlug = (a: string, b: string) => `${a}-vs-${b}`;

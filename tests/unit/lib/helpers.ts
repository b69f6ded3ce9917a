/** Shared test helpers: reference data (shared copy preferred), fixture configs and catalog. */
import { readEntry } from '../../../src/cli/catalog-io.ts';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  CatalogHardware,
  CatalogModel,
  HardwareSetup,
  ModelArchitecture,
  ModelSpec,
} from '../../../src/lib/engine.ts';
import { hardwareFromCatalog, modelFromCatalog, parseHfConfig } from '../../../src/lib/engine.ts';

const SHARED = new URL('../../../../shared/data/estimator-reference.json', import.meta.url);
const COPY = new URL('../../fixtures/estimator-reference.json', import.meta.url);

export interface Reference {
  models: {
    id: string;
    config: Record<string, unknown>;
    gguf_files: { quant: string; bytes_or_gb: number; unit: 'bytes' | 'GiB' | 'GB' }[];
  }[];
  kv_observations: {
    model: string;
    quant: string;
    ctx: number;
    cache_type: string;
    kv_mib: number;
    compute_mib: number | null;
    backend: string;
  }[];
  speed_observations: {
    hardware: string;
    model: string;
    quant: string;
    pp_tok_s: number;
    tg_tok_s: number;
    test: string;
  }[];
}

/** The shared reference file when the sibling checkout exists, else the committed copy. */
export function loadReference(): { data: Reference; path: string } {
  const url = existsSync(fileURLToPath(SHARED)) ? SHARED : COPY;
  return { data: JSON.parse(readFileSync(url, 'utf8')) as Reference, path: fileURLToPath(url) };
}

export function fixtureConfig(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/configs/${name}.json`, import.meta.url), 'utf8'));
}

export function fixtureArch(name: string): ModelArchitecture {
  return parseHfConfig(fixtureConfig(name)).architecture;
}

export const CATALOG_DIR = fileURLToPath(new URL('../../fixtures/configs/catalog', import.meta.url));

export function catalogModel(id: string): ModelSpec {
  const raw = readEntry('models', id, CATALOG_DIR) as CatalogModel;
  return modelFromCatalog(id, raw);
}

export function catalogHardware(id: string, opts: Parameters<typeof hardwareFromCatalog>[2] = {}): HardwareSetup {
  const raw = readEntry('hardware', id, CATALOG_DIR) as CatalogHardware;
  return hardwareFromCatalog(id, raw, opts);
}

/** Architectures of models named in kv_observations / speed_observations that the reference file has no config for (public config.json values). */
export const KNOWN_ARCHS: Record<string, ModelArchitecture> = {
  llama3_8b: {
    layers: 32,
    hiddenSize: 4096,
    heads: 32,
    kvHeads: 8,
    headDim: 128,
    ffnSize: 14336,
    vocabSize: 128256,
    tiedEmbeddings: false,
    family: 'llama',
  },
  llama2_7b: {
    layers: 32,
    hiddenSize: 4096,
    heads: 32,
    kvHeads: 32,
    headDim: 128,
    ffnSize: 11008,
    vocabSize: 32000,
    tiedEmbeddings: false,
    family: 'llama',
  },
  // Qwen3-1.7B config.json: 28 layers, hidden 2048, 16 heads, 8 KV heads, head_dim 128, vocab 151936, tied.
  qwen3_1_7b: {
    layers: 28,
    hiddenSize: 2048,
    heads: 16,
    kvHeads: 8,
    headDim: 128,
    ffnSize: 6144,
    vocabSize: 151936,
    tiedEmbeddings: true,
    family: 'qwen3',
  },
};

/** Map a reference row's model label to an architecture. */
export function archForLabel(label: string): ModelArchitecture {
  const s = label.toLowerCase();
  if (s.includes('llama-2') || s.includes('llama 2')) return KNOWN_ARCHS['llama2_7b']!;
  if (s.includes('qwen3')) return KNOWN_ARCHS['qwen3_1_7b']!;
  if (s.includes('llama-3') || s.includes('llama 3')) return KNOWN_ARCHS['llama3_8b']!;
  throw new Error(`no architecture for reference label "${label}"`);
}

/** Catalog hardware ids for the reference speed rows (bandwidths from catalog-facts.json). */
export function hardwareForLabel(label: string): HardwareSetup {
  const s = label.toLowerCase();
  const table: [string, string][] = [
    ['rtx 3070', 'nvidia-rtx-3070-8gb'],
    ['rtx 3080', 'nvidia-rtx-3080-10gb'],
    ['rtx 3090', 'nvidia-rtx-3090-24gb'],
    ['rtx 4090', 'nvidia-rtx-4090-24gb'],
    ['m2 ultra', 'apple-m2-ultra-192gb'],
    ['m3 max', 'apple-m3-max-64gb'],
  ];
  const hit = table.find(([k]) => s.includes(k));
  if (hit === undefined) throw new Error(`no hardware fixture for "${label}"`);
  return catalogHardware(hit[1]);
}

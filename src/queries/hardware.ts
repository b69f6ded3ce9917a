/** Hardware lookups for index, compare and buyer pages. */
import { HARDWARE_VENDORS } from '../lib/taxonomy.ts';
import type { MarketQuote } from '../lib/display.ts';
import { getCatalog, type Entry } from './catalog.ts';

/** A hardware entry's market price as the tools carry it (dollars and month), or null when none is sourced. */
export function marketQuote(h: Entry<'hardware'>): MarketQuote | null {
  const m = h.data.marketPrice;
  return m ? { usd: m.usd, month: m.observedMonth } : null;
}

/** Hardware grouped by vendor (taxonomy order), largest memory first within a vendor. */
export async function hardwareByVendor() {
  const { hardware } = await getCatalog();
  return HARDWARE_VENDORS.map((vendor) => ({
    vendor,
    items: hardware
      .filter((h) => h.data.vendor === vendor)
      .sort((a, b) => b.data.memoryGiB - a.data.memoryGiB || b.data.bandwidthGBs - a.data.bandwidthGBs),
  })).filter((g) => g.items.length > 0);
}

/** Every hardware entry sorted by memory, then bandwidth (descending). */
export async function hardwareByMemory() {
  const { hardware } = await getCatalog();
  return [...hardware].sort((a, b) => b.data.memoryGiB - a.data.memoryGiB || b.data.bandwidthGBs - a.data.bandwidthGBs);
}

/** Memory tiers (GiB, inclusive lower bound) used by "Choose my GPU". */
const TIERS = [
  { id: '32-plus', label: '32 GiB and more', min: 32 },
  { id: '24', label: '24 GiB', min: 24 },
  { id: '16', label: '16 GiB', min: 16 },
  { id: '10-12', label: '10 to 12 GiB', min: 10 },
  { id: 'under-10', label: 'Under 10 GiB', min: 0 },
] as const;

/** Discrete GPUs grouped into memory tiers, largest tier first; empty tiers dropped. */
export async function gpusByMemoryTier() {
  const gpus = (await hardwareByMemory()).filter((h) => h.data.kind === 'gpu');
  return TIERS.map((tier, i) => {
    const upper = i === 0 ? Infinity : TIERS[i - 1]!.min;
    return { ...tier, items: gpus.filter((h) => h.data.memoryGiB >= tier.min && h.data.memoryGiB < upper) };
  }).filter((t) => t.items.length > 0);
}

/** Tiers for "runs well on" lists: how people shop, by memory and kind. */
const SHOPPING_TIERS = [
  { id: 'entry', label: 'GPUs with up to 12 GiB', test: (kind: string, gib: number) => kind === 'gpu' && gib <= 12 },
  {
    id: 'mid',
    label: 'GPUs with 16 GiB',
    test: (kind: string, gib: number) => kind === 'gpu' && gib > 12 && gib <= 16,
  },
  { id: 'high', label: 'GPUs with 24 GiB or more', test: (kind: string, gib: number) => kind === 'gpu' && gib > 16 },
  {
    id: 'unified',
    label: 'Macs and unified-memory machines',
    test: (kind: string) => kind === 'apple' || kind === 'unified',
  },
  { id: 'cpu', label: 'CPUs without a GPU', test: (kind: string) => kind === 'cpu' },
] as const;

/** Hardware grouped into shopping tiers, smallest memory first inside each. */
export async function hardwareTiers() {
  const all = [...(await hardwareByMemory())].reverse();
  return SHOPPING_TIERS.map((tier) => ({
    id: tier.id,
    label: tier.label,
    items: all.filter((h) => tier.test(h.data.kind, h.data.memoryGiB)),
  })).filter((t) => t.items.length > 0);
}

/** Hardware as the pickers group it (<optgroup>s): GPUs by vendor, Macs and unified memory, CPUs. */
export async function hardwarePickerGroups() {
  const { hardware } = await getCatalog();
  const gpus = (vendor: string) => hardware.filter((h) => h.data.kind === 'gpu' && h.data.vendor === vendor);
  return [
    { label: 'NVIDIA GPUs', items: gpus('NVIDIA') },
    { label: 'AMD GPUs', items: gpus('AMD') },
    { label: 'Intel GPUs', items: gpus('Intel') },
    {
      label: 'Macs and unified memory',
      items: hardware.filter((h) => h.data.kind === 'apple' || h.data.kind === 'unified'),
    },
    { label: 'CPUs (no GPU)', items: hardware.filter((h) => h.data.kind === 'cpu') },
  ].filter((g) => g.items.length > 0);
}

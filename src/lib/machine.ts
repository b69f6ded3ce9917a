/**
 * Turns the checker's hardware choice into one HardwareSetup: several catalog GPUs (identical or
 * not; each keeps its own memory), one Apple/unified machine, or custom numbers. Pure.
 */
import { hardwareFromCatalog, type CatalogHardware } from './catalog.ts';
import { cpuSetup, gpuSetup, type HardwareSetup } from './engine/hardware.ts';

export interface MachineChoice {
  /** Catalog ids, one per GPU. */
  hw: readonly string[];
  /** Custom machine when hw is empty: VRAM GiB (0 = CPU only), bandwidth GB/s. */
  vram?: number | undefined;
  bw?: number | undefined;
  /** System RAM in GiB (host RAM for GPUs; ignored for unified machines). */
  ram?: number | undefined;
}

/**
 * The setup for a choice. Unified-memory entries (Apple, Strix Halo) and CPUs stand alone: extra
 * entries after one are ignored. Mixed GPUs are combined device by device in the order given.
 * @throws when an id is not in `catalog`.
 */
export function machineFromChoice(choice: MachineChoice, catalog: ReadonlyMap<string, CatalogHardware>): HardwareSetup {
  if (choice.hw.length === 0) {
    const ramGiB = choice.ram ?? 32;
    const bandwidthGBs = choice.bw ?? 100;
    if (!choice.vram) return cpuSetup({ name: `CPU with ${ramGiB} GiB RAM`, ramGiB, bandwidthGBs });
    return gpuSetup({ name: `Custom ${choice.vram} GiB GPU`, vramGiB: choice.vram, bandwidthGBs, ramGiB });
  }
  const entries = choice.hw.map((id) => {
    const h = catalog.get(id);
    if (!h) throw new Error(`Unknown hardware "${id}".`);
    return { id, h };
  });
  const first = entries[0]!;
  // A CPU entry's memory is whatever RAM is installed: the RAM field overrides the catalog's size.
  if (first.h.kind === 'cpu')
    return hardwareFromCatalog(first.id, first.h, choice.ram !== undefined ? { memoryGiB: choice.ram } : {});
  if (first.h.kind !== 'gpu') return hardwareFromCatalog(first.id, first.h);
  const gpus = entries.filter((e) => e.h.kind === 'gpu');
  const options = choice.ram !== undefined ? { ramGiB: choice.ram } : {};
  if (gpus.every((e) => e.id === first.id))
    return hardwareFromCatalog(first.id, first.h, { ...options, gpus: gpus.length });
  const setups = gpus.map((e) => hardwareFromCatalog(e.id, e.h, options));
  const base = setups[0]!;
  return {
    ...base,
    name: gpus.map((e) => e.h.name).join(' + '),
    devices: setups.flatMap((s) => s.devices),
  };
}

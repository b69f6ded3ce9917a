// `npm run bench:scale -- --models N --hardware M`: how the build grows with the catalog.
// Generates a synthetic catalog in a temporary folder (the test fixture tree, plus N models and M
// devices cloned from the real catalog with new ids, so every architecture is a real one), builds
// it, builds a bare Astro site with the same number of pages, and prints one line:
//   pages=... build_s=... s_per_1000_pages=... peak_rss_mb=... pagefind_bytes=... ratio_vs_bare_astro=...
// plus where the time goes: render_s (Astro's "generating static routes": every page, badge and
// data file) and outputs (files written, badges included; pages counts HTML only, as Astro does).
// --runs N builds each site N times, interleaved, and reports the fastest of each: these shared
// machines are noisy (the same bare build takes 3.8 to 7.9 s), and the minimum is the closest to
// what the build itself costs. A benchmark, not a test: timings depend on the machine.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive whole number`);
  return value;
};
const N = arg('models', 60);
// --keep leaves the scratch folder (synthetic content and both builds) for profiling.
const keep = args.includes('--keep');
const runs = args.includes('--runs') ? arg('runs', 1) : 1;
const M = arg('hardware', 50);
const scratch = mkdtempSync(join(tmpdir(), 'runlocalai-scale-'));

/** N (or M) entries cloned round-robin from the real ones, each with a fresh id. */
function clones(folder, count, rename) {
  const dir = join(ROOT, 'content', folder);
  const real = readdirSync(dir)
    .filter((f) => f.endsWith('.mdx') && !f.startsWith('_'))
    .sort();
  return Array.from({ length: count }, (_, i) => {
    const file = real[i % real.length];
    const [, frontmatter, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(join(dir, file), 'utf8'));
    // The body's components name real ids the synthetic catalog lacks: keep the prose, drop the tags.
    const prose = body.replace(/<[A-Z][^>]*\/>/g, '');
    return [...rename(file.replace(/\.mdx$/, ''), parseYaml(frontmatter), Math.floor(i / real.length)), prose];
  });
}

/** An MDX entry: JSON frontmatter (valid YAML) and the real entry's body. */
const entry = (data, body) => `---\n${JSON.stringify(data)}\n---\n${body}`;

function syntheticContent() {
  const content = join(scratch, 'site', 'content');
  cpSync(join(ROOT, 'tests/fixtures/content'), content, { recursive: true });
  for (const [id, data, body] of clones('models', N, (id, data, round) => [
    `${id}-s${round}`,
    // A second copy of a model needs its own Hugging Face repo (the build allows one entry per repo).
    {
      ...data,
      name: `${data.name} (copy ${round})`,
      tools: [],
      hfRepo: round ? `${data.hfRepo}-s${round}` : data.hfRepo,
    },
  ]))
    writeFileSync(join(content, 'models', `${id}.mdx`), entry(data, body));
  for (const [id, data, body] of clones('hardware', M, (id, data, round) => {
    const [, base, mem] = /^(.*)-(\d+(?:\.\d+)?gb)$/.exec(id);
    return [`${base}-s${round}-${mem}`, { ...data, name: `${data.name} (copy ${round})`, formerIds: [] }];
  }))
    writeFileSync(join(content, 'hardware', `${id}.mdx`), entry(data, body));
  return content;
}

/** Runs a command under /usr/bin/time, returning wall seconds and peak RSS of the largest process. */
function timed(command, commandArgs, options) {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'peak_kb=%M', command, ...commandArgs], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...options,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0)
    throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${r.stdout}\n${r.stderr}`.slice(-4000));
  const peak = Number(/peak_kb=(\d+)/.exec(r.stderr)?.[1] ?? 0);
  return { seconds, peakMb: peak / 1024, stdout: r.stdout };
}

/** Seconds Astro reports for "generating static routes" (rendering and writing every route). */
function renderSeconds(stdout) {
  const after = stdout.slice(stdout.indexOf('generating static routes'));
  const m = /Completed in (?:(\d+)m\s*)?([\d.]+)(ms|s)/.exec(after);
  if (!m) return NaN;
  return Number(m[1] ?? 0) * 60 + Number(m[2]) / (m[3] === 'ms' ? 1000 : 1);
}

/** Files written outside Pagefind's index and Vite's assets: all of them, or those `keep` accepts. */
function countFiles(dir, keep = () => true) {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) n += name === 'pagefind' || name === '_astro' ? 0 : countFiles(full, keep);
    else if (keep(name)) n += 1;
  }
  return n;
}

function bytes(dir) {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    n += statSync(full).isDirectory() ? bytes(full) : statSync(full).size;
  }
  return n;
}

/** A bare Astro project (same Astro, same node_modules) with one route that emits `pages` pages. */
function bareAstro(pages) {
  const dir = join(scratch, 'bare');
  mkdirSync(join(dir, 'src/pages'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bare', type: 'module', private: true }));
  writeFileSync(join(dir, 'astro.config.mjs'), "export default { output: 'static' };\n");
  writeFileSync(
    join(dir, 'src/pages/[n].astro'),
    `---
export function getStaticPaths() {
  return Array.from({ length: ${pages} }, (_, n) => ({ params: { n: String(n) } }));
}
const { n } = Astro.params;
---
<html lang="en"><head><title>Page {n}</title></head><body><h1>Page {n}</h1><p>A bare Astro page.</p></body></html>
`,
  );
  return dir;
}

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
const astro = join(ROOT, 'node_modules/astro/bin/astro.mjs');
try {
  const content = syntheticContent();
  const dist = join(scratch, 'site/dist');
  const buildSite = () => {
    rmSync(dist, { recursive: true, force: true });
    rmSync(join(scratch, 'site/cache'), { recursive: true, force: true });
    return timed(process.execPath, [astro, 'build'], {
      cwd: ROOT,
      env: { ...env, RUNLOCALAI_CONTENT_DIR: content, RUNLOCALAI_BUILD_DIR: join(scratch, 'site') },
    });
  };
  const siteRuns = [buildSite()];
  const pages = countFiles(dist, (name) => name.endsWith('.html'));
  const outputs = countFiles(dist);
  const pagefindBytes = bytes(join(dist, 'pagefind'));
  const bareDir = bareAstro(pages);
  const buildBare = () => {
    rmSync(join(bareDir, 'dist'), { recursive: true, force: true });
    return timed(process.execPath, [join(bareDir, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: bareDir, env });
  };
  const bareRuns = [buildBare()];
  for (let i = 1; i < runs; i++) {
    siteRuns.push(buildSite());
    bareRuns.push(buildBare());
  }
  const fastest = (list) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const site = fastest(siteRuns);
  const bare = fastest(bareRuns);
  const peak = Math.max(...siteRuns.map((r) => r.peakMb));
  console.log(
    `models=${N} hardware=${M} runs=${runs} pages=${pages} outputs=${outputs} build_s=${site.seconds.toFixed(1)} ` +
      `render_s=${renderSeconds(site.stdout).toFixed(1)} ` +
      `s_per_1000_pages=${((site.seconds / pages) * 1000).toFixed(2)} peak_rss_mb=${peak.toFixed(0)} ` +
      `pagefind_bytes=${pagefindBytes} bare_astro_s=${bare.seconds.toFixed(1)} bare_render_s=${renderSeconds(bare.stdout).toFixed(1)} ` +
      `ratio_vs_bare_astro=${(site.seconds / bare.seconds).toFixed(2)}`,
  );
} finally {
  if (keep) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

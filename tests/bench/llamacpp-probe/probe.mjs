// Probe llama.cpp (via node-llama-cpp's prebuilt CPU binary) memory allocations
// for tiny synthetic GGUF models. Usage: see README.md.
//
//   node probe.mjs --nlc-dir /tmp/llprobe [--arch llama,qwen3next] [--out file.json]
//   (internal) node probe.mjs --nlc-dir DIR --child ARCH --result FILE
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { writeGguf, GGML } from './gguf-writer.mjs';
import { ARCHS } from './archs.mjs';

const args = process.argv.slice(2);
const opt = (k, d) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : d;
};
const nlcDir = path.resolve(opt('--nlc-dir', '/tmp/llprobe'));
const workDir = opt('--work-dir', path.join(os.tmpdir(), 'llprobe-models'));
fs.mkdirSync(workDir, { recursive: true });
const here = path.dirname(fileURLToPath(import.meta.url));

function tensorType(name, shape, arch) {
  if (ARCHS[arch].tensorType) {
    const t = ARCHS[arch].tensorType(name, shape);
    if (t != null) return t;
  }
  if (shape.filter((d) => d > 1).length <= 1) return GGML.F32;
  if (/ssm_|conv|shortconv|norm/.test(name)) return GGML.F32;
  return GGML.F16;
}

// ---------------------------------------------------------------- child: one arch
async function child(arch, resultFile) {
  const def = ARCHS[arch];
  const { getLlama, LlamaLogLevel } = await import(
    pathToFileURL(path.join(nlcDir, 'node_modules/node-llama-cpp/dist/index.js')).href
  );
  let logs = [];
  const llama = await getLlama({
    ...(process.env.PROBE_DEBUG ? { debug: true } : {}),
    gpu: false,
    build: 'never',
    usePrebuiltBinaries: true,
    skipDownload: true,
    progressLogs: false,
    logLevel: LlamaLogLevel.debug,
    logger: (level, msg) => {
      logs.push(String(msg).replace(/\n$/, ''));
    },
  });
  // llama.cpp log lines reach the JS logger asynchronously: wait until `pred` holds, then until quiet
  const settle = async (pred, maxMs = 3000) => {
    const t0 = Date.now();
    while (!logs.some(pred) && Date.now() - t0 < maxMs) await new Promise((r) => setTimeout(r, 10));
    let n = -1;
    while (n !== logs.length && Date.now() - t0 < maxMs + 2000) {
      n = logs.length;
      await new Promise((r) => setTimeout(r, 60));
    }
  };
  const kv = def.kv();
  const tensors = new Map(); // name -> shape
  for (const [n, s] of def.seedTensors ? def.seedTensors() : []) tensors.set(n, s);
  if (process.env.PROBE_RESUME && fs.existsSync(resultFile + '.tensors.json'))
    for (const [n, sh] of JSON.parse(fs.readFileSync(resultFile + '.tensors.json', 'utf8'))) tensors.set(n, sh);
  const file = path.join(workDir, `${arch}.gguf`);
  let written = null;
  const write = () =>
    (written = writeGguf(
      file,
      kv,
      [...tensors].map(([name, shape]) => ({ name, shape, type: tensorType(name, shape, arch) })),
    ));

  // discovery loop: let the loader tell us missing tensors and their expected shapes
  let model = null,
    iter = 0,
    lastErr = '',
    unknownErrors = 0;
  for (; iter < 3000; iter++) {
    write();
    fs.writeFileSync(resultFile + '.tensors.json', JSON.stringify([...tensors]));
    logs = [];
    try {
      model = await llama.loadModel({ modelPath: file, gpuLayers: 0, useMmap: true, ignoreMemorySafetyChecks: true });
      await settle((l) => /model buffer size/.test(l));
      console.error(`[${arch}] model loaded after ${iter} iterations`);
      break;
    } catch (e) {
      // llama.cpp log lines arrive asynchronously: wait for the loader's error line
      let all = '',
        m = null,
        kind = null;
      for (let w = 0; w < 300; w++) {
        all = logs.join('\n') + '\n' + String(e?.message ?? e);
        if ((m = all.match(/missing tensor '([^']+)'/))) {
          kind = 'missing';
          break;
        }
        if ((m = all.match(/tensor '([^']+)' has wrong shape; expected ([\d,\s]+), got/))) {
          kind = 'shape';
          break;
        }
        if (w > 100 && logs.some((l) => /error loading model/.test(l))) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      if (kind === 'missing') {
        const name = m[1];
        let guess = [1];
        const bm = name.match(/^blk\.(\d+)\.(.*)$/);
        if (bm)
          for (const [n2, s2] of tensors) {
            const b2 = n2.match(/^blk\.(\d+)\.(.*)$/);
            if (b2 && b2[2] === bm[2]) guess = s2;
          }
        tensors.set(name, guess);
      } else if (kind === 'shape') {
        tensors.set(
          m[1],
          m[2].split(',').map((x) => parseInt(x.trim(), 10)),
        );
      } else {
        lastErr =
          all
            .split('\n')
            .filter((l) => /error|failed|exception|assert|wrong|missing/i.test(l))
            .slice(-8)
            .join('\n') +
          '\n---\n' +
          all.slice(-1500);
        if (++unknownErrors < 3) continue;
        break;
      }
      unknownErrors = 0;
    }
  }
  const tensorList = [...tensors].map(([name, shape]) => [
    name,
    shape,
    ['F32', 'F16'][tensorType(name, shape, arch)] ?? tensorType(name, shape, arch),
  ]);
  const result = {
    arch,
    iterations: iter,
    hparams: Object.fromEntries(
      kv.filter(([k]) => !k.startsWith('tokenizer.ggml.') || /model|pre|_id$/.test(k)).map(([k, v]) => [k, v.v]),
    ),
    tokenizer: { tokens: kv.find(([k]) => k === 'tokenizer.ggml.tokens')?.[1].v.length },
    tensors: tensorList,
    gguf: written,
    runs: [],
  };
  if (!model) {
    result.error = lastErr;
    fs.writeFileSync(resultFile, JSON.stringify(result));
    return;
  }
  result.modelLoadLog = logs.filter((l) =>
    /print_info|model buffer|load_tensors|llama_model_loader: - kv|llama_model_loader: - type|file size|file type/.test(
      l,
    ),
  );
  result.modelBufferMiB = parseModelBuf(result.modelLoadLog);

  for (const run of def.runs ?? defaultRuns()) {
    logs = [];
    console.error(`[${arch}] context ${JSON.stringify(run)}`);
    const r = { run: { ...run }, printed: {}, logLines: [] };
    try {
      const ctx = await model.createContext({
        contextSize: run.ctx,
        sequences: run.nSeqMax,
        batchSize: run.batch ?? 512,
        flashAttention: run.flashAttention,
        ignoreMemorySafetyChecks: true,
        ...(run.kvType
          ? { experimentalKvCacheKeyType: run.kvType, experimentalKvCacheValueType: run.kvTypeV ?? run.kvType }
          : {}),
        ...(run.swaFull != null ? { swaFullCache: run.swaFull } : {}),
      });
      await settle((l) => /sched_reserve: graph: nodes/.test(l));
      r.logLines = logs.filter(
        (l) =>
          !/llama_graph_n_input_tensors|graph_reserve: reserving/.test(l) &&
          /Simulating context|llama_context|llama_kv_cache|llama_memory|KV buffer|RS buffer|compute buffer|output buffer|sched_reserve|layer +\d+|n_ctx|n_ubatch|flash|swa|ISWA|hybrid|recurrent/i.test(
            l,
          ),
      );
      await ctx.dispose();
    } catch (e) {
      r.error = String(e?.message ?? e);
      await settle(() => false, 300);
      r.logLines = logs.filter((l) => !/llama_graph_n_input_tensors/.test(l)).slice(-40);
    }
    r.printed = parsePrinted(r.logLines);
    result.runs.push(r);
    fs.writeFileSync(resultFile, JSON.stringify(result));
  }
  fs.writeFileSync(resultFile, JSON.stringify(result));
  await model.dispose();
  await llama.dispose();
}

function defaultRuns() {
  const runs = [];
  for (const ctx of [4096, 32768]) for (const nSeqMax of [1, 4]) runs.push({ ctx, nSeqMax, flashAttention: false });
  return runs;
}

function parseModelBuf(lines) {
  const out = {};
  for (const l of lines) {
    const m = l.match(/(\S+) model buffer size = +([\d.]+) MiB/);
    if (m) out[m[1]] = +m[2];
  }
  return out;
}

function parsePrinted(lines) {
  const p = { kv: [], rs: [], compute: {}, output: {} };
  for (const l of lines) {
    let m;
    if (
      (m = l.match(
        /llama_kv_cache: size = +([\d.]+) MiB \( *(\d+) cells, +(\d+) layers, +(\d+)\/(\d+) seqs\), K \((\w+)\): +([\d.]+) MiB, V \((\w+)\): +([\d.]+) MiB/,
      ))
    )
      p.kv.push({
        MiB: +m[1],
        cells: +m[2],
        layers: +m[3],
        seqs: +m[4],
        streams: +m[5],
        kType: m[6],
        kMiB: +m[7],
        vType: m[8],
        vMiB: +m[9],
      });
    else if (
      (m = l.match(
        /llama_memory_recurrent: size = +([\d.]+) MiB \( *(\d+) cells, +(\d+) layers, +(\d+) seqs +(\d+) rs_seq\), R \((\w+)\): +([\d.]+) MiB, S \((\w+)\): +([\d.]+) MiB(?:, P \((\w+)\): +([\d.]+) MiB)?/,
      ))
    )
      p.rs.push({
        MiB: +m[1],
        cells: +m[2],
        layers: +m[3],
        seqs: +m[4],
        rsSeq: +m[5],
        rType: m[6],
        rMiB: +m[7],
        sType: m[8],
        sMiB: +m[9],
        pMiB: m[11] != null ? +m[11] : undefined,
      });
    else if ((m = l.match(/(\S+) compute buffer size = +([\d.]+) MiB/))) p.compute[m[1]] = +m[2];
    else if ((m = l.match(/(\S+) +output buffer size = +([\d.]+) MiB/))) p.output[m[1]] = +m[2];
    else if ((m = l.match(/(\S+) KV buffer size = +([\d.]+) MiB/)))
      (p.kvBuffers ??= []).push({ buft: m[1], MiB: +m[2] });
    else if ((m = l.match(/(\S+) RS buffer size = +([\d.]+) MiB/)))
      (p.rsBuffers ??= []).push({ buft: m[1], MiB: +m[2] });
    else if ((m = l.match(/llama_context: n_ctx_seq += (\d+)/))) p.nCtxSeq = +m[1];
    else if ((m = l.match(/llama_context: n_ctx += (\d+)/))) p.nCtx = +m[1];
    else if ((m = l.match(/llama_context: n_ubatch += (\d+)/))) p.nUbatch = +m[1];
    else if ((m = l.match(/llama_context: n_batch += (\d+)/))) p.nBatch = +m[1];
    else if ((m = l.match(/llama_context: flash_attn += (\w+)/))) p.flashAttn = m[1];
    else if ((m = l.match(/creating +(non-SWA|SWA) KV cache, size = (\d+) cells/))) (p.iswa ??= {})[m[1]] = +m[2];
  }
  return p;
}

// JSON with indentation for objects, but short arrays / leaf arrays on one line
function pretty(v, ind = '') {
  const flat = JSON.stringify(v);
  if (
    v === null ||
    typeof v !== 'object' ||
    flat.length <= 100 ||
    (Array.isArray(v) &&
      v.every((x) => x === null || typeof x !== 'object' || (Array.isArray(x) && JSON.stringify(x).length < 120)))
  )
    return Array.isArray(v) && flat.length > 100
      ? '[\n' + v.map((x) => ind + '  ' + JSON.stringify(x)).join(',\n') + '\n' + ind + ']'
      : flat;
  const ni = ind + '  ';
  if (Array.isArray(v)) return '[\n' + v.map((x) => ni + pretty(x, ni)).join(',\n') + '\n' + ind + ']';
  const ents = Object.entries(v).filter(([, x]) => x !== undefined);
  return '{\n' + ents.map(([k, x]) => ni + JSON.stringify(k) + ': ' + pretty(x, ni)).join(',\n') + '\n' + ind + '}';
}

function detectCommit(dir) {
  const out = {};
  const bundle = path.join(dir, 'node_modules/node-llama-cpp/llama/gitRelease.bundle');
  const g = spawnSync('git', ['bundle', 'list-heads', bundle], { encoding: 'utf8' });
  if (g.status === 0) out.bundleCommit = g.stdout.trim().split(/\s+/)[0];
  const lib = path.join(dir, 'node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/libllama-common.so');
  const py = spawnSync(
    'python3',
    [
      '-c',
      `import ctypes,sys\nl=ctypes.CDLL(sys.argv[1])\nprint(ctypes.c_int.in_dll(l,'LLAMA_BUILD_NUMBER').value)\nprint(ctypes.c_char_p.in_dll(l,'LLAMA_COMMIT').value.decode())`,
      lib,
    ],
    { encoding: 'utf8' },
  );
  if (py.status === 0) {
    const [bn, c] = py.stdout.trim().split('\n');
    out.buildNumber = +bn;
    out.binaryCommit = c;
  }
  return out;
}

// ---------------------------------------------------------------- parent
async function main() {
  if (opt('--child')) return child(opt('--child'), opt('--result'));
  const which = (opt('--arch') ?? Object.keys(ARCHS).join(',')).split(',');
  const out = path.resolve(opt('--out', path.join(here, '../../../content/reference/llamacpp-observations.json')));
  const nlcPkg = JSON.parse(fs.readFileSync(path.join(nlcDir, 'node_modules/node-llama-cpp/package.json'), 'utf8'));
  const info = JSON.parse(
    fs.readFileSync(path.join(nlcDir, 'node_modules/node-llama-cpp/llama/llama.cpp.info.json'), 'utf8'),
  );
  let existing = { observations: [] };
  if (args.includes('--merge') && fs.existsSync(out)) existing = JSON.parse(fs.readFileSync(out, 'utf8'));
  const results = [];
  for (const arch of which) {
    const rf = path.join(workDir, `${arch}.result.json`);
    fs.rmSync(rf, { force: true });
    const t0 = Date.now();
    const c = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--nlc-dir', nlcDir, '--work-dir', workDir, '--child', arch, '--result', rf],
      { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 15 * 60e3 },
    );
    let res = fs.existsSync(rf) ? JSON.parse(fs.readFileSync(rf, 'utf8')) : { arch, runs: [] };
    if (c.status !== 0)
      res.childExit = {
        status: c.status,
        signal: c.signal,
        stderrTail: (c.stderr || '').split('\n').slice(-15).join('\n'),
      };
    console.error(
      `${arch}: ${((Date.now() - t0) / 1000).toFixed(1)}s, tensors=${res.tensors?.length}, runs=${res.runs.length}${res.error ? ' ERROR ' + res.error.slice(0, 300) : ''}${res.childExit ? ' EXIT ' + JSON.stringify(res.childExit).slice(0, 600) : ''}`,
    );
    results.push(res);
  }
  const obs = existing.observations.filter((o) => !which.includes(o.arch));
  for (const res of results) {
    if (!res.runs.length) {
      obs.push({
        arch: res.arch,
        hparams: res.hparams,
        tensors: res.tensors,
        error: res.error ?? res.childExit,
        run: null,
        printed: null,
        logLines: [],
      });
      continue;
    }
    for (const r of res.runs) {
      const p = r.printed;
      const kvTot = p.kv.length ? +p.kv.reduce((a, k) => a + k.MiB, 0).toFixed(2) : undefined;
      obs.push({
        arch: res.arch,
        hparams: res.hparams,
        tokenizerTokens: res.tokenizer?.tokens,
        gguf: res.gguf,
        tensors: res.tensors,
        run: {
          ...r.run,
          batch: undefined,
          batchSizeRequested: r.run.batch ?? 512,
          kvType: r.run.kvType ?? 'F16',
          kvTypeV: r.run.kvTypeV ?? r.run.kvType ?? 'F16',
          nCtxPassed: p.nCtx,
          nCtxSeq: p.nCtxSeq,
          nBatch: p.nBatch,
          ubatch: p.nUbatch,
          flashAttnPrinted: p.flashAttn,
        },
        printed: {
          modelBufferMiB: res.modelBufferMiB,
          kvCacheMiB: kvTot,
          kvCells: p.kv.map((k) => k.cells),
          kvLayers: p.kv.map((k) => k.layers),
          kv: p.kv,
          iswa: p.iswa,
          rsMiB: p.rs[0]?.MiB,
          rMiB: p.rs[0]?.rMiB,
          sMiB: p.rs[0]?.sMiB,
          rs: p.rs,
          kvBuffers: p.kvBuffers,
          rsBuffers: p.rsBuffers,
          computeMiB: p.compute,
          outputMiB: p.output,
        },
        error: r.error,
        logLines: r.logLines,
      });
    }
  }
  const commit = detectCommit(nlcDir);
  const doc = {
    llamaCpp: {
      package: `node-llama-cpp@${nlcPkg.version} (+ @node-llama-cpp/linux-x64 prebuilt CPU binary)`,
      version: info.tag,
      commit: commit.binaryCommit ?? null,
      buildNumber: commit.buildNumber,
      bundleSourceCommit: commit.bundleCommit,
      repo: info.llamaCppGithubRepo,
      note:
        'node-llama-cpp bundles llama.cpp release tag ' +
        info.tag +
        '; `commit` is LLAMA_COMMIT compiled into libllama-common.so, `bundleSourceCommit` is the (squashed) commit of llama/gitRelease.bundle',
    },
    notes: [
      'All tensor data is zero; hparams are GGUF metadata keys as written (tokenizer arrays omitted, see tokenizerTokens). tensors: [name, ne (ggml order), type]; gguf.dataBytes = sum of tensor sizes padded to 32 bytes.',
      'node-llama-cpp passes n_ctx = contextSize * sequences (run.nCtxPassed), kv_unified = false, n_ubatch = n_batch = batchSize (+1 when the GGUF has <arch>.attention.sliding_window and swaFullCache is off).',
      'printed.* values are the MiB numbers exactly as llama.cpp printed them (2 decimals); kvCells is per stream (one stream per sequence since kv_unified=false).',
    ],
    generatedAt: new Date().toISOString(),
    observations: obs,
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, pretty(doc) + '\n');
  console.error('wrote', out);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});

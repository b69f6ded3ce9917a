// Tiny synthetic model definitions (GGUF metadata). Tensor lists are discovered
// by probe.mjs from the loader's own "missing tensor" / "wrong shape" errors,
// plus `seedTensors` for optional tensors the graph needs.
import { u32, f32, str, arr, GGUF } from './gguf-writer.mjs';

export const N_VOCAB = 1024;

// SPM ("llama") tokenizer: <unk>, <s>, </s>, 256 byte tokens, then filler pieces.
export function tokenizerKv() {
  const tokens = ['<unk>', '<s>', '</s>'],
    types = [2, 3, 3];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
  }
  for (let i = tokens.length; i < N_VOCAB; i++) {
    tokens.push(`\u2581t${i}`);
    types.push(1);
  }
  return [
    ['tokenizer.ggml.model', str('llama')],
    ['tokenizer.ggml.tokens', arr(GGUF.STRING, tokens)],
    [
      'tokenizer.ggml.scores',
      arr(
        GGUF.F32,
        tokens.map((_, i) => (i < 259 ? 0 : -i)),
      ),
    ],
    ['tokenizer.ggml.token_type', arr(GGUF.I32, types)],
    ['tokenizer.ggml.bos_token_id', u32(1)],
    ['tokenizer.ggml.eos_token_id', u32(2)],
    ['tokenizer.ggml.unknown_token_id', u32(0)],
  ];
}

const U32A = (v) => arr(GGUF.U32, v);

function base(arch, h) {
  const a = arch;
  const kv = [
    ['general.architecture', str(a)],
    ['general.name', str(`tiny-${a}-probe`)],
    ['general.alignment', u32(32)],
    [`${a}.context_length`, u32(h.ctxTrain ?? 131072)],
    [`${a}.embedding_length`, u32(h.n_embd)],
    [`${a}.block_count`, u32(h.n_layer)],
    [`${a}.feed_forward_length`, Array.isArray(h.n_ff) ? U32A(h.n_ff) : u32(h.n_ff)],
    [`${a}.attention.head_count`, Array.isArray(h.n_head) ? U32A(h.n_head) : u32(h.n_head)],
    [`${a}.attention.head_count_kv`, Array.isArray(h.n_head_kv) ? U32A(h.n_head_kv) : u32(h.n_head_kv)],
    [`${a}.attention.layer_norm_rms_epsilon`, f32(1e-5)],
    [`${a}.rope.freq_base`, f32(10000)],
    [`${a}.vocab_size`, u32(N_VOCAB)],
  ];
  if (h.key_length) kv.push([`${a}.attention.key_length`, u32(h.key_length)]);
  if (h.value_length) kv.push([`${a}.attention.value_length`, u32(h.value_length)]);
  if (h.rope_dim) kv.push([`${a}.rope.dimension_count`, u32(h.rope_dim)]);
  for (const [k, v] of h.extra ?? []) kv.push([k.replace('%', a), v]);
  return [...kv, ...tokenizerKv()];
}

const llamaRuns = () => {
  const r = [];
  for (const ctx of [4096, 32768, 131072])
    for (const nSeqMax of [1, 4]) r.push({ ctx, nSeqMax, flashAttention: false });
  r.push({ ctx: 4096, nSeqMax: 1, flashAttention: true });
  r.push({ ctx: 32768, nSeqMax: 4, flashAttention: true });
  r.push({ ctx: 4096, nSeqMax: 1, flashAttention: true, kvType: 'Q8_0' });
  r.push({ ctx: 32768, nSeqMax: 1, flashAttention: true, kvType: 'Q8_0' });
  r.push({ ctx: 32768, nSeqMax: 4, flashAttention: true, kvType: 'Q8_0' });
  r.push({ ctx: 4096, nSeqMax: 1, flashAttention: false, kvType: 'Q8_0', kvTypeV: 'F16' });
  r.push({ ctx: 4096, nSeqMax: 1, flashAttention: false, batch: 2048 });
  r.push({ ctx: 5000, nSeqMax: 1, flashAttention: false });
  r.push({ ctx: 5000, nSeqMax: 3, flashAttention: false });
  return r;
};

const ssm = (c) => [
  ['%.ssm.conv_kernel', u32(c.d_conv)],
  ['%.ssm.inner_size', u32(c.d_inner)],
  ['%.ssm.state_size', u32(c.d_state)],
  ['%.ssm.time_step_rank', u32(c.dt_rank)],
  ...(c.n_group != null ? [['%.ssm.group_count', u32(c.n_group)]] : []),
];
const perLayer = (n, f) => Array.from({ length: n }, (_, i) => f(i));

const stdRuns = (extra = []) => [
  { ctx: 4096, nSeqMax: 1, flashAttention: false },
  { ctx: 4096, nSeqMax: 4, flashAttention: false },
  { ctx: 32768, nSeqMax: 1, flashAttention: false },
  { ctx: 32768, nSeqMax: 4, flashAttention: false },
  { ctx: 131072, nSeqMax: 1, flashAttention: true },
  { ctx: 5000, nSeqMax: 3, flashAttention: false },
  ...extra,
];

export const ARCHS = {
  llama: {
    // n_embd 512, 8 q-heads x 64, 2 kv-heads (GQA 4), 6 layers
    kv: () => base('llama', { n_embd: 512, n_layer: 6, n_ff: 1408, n_head: 8, n_head_kv: 2, rope_dim: 64 }),
    runs: llamaRuns(),
  },
  qwen3next: {
    // 8 layers, full_attention_interval 4 -> attention on layers 3 and 7; gated delta net elsewhere
    // DeltaNet: head_k_dim = head_v_dim = d_state = 128, n_k_heads = n_group = 2, n_v_heads = dt_rank = 4, d_inner = 4*128
    kv: () =>
      base('qwen3next', {
        n_embd: 512,
        n_layer: 8,
        n_ff: 1024,
        n_head: 8,
        n_head_kv: 2,
        key_length: 128,
        value_length: 128,
        rope_dim: 64,
        extra: [
          ['%.full_attention_interval', u32(4)],
          ['%.expert_count', u32(4)],
          ['%.expert_used_count', u32(2)],
          ['%.expert_feed_forward_length', u32(256)],
          ['%.expert_shared_feed_forward_length', u32(384)],
          ...ssm({ d_conv: 4, d_inner: 512, d_state: 128, n_group: 2, dt_rank: 4 }),
        ],
      }),
    seedTensors: () =>
      perLayer(8, (i) => i)
        .filter((i) => (i + 1) % 4 !== 0)
        .flatMap((i) => [
          [`blk.${i}.attn_qkv.weight`, [1]],
          [`blk.${i}.attn_gate.weight`, [1]],
        ]),
    runs: stdRuns([
      { ctx: 32768, nSeqMax: 1, flashAttention: true },
      { ctx: 32768, nSeqMax: 1, flashAttention: true, kvType: 'Q8_0' },
      { ctx: 4096, nSeqMax: 8, flashAttention: false },
    ]),
  },
  granitehybrid: {
    // 6 layers, attention (n_head_kv > 0) on layers 2 and 5, Mamba-2 elsewhere
    kv: () =>
      base('granitehybrid', {
        n_embd: 512,
        n_layer: 6,
        n_ff: 1024,
        n_head: 8,
        n_head_kv: perLayer(6, (i) => (i % 3 === 2 ? 4 : 0)),
        rope_dim: 64,
        extra: [...ssm({ d_conv: 4, d_inner: 1024, d_state: 64, n_group: 2, dt_rank: 16 })],
      }),
    seedTensors: () => [0, 1, 3, 4].map((i) => [`blk.${i}.ssm_conv1d.bias`, [1]]),
    runs: stdRuns(),
  },
  lfm2: {
    // 6 layers, attention on layers 2 and 5, short conv (L_cache 3) elsewhere
    kv: () =>
      base('lfm2', {
        n_embd: 512,
        n_layer: 6,
        n_ff: 1536,
        n_head: 8,
        n_head_kv: perLayer(6, (i) => (i % 3 === 2 ? 2 : 0)),
        rope_dim: 64,
        extra: [['%.shortconv.l_cache', u32(3)]],
      }),
    runs: stdRuns(),
  },
  nemotron_h: {
    // 6 layers: M (mamba2) M A (attention) F (mlp) M A
    kv: () => {
      const pat = ['M', 'M', 'A', 'F', 'M', 'A'];
      return base('nemotron_h', {
        n_embd: 512,
        n_layer: 6,
        n_ff: pat.map((p) => (p === 'F' ? 1536 : 0)),
        n_head: 8,
        n_head_kv: pat.map((p) => (p === 'A' ? 2 : 0)),
        key_length: 64,
        value_length: 64,
        extra: [
          ['%.attention.layer_norm_epsilon', f32(1e-5)],
          ...ssm({ d_conv: 4, d_inner: 1024, d_state: 128, n_group: 4, dt_rank: 16 }),
        ],
      });
    },
    seedTensors: () => [0, 1, 4].map((i) => [`blk.${i}.ssm_conv1d.bias`, [1]]),
    runs: stdRuns(),
  },
  'falcon-h1': {
    // 4 layers, every layer = attention + Mamba-2 in parallel
    kv: () =>
      base('falcon-h1', {
        n_embd: 512,
        n_layer: 4,
        n_ff: 1024,
        n_head: 8,
        n_head_kv: 2,
        key_length: 64,
        value_length: 64,
        rope_dim: 64,
        extra: [...ssm({ d_conv: 4, d_inner: 768, d_state: 48, n_group: 1, dt_rank: 12 })],
      }),
    seedTensors: () =>
      perLayer(4, (i) => i).flatMap((i) => [
        [`blk.${i}.ssm_conv1d.bias`, [1]],
        [`blk.${i}.ssm_norm.weight`, [1]],
      ]),
    runs: stdRuns(),
  },
  mamba2: {
    kv: () =>
      base('mamba2', {
        n_embd: 512,
        n_layer: 6,
        n_ff: 0,
        n_head: 0,
        n_head_kv: 0,
        extra: [...ssm({ d_conv: 4, d_inner: 1024, d_state: 96, n_group: 8, dt_rank: 32 })],
      }),
    runs: stdRuns(),
  },
  llama4: {
    // 8 layers, chunked attention (chunk 8192, hard-coded), every 4th layer full attention; MoE every 2nd layer
    kv: () =>
      base('llama4', {
        n_embd: 512,
        n_layer: 8,
        n_ff: 1024,
        n_head: 8,
        n_head_kv: 2,
        rope_dim: 64,
        extra: [
          ['%.expert_count', u32(4)],
          ['%.expert_used_count', u32(1)],
          ['%.expert_feed_forward_length', u32(512)],
          ['%.interleave_moe_layer_step', u32(2)],
        ],
      }),
    runs: stdRuns([
      { ctx: 4096, nSeqMax: 1, flashAttention: false, swaFull: true },
      { ctx: 16384, nSeqMax: 1, flashAttention: false },
      { ctx: 16384, nSeqMax: 2, flashAttention: false },
    ]),
  },
  gemma3: {
    // 6 layers, sliding window 1024, pattern 6 -> layers 0..4 SWA, layer 5 full
    kv: () =>
      base('gemma3', {
        n_embd: 512,
        n_layer: 6,
        n_ff: 1024,
        n_head: 4,
        n_head_kv: 1,
        key_length: 128,
        value_length: 128,
        extra: [
          ['%.attention.sliding_window', u32(1024)],
          ['%.rope.freq_base_swa', f32(10000)],
        ],
      }),
    runs: stdRuns([
      { ctx: 4096, nSeqMax: 1, flashAttention: false, swaFull: true },
      { ctx: 32768, nSeqMax: 4, flashAttention: false, swaFull: true },
      { ctx: 4096, nSeqMax: 1, flashAttention: false, batch: 2048 },
    ]),
  },
  jamba: {
    // 8 layers, attention on layers 3 and 7, Mamba-1 elsewhere (d_inner must be 2*n_embd)
    kv: () =>
      base('jamba', {
        n_embd: 512,
        n_layer: 8,
        n_ff: 1024,
        n_head: 8,
        n_head_kv: perLayer(8, (i) => (i % 4 === 3 ? 2 : 0)),
        extra: [...ssm({ d_conv: 4, d_inner: 1024, d_state: 16, dt_rank: 32 })],
      }),
    runs: stdRuns(),
  },
};

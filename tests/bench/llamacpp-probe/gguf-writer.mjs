// Minimal GGUF v3 writer (plain JS, no deps). Tensor data is all zeros
// (written as a sparse region via ftruncate), which is enough for llama.cpp
// to load the model and reserve KV / recurrent / compute buffers.
import fs from 'node:fs';

export const GGUF = {
  U8: 0,
  I8: 1,
  U16: 2,
  I16: 3,
  U32: 4,
  I32: 5,
  F32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  U64: 10,
  I64: 11,
  F64: 12,
};
export const GGML = { F32: 0, F16: 1, Q4_0: 2, Q8_0: 8 };
const TYPE_SIZE = { 0: [4, 1], 1: [2, 1], 2: [18, 32], 8: [34, 32] }; // [bytes per block, block size]

// typed value helpers: { t: GGUF.X, v } ; arrays: { t: GGUF.ARRAY, et: GGUF.X, v: [...] }
export const u32 = (v) => ({ t: GGUF.U32, v });
export const i32 = (v) => ({ t: GGUF.I32, v });
export const f32 = (v) => ({ t: GGUF.F32, v });
export const bool = (v) => ({ t: GGUF.BOOL, v });
export const str = (v) => ({ t: GGUF.STRING, v });
export const arr = (et, v) => ({ t: GGUF.ARRAY, et, v });

class Buf {
  constructor() {
    this.chunks = [];
    this.len = 0;
  }
  push(b) {
    this.chunks.push(b);
    this.len += b.length;
  }
  u32(v) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    this.push(b);
  }
  u64(v) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  str(s) {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.push(b);
  }
  scalar(t, v) {
    const b = Buffer.alloc({ 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 }[t] ?? 0);
    switch (t) {
      case GGUF.U8:
        b.writeUInt8(v);
        break;
      case GGUF.I8:
        b.writeInt8(v);
        break;
      case GGUF.U16:
        b.writeUInt16LE(v);
        break;
      case GGUF.I16:
        b.writeInt16LE(v);
        break;
      case GGUF.U32:
        b.writeUInt32LE(v >>> 0);
        break;
      case GGUF.I32:
        b.writeInt32LE(v);
        break;
      case GGUF.F32:
        b.writeFloatLE(v);
        break;
      case GGUF.BOOL:
        b.writeUInt8(v ? 1 : 0);
        break;
      case GGUF.U64:
        b.writeBigUInt64LE(BigInt(v));
        break;
      case GGUF.I64:
        b.writeBigInt64LE(BigInt(v));
        break;
      case GGUF.F64:
        b.writeDoubleLE(v);
        break;
      case GGUF.STRING:
        this.str(v);
        return;
      default:
        throw new Error('bad scalar type ' + t);
    }
    this.push(b);
  }
  concat() {
    return Buffer.concat(this.chunks, this.len);
  }
}

export function tensorNbytes(type, shape) {
  const [bs, blk] = TYPE_SIZE[type];
  const ne = shape.reduce((a, b) => a * b, 1);
  if (shape[0] % blk !== 0) throw new Error(`row size ${shape[0]} not multiple of block ${blk}`);
  return (ne / blk) * bs;
}

/**
 * kv: Array<[key, typedValue]> (order preserved)
 * tensors: Array<{ name, shape: number[] (ne0 first, like ggml), type: GGML.X }>
 */
export function writeGguf(path, kv, tensors, alignment = 32) {
  const h = new Buf();
  h.push(Buffer.from('GGUF', 'ascii'));
  h.u32(3);
  h.u64(tensors.length);
  h.u64(kv.length);
  for (const [key, val] of kv) {
    h.str(key);
    h.u32(val.t);
    if (val.t === GGUF.ARRAY) {
      h.u32(val.et);
      h.u64(val.v.length);
      for (const x of val.v) h.scalar(val.et, x);
    } else h.scalar(val.t, val.v);
  }
  let off = 0;
  for (const t of tensors) {
    h.str(t.name);
    h.u32(t.shape.length);
    for (const d of t.shape) h.u64(d);
    h.u32(t.type);
    h.u64(off);
    t.offset = off;
    t.nbytes = tensorNbytes(t.type, t.shape);
    off += Math.ceil(t.nbytes / alignment) * alignment;
  }
  let header = h.concat();
  const pad = (alignment - (header.length % alignment)) % alignment;
  header = Buffer.concat([header, Buffer.alloc(pad)]);
  fs.writeFileSync(path, header);
  fs.truncateSync(path, header.length + off); // zero-filled (sparse) tensor data
  return { headerBytes: header.length, dataBytes: off };
}

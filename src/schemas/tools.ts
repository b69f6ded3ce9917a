import { z } from 'astro/zod';
import { BACKENDS, PLATFORMS, TOOL_KIND_IDS } from '../lib/taxonomy.ts';
import { IsoDate, Sources } from './shared.ts';

/** A runtime or app that runs models locally (content/tools/<id>.mdx). The body is the review. */
export const ToolSchema = z
  .strictObject({
    /** Display name, e.g. "llama.cpp". */
    name: z.string().min(1),
    kind: z.enum(TOOL_KIND_IDS),
    /** Hand-written one-line verdict. */
    summary: z.string().min(20),
    license: z.string().min(1),
    platforms: z.array(z.enum(PLATFORMS)).min(1),
    backends: z.array(z.enum(BACKENDS)).min(1),
    /** Weight formats it loads, e.g. ["GGUF"]. */
    formats: z.array(z.string().min(1)).min(1),
    website: z.url(),
    repo: z.url().nullish(),
    /**
     * Which backends work on which operating system (the compatibility matrix on /tools/matrix/).
     * Every platform in `platforms` appears once; its backends are a subset of `backends`.
     */
    support: z
      .array(
        z.strictObject({
          platform: z.enum(PLATFORMS),
          backends: z.array(z.enum(BACKENDS)).min(1),
          /** Short caveat, e.g. "Vulkan build only" or "WSL2". */
          note: z.string().min(1).nullish(),
        }),
      )
      .optional(),
    /** A copyable command that downloads and runs a catalog model, e.g. "ollama run qwen3:8b". */
    run: z.string().min(1).nullish(),
    /** A copyable install command, e.g. "brew install llama.cpp". */
    install: z.string().min(1).nullish(),
    asOf: IsoDate,
    sources: Sources,
  })
  .superRefine((t, ctx) => {
    // The matrix must agree with the summary lists it refines.
    for (const [i, row] of (t.support ?? []).entries()) {
      if (!t.platforms.includes(row.platform))
        ctx.addIssue({
          code: 'custom',
          path: ['support', i, 'platform'],
          message: `${row.platform} is not in platforms`,
        });
      for (const b of row.backends)
        if (!t.backends.includes(b))
          ctx.addIssue({ code: 'custom', path: ['support', i, 'backends'], message: `${b} is not in backends` });
    }
    const listed = new Set((t.support ?? []).map((r) => r.platform));
    if (t.support && listed.size !== t.support.length)
      ctx.addIssue({ code: 'custom', path: ['support'], message: 'each platform appears once' });
    for (const p of t.support ? t.platforms : [])
      if (!listed.has(p))
        ctx.addIssue({ code: 'custom', path: ['support'], message: `${p} is in platforms but has no row` });
  });
export type ToolData = z.output<typeof ToolSchema>;

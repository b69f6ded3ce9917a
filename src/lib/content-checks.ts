/**
 * Pure checks over authored text that the build runs on every entry (src/queries/content-checks.ts
 * reports them with file names). Each returns the offending snippets; an empty list passes.
 */

const UNIT = String.raw`(?:[KMGT]i?B(?:\/s)?|tok(?:ens)?\/s|t\/s|TFLOPS|tokens per second)`;
/** A quantity of memory, bandwidth, speed or compute: "4.58 GiB", "936 GB/s", "~40 tok/s", "12-16 GB". */
const QUANTITY = new RegExp(
  String.raw`(?<![\w.])[~≈]?\d[\d,]*(?:\.\d+)?(?:\s?[-–]\s?\d[\d,]*(?:\.\d+)?)?\s?${UNIT}(?![\w/])`,
  'g',
);
/**
 * Whole-number sizes used as a class label ("a 12 GB card", "16 GB Macs", "an 8 GB GPU") name a
 * kind of machine rather than state a measured quantity, so they may be typed.
 */
const CLASS_LABEL =
  /^\d+\s?GB(?=\s+(?:cards?|GPUs?|graphics cards?|Macs?|MacBooks?|Mac minis?|laptops?|machines?|boxes|PCs?|systems?|devices?|class|tier|models?)\b)/;

/** Blank out what is not prose (code, MDX component tags, link targets, HTML comments), keeping line numbers. */
export function proseOnly(body: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return body
    .replace(/^(```|~~~)[\s\S]*?^\1/gm, blank)
    .replace(/`[^`\n]*`/g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/<[A-Z][\w.]*\b[\s\S]*?\/?>/g, blank)
    .replace(/\]\([^)]*\)/g, blank);
}

export interface TypedNumber {
  /** 1-based line in the body. */
  line: number;
  text: string;
}

/**
 * Memory, bandwidth, speed and compute quantities typed into prose instead of coming from an MDX
 * component (<Fit />, <Spec />, <Memory />, ...), which would let the page drift from the engine.
 */
export function typedNumbers(body: string): TypedNumber[] {
  const prose = proseOnly(body);
  const out: TypedNumber[] = [];
  for (const m of prose.matchAll(QUANTITY)) {
    const rest = prose.slice(m.index);
    if (CLASS_LABEL.test(rest)) continue;
    out.push({ line: prose.slice(0, m.index).split('\n').length, text: m[0] });
  }
  return out;
}

/**
 * Hugging Face repositories a command downloads from: `-hf owner/name[:quant]`, `--hf-repo owner/name`,
 * `hf.co/owner/name`, `huggingface.co/owner/name` (also `lms get https://huggingface.co/...`; a bare
 * `lms get owner/name` names LM Studio's own catalog), `--model mlx-community/name`,
 * `vllm serve owner/name`, `huggingface-cli download owner/name`, `hf download owner/name`.
 */
export function commandRepos(command: string): string[] {
  const repo = String.raw`(\w[\w.-]*\/[\w.-]+?)`;
  const end = String.raw`(?=[:@\s"'\x60)]|$)`;
  const patterns = [
    String.raw`(?:^|\s)(?:-hf|--hf-repo|-hfr)\s+${repo}${end}`,
    String.raw`(?:https?:\/\/)?(?:hf\.co|huggingface\.co)\/(?!api\/|docs\/|spaces\/|datasets\/)${repo}${end}`,
    String.raw`--model\s+${repo}${end}`,
    String.raw`\bvllm\s+serve\s+${repo}${end}`,
    String.raw`\b(?:huggingface-cli|hf)\s+download\s+${repo}${end}`,
  ];
  const found = new Set<string>();
  for (const p of patterns)
    for (const m of command.matchAll(new RegExp(p, 'gm'))) found.add(m[1]!.replace(/\.gguf$/i, ''));
  return [...found];
}

/** Fenced code blocks of a Markdown body (the commands a reader pastes). */
export function codeBlocks(body: string): string[] {
  return [...body.matchAll(/^(```|~~~)[^\n]*\n([\s\S]*?)^\1/gm)].map((m) => m[2]!);
}

/** Repository ids ("owner/name", lowercased) that a list of source URLs cites on Hugging Face. */
export function citedRepos(urls: readonly string[]): string[] {
  const out: string[] = [];
  for (const u of urls) {
    const m =
      /^https?:\/\/(?:huggingface\.co|hf\.co)\/(?!api\/models\/)([\w.-]+\/[\w.-]+)/.exec(u) ??
      /^https?:\/\/huggingface\.co\/api\/models\/([\w.-]+\/[\w.-]+)/.exec(u);
    if (m) out.push(m[1]!.toLowerCase());
  }
  return out;
}

// Builds the site over small fixture content trees that are broken on purpose and checks that the
// build fails with a message naming the file and the field (schema errors) or both ends (dangling
// references). Each build takes a few seconds.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFrontmatter } from '../../../src/cli/catalog-io.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const FIXTURE = join(ROOT, 'tests/fixtures/content');
const scratch = mkdtempSync(join(tmpdir(), 'runlocalai-bad-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An MDX entry whose frontmatter is `data` (JSON is valid YAML) and whose body is one line. */
const entry = (data: object) => `---\n${JSON.stringify(data, null, 2)}\n---\n\nVerdict.\n`;

/** Copies the valid fixture tree, applies `edit`, builds, returns exit code and output. */
function buildWith(name: string, edit: (dir: string) => void, extraEnv: Record<string, string> = {}) {
  const dir = join(scratch, name, 'content');
  cpSync(FIXTURE, dir, { recursive: true });
  edit(dir);
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      RUNLOCALAI_CONTENT_DIR: dir,
      RUNLOCALAI_BUILD_DIR: join(scratch, name),
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      ...extraEnv,
    },
    timeout: 240_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe('a broken content tree fails the build', { timeout: 240_000 }, () => {
  it('the valid fixture tree builds', () => {
    const r = buildWith('valid', () => {});
    expect(r.output).not.toMatch(/InvalidContentEntryDataError|DanglingReferenceError/);
    expect(r.status).toBe(0);
  });

  it('a configured build uses the site URL, the contact address and the digest endpoint', () => {
    const r = buildWith(
      'configured',
      (dir) =>
        writeFileSync(
          join(dir, 'pages/contact.mdx'),
          '---\ntitle: Contact\ndescription: "How to reach the editors of this site, by email."\nsection: editor\nupdated: 2026-12-02\n---\n\nEmail: <ContactEmail />\n',
        ),
      {
        RUNLOCALAI_SITE_URL: 'https://runlocal.test',
        RUNLOCALAI_CONTACT_EMAIL: 'editors@runlocal.test',
        RUNLOCALAI_DIGEST_ACTION: 'https://lists.runlocal.test/subscribe',
        RUNLOCALAI_AMAZON_TAG: 'runlocal-20',
      },
    );
    expect(r.status, r.output).toBe(0);
    const dist = join(scratch, 'configured/dist');
    const contact = readFileSync(join(dist, 'contact/index.html'), 'utf8');
    expect(contact).toContain('<link rel="canonical" href="https://runlocal.test/contact/"');
    expect(contact).toContain('href="mailto:editors@runlocal.test"');
    expect(contact).toMatch(/<form action="https:\/\/lists\.runlocal\.test\/subscribe" method="post"/);
    expect(readFileSync(join(dist, '_headers'), 'utf8')).toContain("form-action 'self' https://lists.runlocal.test");
    expect(readFileSync(join(dist, 'pulse/feed.json'), 'utf8')).toContain(
      '"feed_url": "https://runlocal.test/pulse/feed.json"',
    );
    // The tag goes on the Amazon link only, marked sponsored, and the disclosure beside it says so.
    const gpu = readFileSync(join(dist, 'hardware/tiny-gpu-8gb/index.html'), 'utf8');
    expect(gpu).toMatch(
      /href="https:\/\/www\.amazon\.com\/s\?k=Tiny\+GPU\+8GB&amp;tag=runlocal-20" rel="sponsored noopener"/,
    );
    expect(gpu).toMatch(/href="https:\/\/www\.ebay\.com\/sch\/i\.html\?_nkw=Tiny\+GPU\+8GB" rel="nofollow noopener"/);
    expect(gpu).toContain('are affiliate links (Amazon)');
  });

  it('fails when a quick answer claims what the engine does not say, naming the file and the claim', () => {
    const r = buildWith('claim', (dir) => {
      mkdirSync(join(dir, 'quick-answers'), { recursive: true });
      writeFileSync(
        join(dir, 'quick-answers/tiny.mdx'),
        '---\nquestion: "Does the tiny model run on the tiny GPU?"\nanswer: "No, it does not run at all, says this deliberately wrong answer."\ntopic: models\norder: 1\nclaims:\n  - { model: tiny-model, hardware: tiny-gpu-8gb, format: Q4_K_M, ctx: 2048, outcome: wont-run }\nupdated: 2026-12-02\n---\n\nBody.\n',
      );
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(
      /quick-answers\/tiny\.mdx: claim "tiny-model on tiny-gpu-8gb at Q4_K_M, 2048 tokens: wont-run" no longer holds; the engine says on-gpu/,
    );
  });

  it('fails on a malformed setting, naming the variable', () => {
    const r = buildWith('misconfigured', () => {}, { RUNLOCALAI_SITE_URL: 'runlocal dot test' });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('RUNLOCALAI_SITE_URL="runlocal dot test" is not an http(s) URL');
  });

  it('names the file and the field of a missing required field', () => {
    const r = buildWith('missing', (dir) => {
      writeFileSync(
        join(dir, 'hardware/broken-gpu.mdx'),
        entry({
          name: 'Broken GPU',
          vendor: 'NVIDIA',
          kind: 'gpu',
          summary: 'A card with no memory listed at all.',
          memoryType: 'GDDR6',
          bandwidthGBs: 100,
          architecture: 'X',
          backends: ['CUDA'],
          asOf: '2026-11-29',
          sources: [{ url: 'https://example.org', accessed: '2026-11-29' }],
        }),
      );
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('broken-gpu');
    expect(r.output).toMatch(/memoryGiB/);
  });

  it('names the file and the field of a wrong type and of a misspelt key', () => {
    const r = buildWith('typo', (dir) => {
      writeFileSync(
        join(dir, 'pages/typo.mdx'),
        '---\ntitle: 42\ndescripton: A page whose description key is misspelt on purpose.\nsection: legal\nupdated: 2026-11-29\n---\n\nBody.\n',
      );
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('typo.mdx');
    expect(r.output).toMatch(/title/);
    expect(r.output).toMatch(/descripton/);
  });

  it('names the file and the field of a hardware id without its memory size', () => {
    const r = buildWith('id-rule', (dir) => {
      const data = readFrontmatter(join(dir, 'hardware/tiny-gpu-8gb.mdx')) as object;
      writeFileSync(join(dir, 'hardware/tiny-gpu-plus.mdx'), entry({ ...data, name: 'Tiny GPU Plus' }));
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('tiny-gpu-plus.mdx');
    expect(r.output).toMatch(/must end with its memory size "-8gb" \(field "memoryGiB"\)/);
  });

  it('fails on each content check, naming every file: typed numbers, unsourced price, duplicates, uncited repos', () => {
    const r = buildWith('content-checks', (dir) => {
      const term = join(dir, 'glossary/tiny-term.mdx');
      writeFileSync(term, `${readFileSync(term, 'utf8')}\nThe cache needs 4.58 GiB and runs at 40 tok/s.\n`);
      const gpu = join(dir, 'hardware/tiny-gpu-8gb.mdx');
      writeFileSync(gpu, readFileSync(gpu, 'utf8').replace('    title: Fixture spec sheet and launch price\n', ''));
      const model = readFrontmatter(join(dir, 'models/tiny-model.mdx')) as object;
      writeFileSync(join(dir, 'models/tiny-model-again.mdx'), entry(model));
      const tool = join(dir, 'tools/tiny-tool.mdx');
      writeFileSync(
        tool,
        `${readFileSync(tool, 'utf8')}\n\n\`\`\`bash\nllama-server -hf nobody/uncited-GGUF:Q4_K_M\n\`\`\`\n`,
      );
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/tiny-term\.mdx: body line \d+ types "4\.58 GiB"/);
    expect(r.output).toContain('types "40 tok/s"');
    expect(r.output).toMatch(/tiny-gpu-8gb\.mdx: field "msrpUsd" has no source about the price/);
    expect(r.output).toMatch(/tiny-model-again\.mdx: same Hugging Face repo "fixture\/tiny-model"/);
    expect(r.output).toMatch(/tiny-tool\.mdx: a command downloads from "nobody\/uncited-GGUF"/);
  });

  it('names both ends of a dangling reference', () => {
    const r = buildWith('dangling', (dir) => {
      const file = join(dir, 'models/tiny-model.mdx');
      const data = readFrontmatter(file) as { tools: string[] };
      data.tools = ['no-such-tool'];
      writeFileSync(file, entry(data));
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('tiny-model.mdx');
    expect(r.output).toContain('refers to tools "no-such-tool"');
  });
});

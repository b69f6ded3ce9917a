import { afterEach, describe, expect, it, vi } from 'vitest';

const VARS = ['RUNLOCALAI_SITE_URL', 'RUNLOCALAI_CONTACT_EMAIL', 'RUNLOCALAI_DIGEST_ACTION'] as const;

async function siteWith(env: Partial<Record<(typeof VARS)[number], string>>) {
  for (const v of VARS) delete process.env[v];
  Object.assign(process.env, env);
  vi.resetModules();
  return (await import('../../../src/site.ts')).SITE;
}

afterEach(() => {
  for (const v of VARS) delete process.env[v];
  vi.resetModules();
});

describe('deployment settings (src/site.ts)', () => {
  it('defaults to the local preview URL, no contact address and no digest form', async () => {
    const site = await siteWith({});
    expect(site.url).toBe('http://127.0.0.1:4321');
    expect(site.contactEmail).toBe('');
    expect(site.digestFormAction).toBe('');
    expect(JSON.stringify(site)).not.toContain('.example');
  });
  it('takes each value from the environment, trimming a trailing slash from the URL', async () => {
    const site = await siteWith({
      RUNLOCALAI_SITE_URL: 'https://runlocal.test/',
      RUNLOCALAI_CONTACT_EMAIL: 'editors@runlocal.test',
      RUNLOCALAI_DIGEST_ACTION: 'https://lists.runlocal.test/subscribe',
    });
    expect(site.url).toBe('https://runlocal.test');
    expect(site.contactEmail).toBe('editors@runlocal.test');
    expect(site.digestFormAction).toBe('https://lists.runlocal.test/subscribe');
  });
  it.each([
    ['RUNLOCALAI_SITE_URL', 'ftp://runlocal.test', 'an http(s) URL'],
    ['RUNLOCALAI_SITE_URL', 'not a url', 'an http(s) URL'],
    ['RUNLOCALAI_CONTACT_EMAIL', 'editors at runlocal', 'an email address'],
    ['RUNLOCALAI_DIGEST_ACTION', 'http://lists.runlocal.test/subscribe', 'an https URL'],
  ] as const)('fails the build on a malformed %s, naming it', async (name, value, expected) => {
    await expect(siteWith({ [name]: value })).rejects.toThrow(`${name}="${value}" is not ${expected}`);
  });
});

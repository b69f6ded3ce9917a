import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HtmlValidate } from 'html-validate';
import { DIST } from './helpers.ts';
import { TEMPLATES } from './templates.ts';

/**
 * html-validate's recommended rules over every page template, with three documented exceptions:
 * - no-inline-style: Shiki's highlighted code and the memory bars use style attributes (the CSP
 *   allows inline styles for exactly this; see src/security.ts).
 * - wcag/h32: the tool forms (Compare, Choose, Cost, the benchmark filters) update as you type and
 *   never submit, and the header search submits with Enter; a submit button would do nothing.
 * - valid-id relaxed: heading slugs such as "1-check-your-machine" are valid HTML5 ids.
 * Titles may run to 110 characters: pair titles name a model and a machine in full.
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'no-inline-style': 'off',
    'wcag/h32': 'off',
    'valid-id': ['error', { relaxed: true }],
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
    'long-title': ['error', { maxlength: 110 }],
  },
});

test('every page template is valid HTML', async () => {
  const problems: string[] = [];
  for (const path of TEMPLATES) {
    const file = join(DIST, path.endsWith('.html') ? path : `${path}index.html`);
    const report = await validator.validateString(readFileSync(file, 'utf8'), file);
    for (const result of report.results)
      for (const m of result.messages) problems.push(`${path} ${m.ruleId}: ${m.message} (${m.selector ?? ''})`);
  }
  expect(TEMPLATES.length).toBeGreaterThan(40);
  expect(problems).toEqual([]);
});

test('the validator catches what it should', async () => {
  const report = await validator.validateString(
    '<!doctype html><html lang="en"><head><title>x</title></head><body><main><div id="a"></div><p id="a">x</p><button>no type</button></main></body></html>',
  );
  const rules = report.results.flatMap((r) => r.messages.map((m) => m.ruleId));
  expect(rules).toEqual(expect.arrayContaining(['no-dup-id', 'no-implicit-button-type']));
});

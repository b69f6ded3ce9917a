import { describe, expect, it } from 'vitest';
import { badgeSvg } from '../../../src/lib/badge.ts';

describe('badgeSvg', () => {
  const svg = badgeSvg({ label: 'Llama 3.1 8B on RTX 3060', message: '✓ Runs fully on GPU · 5.8 GiB', tone: 'ok' });
  it('is an SVG document with an accessible name saying the verdict in words', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('<title>Llama 3.1 8B on RTX 3060: ✓ Runs fully on GPU · 5.8 GiB</title>');
    expect(svg).toContain('role="img"');
  });
  it('grows with its text and pins each text to its box', () => {
    const short = badgeSvg({ label: 'A', message: 'B', tone: 'bad' });
    const width = (s: string) => Number(/width="(\d+)"/.exec(s)![1]);
    expect(width(svg)).toBeGreaterThan(width(short));
    expect(svg.match(/textLength="\d+(\.\d+)?"/g)).toHaveLength(2);
  });
  it('colours by tone', () => {
    expect(badgeSvg({ label: 'x', message: 'y', tone: 'bad' })).toContain('#b3261e');
    expect(svg).toContain('#17663a');
  });
  it('escapes markup in names, so a badge cannot carry script', () => {
    const evil = badgeSvg({ label: '<script>alert(1)</script>', message: '"onload=x', tone: 'warn' });
    expect(evil).not.toContain('<script');
    expect(evil).not.toMatch(/"onload/);
    expect(evil).toContain('&#60;script&#62;');
  });
});

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDir, writeFileAtomic } from '../../src/io/write.ts';

const dir = mkdtempSync(join(tmpdir(), 'clusterlab-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('makeDir', () => {
  it('creates nested directories and accepts existing ones', () => {
    const nested = join(dir, 'a', 'b', 'c');
    makeDir(nested);
    makeDir(nested);
    expect(statSync(nested).isDirectory()).toBe(true);
  });

  it('fails (rather than loops) where a directory cannot be made', () => {
    writeFileSync(join(dir, 'file'), '');
    expect(() => makeDir(join(dir, 'file'))).toThrow(/EEXIST/);
    expect(() => makeDir(join(dir, 'file', 'sub'))).toThrow(/ENOTDIR/);
    if (process.platform === 'linux') expect(() => makeDir('/proc/clusterlab-test')).toThrow(/ENOENT/);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', () => {
    const file = join(dir, 'x.csv');
    writeFileAtomic(file, 'a\n');
    writeFileAtomic(file, 'b\n');
    expect(statSync(file).size).toBe(2);
    expect(() => statSync(`${file}.${process.pid}.tmp`)).toThrow();
  });
});

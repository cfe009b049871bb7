import { describe, expect, it } from 'vitest';
import { parseCopyLine } from './copy-out.ts';
import { copyLine } from './copy-rows.ts';

describe('parseCopyLine', () => {
  it('reads back what copyLine writes: nulls, tabs, newlines and backslashes', () => {
    const values = ['plain', null, 'tab\there', 'line\nbreak', 'back\\slash', '', 'carriage\rreturn'];
    expect(parseCopyLine(copyLine(values).slice(0, -1))).toEqual(values);
  });
});

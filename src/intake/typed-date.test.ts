import { describe, expect, it } from 'vitest';
import { parseIntakeDate } from './intake-date.ts';
import { formatTypedDate } from './typed-date.ts';

describe('formatTypedDate', () => {
  it('lays digits out as DD/MM/YYYY while they are typed, one key at a time', () => {
    let shown = '';
    const steps: string[] = [];
    for (const key of '17081980') {
      shown = formatTypedDate(shown + key);
      steps.push(shown);
    }
    expect(steps).toEqual(['1', '17', '17/0', '17/08', '17/08/1', '17/08/19', '17/08/198', '17/08/1980']);
    // What it shows is read by the intake's date reader as the day it means.
    expect(parseIntakeDate(shown)).toEqual({ date: '1980-08-17' });
  });

  it('keeps its layout when a digit is deleted or a slash typed where it goes', () => {
    expect(formatTypedDate('17/08/198')).toBe('17/08/198');
    expect(formatTypedDate('17/0')).toBe('17/0');
    expect(formatTypedDate('17/')).toBe('17');
    expect(formatTypedDate('17/08/')).toBe('17/08');
  });

  it('leaves other ways of writing a date as typed, for the server to read or name', () => {
    for (const typed of ['1/8/1980', '1980-08-17', '17-08-1980', '17 Agustus 1980', '170819801']) {
      expect(formatTypedDate(typed)).toBe(typed);
    }
  });
});

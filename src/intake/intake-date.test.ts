import { describe, expect, it } from 'vitest';
import { parseIntakeDate } from './intake-date.ts';

describe('parseIntakeDate', () => {
  it.each([
    ['05/03/1990', '1990-03-05'],
    ['5/3/1990', '1990-03-05'],
    ['05-03-1990', '1990-03-05'],
    ['05.03.1990', '1990-03-05'],
    ['1990-03-05', '1990-03-05'],
    ['1990/03/05', '1990-03-05'],
    ['1990-03-05T00:00:00.000Z', '1990-03-05'],
    ['1990-03-05T00:00:00', '1990-03-05'],
    ['1990-03-05 00:00:00', '1990-03-05'],
    ['5 Maret 1990', '1990-03-05'],
    ['05-Mar-1990', '1990-03-05'],
    ['17 Agustus 1945', '1945-08-17'],
    ['1 Desember 2000', '2000-12-01'],
    [' 29/02/2000 ', '2000-02-29'],
    ["'05/03/1990", '1990-03-05'],
  ])('reads %s', (raw, date) => {
    expect(parseIntakeDate(raw)).toEqual({ date });
  });

  it.each([
    ['29221', '1980-01-01'],
    ['29221.0', '1980-01-01'],
    ['29221.75', '1980-01-01'],
    ['1', '1900-01-01'],
    ['59', '1900-02-28'],
    ['61', '1900-03-01'],
    ['36586', '2000-03-01'],
    ['73050', '2099-12-31'],
  ])('reads Excel serial %s', (raw, date) => {
    expect(parseIntakeDate(raw)).toEqual({ date });
  });

  it("refuses Excel's fictitious 1900-02-29 (serial 60)", () => {
    expect(parseIntakeDate('60')).toEqual({ problem: 'date_invalid' });
  });

  it.each([
    '31/02/1990',
    '29/02/1900',
    '29/02/2001',
    '00/01/1990',
    '12/13/1990',
    '1990-02-30',
    '31 April 1990',
  ])('names %s as an impossible calendar date', (raw) => {
    expect(parseIntakeDate(raw)).toEqual({ problem: 'date_invalid' });
  });

  it.each(['', 'kemarin', '0', '73051', '05/03/90', '1990', '05/03-1990', '5 Marchy 1990', '19900305'])(
    'does not guess at %s',
    (raw) => {
      expect(parseIntakeDate(raw)).toHaveProperty('problem');
      expect(parseIntakeDate(raw)).not.toHaveProperty('date');
    },
  );

  it('names a bare year as a year, not as a serial for a day in 1905', () => {
    expect(parseIntakeDate('1990')).toEqual({ problem: 'date_year_only' });
    expect(parseIntakeDate('2001')).toEqual({ problem: 'date_year_only' });
  });

  it('names other unreadable text as unrecognised', () => {
    expect(parseIntakeDate('kemarin')).toEqual({ problem: 'date_unrecognised' });
    expect(parseIntakeDate('05/03/90')).toEqual({ problem: 'date_unrecognised' });
  });
});

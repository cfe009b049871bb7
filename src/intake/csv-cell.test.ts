import { describe, expect, it } from 'vitest';
import { csvCell } from './csv-cell.ts';

describe('csvCell', () => {
  it('keeps what a spreadsheet would evaluate as text behind a single quote', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","klik")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""klik"")"`,
    );
    expect(csvCell('+cmd|calc')).toBe("'+cmd|calc");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('quotes a cell holding a quote, a delimiter or a line break, and leaves plain text alone', () => {
    expect(csvCell('BUDI SANTOSO')).toBe('BUDI SANTOSO');
    expect(csvCell('3174010505800001')).toBe('3174010505800001');
    expect(csvCell('NIK: 16 digits, found 15')).toBe('"NIK: 16 digits, found 15"');
    expect(csvCell('JL. "MAWAR"')).toBe('"JL. ""MAWAR"""');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('')).toBe('');
  });
});

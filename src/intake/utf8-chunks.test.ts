import { describe, expect, it } from 'vitest';
import { Utf8Chunks } from './utf8-chunks.ts';

function decodeInPieces(bytes: Buffer, pieceBytes: number): string {
  const chunks = new Utf8Chunks();
  let text = '';
  for (let start = 0; start < bytes.length; start += pieceBytes) {
    text += chunks.decode(bytes.subarray(start, start + pieceBytes));
  }
  chunks.end();
  return text;
}

describe('Utf8Chunks', () => {
  it('gives the text of the whole file however its characters are cut between chunks', () => {
    const text = 'NIK,NAMA\n3174,ŽANETA ÇAĞLAR 😀\n3175,BUDI\n3176,SITI ñ\n';
    const bytes = Buffer.from(text, 'utf8');
    for (const pieceBytes of [1, 2, 3, 5, 7, 11, 64]) expect(decodeInPieces(bytes, pieceBytes)).toBe(text);
  });

  it('refuses bytes that are not UTF-8, in a chunk of ASCII after one that ended inside a character too', () => {
    // Latin-1 é in an otherwise ASCII chunk.
    expect(() => new Utf8Chunks().decode(Buffer.from('NAMA\nJOS\xe9\n', 'latin1'))).toThrow(TypeError);
    // A character's first byte, then plain ASCII: the character never ends.
    const chunks = new Utf8Chunks();
    chunks.decode(Buffer.from([0x41, 0xc3]));
    expect(() => chunks.decode(Buffer.from('BC\n', 'latin1'))).toThrow(TypeError);
    // The file ends inside a character.
    const ending = new Utf8Chunks();
    ending.decode(Buffer.from([0x41, 0xe2, 0x82]));
    expect(() => ending.end()).toThrow(TypeError);
  });
});

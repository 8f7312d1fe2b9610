import { describe, expect, it } from 'vitest';
import { CsvParser, type CsvRecord, PARSE_SLICE, parseAll } from './csv';
import { ImportRefusal } from './errors';
import { detectDelimiter, detectLineEnding } from './sniff';

const fields = (text: string, d: ',' | ';' | '\t' | '|' = ',') => parseAll(text, d).map((r) => r.fields);

describe('CSV parser', () => {
  it('splits plain and quoted fields, doubled quotes and CRLF', () => {
    expect(fields('a,b,c\r\n1,"x, y","say ""hi"""\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
    ]);
  });

  it('keeps newlines inside quotes and numbers records by their first line', () => {
    const recs = parseAll('h1,h2\nA,"one\ntwo\r\nthree"\nB,x\n', ',');
    expect(recs.map((r) => [r.line, r.fields])).toEqual([
      [1, ['h1', 'h2']],
      [2, ['A', 'one\ntwo\r\nthree']],
      [5, ['B', 'x']],
    ]);
  });

  it('counts blank lines without making records of them', () => {
    const p = new CsvParser({ delimiter: ',', maxFieldChars: 100, onRecord: () => {} });
    p.push('a,b\n\n1,2\r\n\r\n', true);
    expect(p.records).toBe(2);
    expect(p.blankLines).toBe(2);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'n,e\r\n"Zoë ""Z"" Ashworth","a\nb"\r\nplain,"x,y"\r\nlast,row';
    const whole = parseAll(text, ',');
    for (let size = 1; size <= 7; size++) {
      const out: CsvRecord[] = [];
      const p = new CsvParser({ delimiter: ',', maxFieldChars: 1000, onRecord: (r) => out.push(r) });
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
      p.end();
      expect(out).toEqual(whole);
    }
  });

  it('reads UTF-8 bytes given one byte a character (latin1Utf8) exactly as the decoded text, whatever the chunks', () => {
    // Multi-byte characters in quoted, doubled-quote, unquoted and last fields, after a closing
    // quote (a flagged record), a 4-byte emoji, CRLF and a last line without its line end; every
    // chunk boundary, including inside a character, as the scan's 1 MiB reads may cut them.
    const text =
      'Näme,Émail,Nötes\r\n"Zoë ""Z"" Ashworth",zoë@exämple.org,"a\nŁukasz, 😀"\r\n' +
      'plain,"x,ý"ñ,Żak\r\n"only ascii",b,c\r\nlast,ü,row ü';
    const bytes = Buffer.from(text, 'utf8');
    const whole = parseAll(text, ',');
    expect(whole[2]?.problem).toMatch(/followed by other text/);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const out: CsvRecord[] = [];
      const p = new CsvParser({ delimiter: ',', maxFieldChars: 1000, latin1Utf8: true, onRecord: (r) => out.push(r) });
      for (let i = 0; i < bytes.length; i += size) p.push(bytes.subarray(i, i + size).toString('latin1'));
      p.end();
      expect(out).toEqual(whole);
    }
  });

  it('parses a large chunk of bytes slice by slice exactly as the decoded text, wherever a slice ends', () => {
    // Rows of one length, so shifting the text by 0…row length puts a slice boundary at every place
    // in a row: inside a two-byte character, between doubled quotes, inside a quoted CRLF.
    const row = (i: number): string => `"Zoë ""${String(i).padStart(5, '0')}""",ü@x.org,"a\r\nb"\r\n`;
    let rows = '';
    for (let i = 0; rows.length < PARSE_SLICE + 200; i++) rows += row(i);
    const width = Buffer.byteLength(row(0));
    for (let shift = 0; shift < width; shift++) {
      const text = `n,e,notes\r\n${'p'.repeat(shift)},,\r\n${rows}last,ü,row`;
      const out: CsvRecord[] = [];
      const p = new CsvParser({ delimiter: ',', maxFieldChars: 1000, latin1Utf8: true, onRecord: (r) => out.push(r) });
      p.pushLatin1(Buffer.from(text, 'utf8'));
      p.end();
      // As JSON: a deep comparison of ~1,700 records per shift took most of a second.
      expect(JSON.stringify(out)).toBe(JSON.stringify(parseAll(text, ',')));
    }
  });

  it('refuses an unterminated quote naming the line where it opened', () => {
    expect(() => parseAll('a,b\n1,2\n3,"open\n4,5\n', ',')).toThrow(/Line 3 opens a quoted field that is never closed/);
  });

  it('refuses a field over the size limit while streaming', () => {
    const p = new CsvParser({ delimiter: ',', maxFieldChars: 1000, onRecord: () => {} });
    expect(() => p.push(`a,b\n1,${'x'.repeat(2000)}`)).toThrow(ImportRefusal);
  });

  it('flags text after a closing quote instead of guessing silently', () => {
    const [, bad] = parseAll('a,b\n"x"y,2\n', ',');
    expect(bad?.problem).toMatch(/followed by other text/);
    expect(bad?.fields).toEqual(['xy', '2']);
  });

  it('detects the delimiter and line endings', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n"x;y";2;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n')).toBe('|');
    expect(detectDelimiter('Notes:\n"a, b, c"\n\nFirst,Last,URL\n1,2,3\n4,5,6\n')).toBe(',');
    expect(detectLineEnding('a\r\nb')).toBe('CRLF');
    expect(detectLineEnding('a\nb')).toBe('LF');
    expect(detectLineEnding('a\rb')).toBe('CR');
  });
});

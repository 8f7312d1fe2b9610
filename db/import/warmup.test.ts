// The spare workers' warm-up: a made-up file that really goes through the import's scan (so it
// warms the code a job will run), as if into an empty project, stopping when a job comes.
import { describe, expect, it } from 'vitest';
import { WARM_ROWS_PER_SLICE, warmUp, warmUpSlice } from './warmup';

describe('warming a spare import worker', () => {
  it('scans a made-up contacts file like a real one: quoted fields, new organisations, duplicates', () => {
    const summary = warmUpSlice(3);
    expect(summary.header.format).toBe('generic');
    expect(summary.counts).toMatchObject({
      rows: WARM_ROWS_PER_SLICE,
      created: WARM_ROWS_PER_SLICE * 0.9,
      duplicates: WARM_ROWS_PER_SLICE * 0.1,
      rejected: 0,
    });
    expect(summary.peopleCreated).toBe(WARM_ROWS_PER_SLICE * 0.9);
    expect(summary.organisationsCreated).toBeGreaterThan(0);
  });

  it('runs one slice per turn and stops at the first slice boundary after a job arrives', async () => {
    let jobCame = false;
    const slicesRun = await new Promise<number>((resolve) => {
      warmUp(() => jobCame, 1000, resolve);
      setTimeout(() => {
        jobCame = true;
      }, 30);
    });
    expect(slicesRun).toBeGreaterThan(0);
    expect(slicesRun).toBeLessThan(1000);
    // And with no job at all it ends after its slices.
    expect(await new Promise<number>((resolve) => warmUp(() => false, 2, resolve))).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { close, dataset, type KmReference, reference, required } from './fixtures/reference.js';
import { type KaplanMeierCurve, kaplanMeier } from './kaplan-meier.js';

const TOL = 1e-12;

function expectCurve(curve: KaplanMeierCurve, ref: KmReference) {
  expect(curve.time).toEqual(ref.time);
  const fields = ['atRisk', 'eventsAt', 'censoredAt', 'survival', 'stdErr', 'lower', 'upper'] as const;
  for (const field of fields) {
    const mismatches = ref[field].flatMap((v, i) =>
      close(curve[field][i], v, TOL) ? [] : [[i, curve[field][i], v]],
    );
    expect(mismatches, field).toEqual([]);
  }
  for (const key of ['estimate', 'lower', 'upper'] as const) {
    expect(close(curve.median[key], ref.median[key], TOL), `median ${key}`).toBe(true);
  }
}

function group(name: string, g: number, weighted: boolean) {
  const d = dataset(name);
  const group = d.col('group');
  const rows = [...group.keys()].filter((i) => group[i] === g);
  const pick = (name: string) => {
    const col = d.col(name);
    return Float64Array.from(rows, (i) => col[i] as number);
  };
  return { time: pick('time'), event: pick('event'), weight: weighted ? pick('weight') : undefined };
}

describe('Kaplan-Meier against R survfit (conf.type = "log")', () => {
  for (const name of ['tiny', 'lung', 'matched'] as const) {
    it(`matches the curves, Greenwood errors, bands and medians of ${name}`, () => {
      for (const g of [0, 1] as const) {
        expectCurve(kaplanMeier(group(name, g, false)), reference.cases[name].kaplanMeier[g]);
      }
    });
  }

  for (const name of ['tiny', 'matched'] as const) {
    it(`matches weighted curves of ${name} with the robust variance R uses for such weights`, () => {
      const ref = required(reference.cases[name].kaplanMeierRobust, `${name} robust curves`);
      for (const g of [0, 1] as const) {
        const curve = kaplanMeier(group(name, g, true), undefined, { variance: 'robust' });
        expect(curve.method).toMatch(/robust/);
        // R's survfit keeps the robust standard error of S itself in std.err (0 where S is 0).
        const seOfS = curve.stdErr.map((se, i) =>
          curve.survival[i] === 0 ? 0 : se * (curve.survival[i] as number),
        );
        expectCurve({ ...curve, stdErr: seOfS }, ref[g]);
      }
    });

    it(`matches weighted curves of ${name} (weights as frequencies, robust = FALSE)`, () => {
      const ref = required(reference.cases[name].kaplanMeierWeighted, `${name} weighted curves`);
      for (const g of [0, 1] as const) {
        expectCurve(kaplanMeier(group(name, g, true), undefined, { variance: 'greenwood' }), ref[g]);
      }
    });
  }

  it('takes the midpoint when the curve rests exactly on one half', () => {
    // S = 0.5 from t = 2 until the next death at t = 4.
    const halves = kaplanMeier({ time: [1, 2, 4, 5], event: [1, 1, 1, 0] });
    expect(halves.survival[1]).toBe(0.5);
    expect(halves.median.estimate).toBe(3);
  });

  it('uses the robust variance for weights that are not whole numbers, as R does', () => {
    const data = { time: [1, 2, 3, 4], event: [1, 0, 1, 0] };
    expect(kaplanMeier({ ...data, weight: [1, 2, 1, 3] }).method).toMatch(/Greenwood/);
    expect(kaplanMeier({ ...data, weight: [1, 2.5, 1, 3] }).method).toMatch(/robust/);
  });

  it('reports no median while more than half are still there', () => {
    const curve = kaplanMeier({ time: [1, 2, 3, 4, 5], event: [1, 0, 0, 0, 0] });
    expect(curve.median).toMatchObject({ estimate: null, upper: null });
    expect(curve).toMatchObject({ n: 5, events: 1 });
  });

  it('names the field of bad input', () => {
    expect(() => kaplanMeier({ time: [1, -2], event: [1, 0] })).toThrow(/time: entry 1/);
    expect(() => kaplanMeier({ time: [1, 2], event: [1, 2] })).toThrow(/event: entry 1/);
  });
});

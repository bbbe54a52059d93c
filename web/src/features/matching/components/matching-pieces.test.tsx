import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../components/matching-words';
import { fakeApi, renderWithApp } from '../../../testing/render';
import type { RunComparison as Comparison, Pair } from '../types';
import { PairsTable } from './pairs-table';
import { RunComparison } from './run-comparison';
import { RunSettingsForm } from './run-settings-form';
import { objectiveLabel, points } from './settings';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const pair = (mentee: string, mentor: string, score: number): Pair => ({
  mentorId: `mentor-${mentor}`,
  menteeId: `mentee-${mentee}`,
  mentorName: mentor,
  menteeName: mentee,
  score,
  components: { topics: 0.9, goals: 0.2, department: 1, generation: 1, availability: 0.5, preference: null },
  locked: false,
  reasons: [`${mentor} offers what ${mentee} seeks first`],
});

describe('run settings', () => {
  it('name objectives and score changes in words', () => {
    expect(objectiveLabel('total')).toBe('Best overall');
    expect(points(0.034)).toBe('+3 pts');
    expect(points(-0.1)).toBe('−10 pts');
  });

  it('start from the programme’s settings and are sent whole, in the engine’s shape', async () => {
    fakeApi(() => undefined);
    const sent: unknown[] = [];
    const saved = defaultSettings('mutual');
    saved.rules.overlap.minHours = 5;
    const programme = { kind: 'mutual' as const, matchingSettings: saved };
    renderWithApp(
      <RunSettingsForm
        programme={programme}
        busy={false}
        error={null}
        submitLabel="Run matching"
        onSubmit={(s) => sent.push(s)}
      />,
    );
    await userEvent.click(screen.getByRole('radio', { name: /Fairest/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Run matching' }));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({ ...saved, objective: 'fairest' });
  });
});

describe('the pairs of a run', () => {
  it('filters by name and locks or forbids a pair', async () => {
    fakeApi(() => undefined);
    const onRule = vi.fn();
    renderWithApp(
      <PairsTable
        pairs={[pair('Morgan Reyes', 'Lena Fischer', 0.82), pair('Priya Natarajan', 'Sam Okafor', 0.64)]}
        rules={[]}
        editable
        busy={false}
        onRule={onRule}
      />,
    );
    expect(screen.getByText('82%')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Find a person in the pairs'), 'priya');
    const table = screen.getByRole('region', { name: 'Pairs' });
    expect(within(table).queryByText('Morgan Reyes')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Forbid Priya Natarajan with Sam Okafor' }));
    expect(onRule).toHaveBeenCalledWith(
      expect.objectContaining({ menteeName: 'Priya Natarajan' }),
      'forbidden',
    );
  });
});

describe('comparing two runs', () => {
  it('shows coverage with better and worse changes, and the pairs that changed', () => {
    const m = (a: number, b: number) => ({ a, b, delta: b - a });
    const comparison = {
      samePairs: 40,
      changedPairs: [
        {
          menteeId: 'x',
          menteeName: 'Morgan Reyes',
          a: { mentorId: 'l', mentorName: 'Lena Fischer', score: 0.7 },
          b: null,
          scoreDelta: null,
        },
      ],
      coverage: {
        matched: m(44, 43),
        unmatchedMentees: m(20, 21),
        meanScore: m(0.41, 0.45),
        lowestScore: m(0.19, 0.19),
        totalScore: m(18, 19),
        topicCoverage: m(0.48, 0.5),
        pairsAcrossDepartments: m(40, 40),
        pairsAcrossGenerations: m(35, 36),
      },
    } as unknown as Comparison;
    renderWithApp(<RunComparison comparison={comparison} labelA="This run" labelB="Earlier run" />);
    const coverage = screen.getByRole('region', { name: 'Coverage of the two runs' });
    expect(within(coverage).getByRole('row', { name: /Pairs made/ }).textContent).toContain('−1 (worse)');
    expect(within(coverage).getByRole('row', { name: /Average score/ }).textContent).toContain(
      '+4 pts (better)',
    );
    expect(within(coverage).getByRole('row', { name: /Mentees unmatched/ }).textContent).toContain('(worse)');
    expect(screen.getByText('40 pairs the same in both; 1 mentee with a different outcome.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Pairs that changed' }).textContent).toContain('unmatched');
  });
});

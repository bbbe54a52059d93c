import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderWithApp } from '../../../testing/render';
import { Component as PeopleList } from './people-list';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const person = (i: number) => ({
  id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
  employeeId: null,
  name: `Person ${i}`,
  email: `p${i}@example.com`,
  jobTitle: 'Analyst',
  jobLevel: 2,
  department: 'Finance',
  managerId: null,
  location: 'London',
  timeZone: 'Europe/London',
  languages: ['en'],
  hireDate: null,
  birthYear: null,
  generation: null,
  careerStage: null,
  leaveDate: null,
  leaveReason: null,
  version: 1,
});

function api() {
  return fakeApi(({ url }) => {
    if (url.pathname === '/api/people/departments') return { json: ['Finance', 'Marketing'] };
    if (url.pathname === '/api/people') {
      const q = url.searchParams.get('q');
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const items = q ? [person(7)] : Array.from({ length: limit }, (_, i) => person(offset + i + 1));
      if (q) return { json: { items, total: 1, totalExact: true, limit, offset } };
      // Like the server: a page counts 1,000 past itself unless the exact count is asked for.
      const exact = url.searchParams.get('count') === 'exact';
      return {
        json: { items, total: exact ? 200_000 : offset + limit + 1_000, totalExact: exact, limit, offset },
      };
    }
    return undefined;
  });
}

describe('the people list', () => {
  it('asks the server for one page at a time, even with 200,000 people', async () => {
    const calls = api();
    renderWithApp(<PeopleList />, { path: '/people', route: '/people' });
    expect(await screen.findByText('1–50 of 200,000')).toBeTruthy();
    expect(screen.getByText('200,000 people in the organisation')).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(51);
    await userEvent.click(screen.getByRole('button', { name: 'Next →' }));
    expect(await screen.findByText('51–100 of 200,000')).toBeTruthy();
    const people = calls.filter((c) => c.url.pathname === '/api/people');
    const pages = people.filter((c) => !c.url.searchParams.has('count'));
    expect(pages.map((c) => c.url.searchParams.get('offset') ?? '0')).toEqual(['0', '50']);
    // The whole organisation is counted once, not once a page.
    expect(people.filter((c) => c.url.searchParams.get('count') === 'exact')).toHaveLength(1);
    expect(
      calls.every((c) => c.url.searchParams.get('limit') !== null || c.url.pathname !== '/api/people'),
    ).toBe(true);
  });

  it('waits for typing to pause before searching, and searches once', async () => {
    const calls = api();
    renderWithApp(<PeopleList />, { path: '/people', route: '/people?offset=100' });
    await screen.findByText(/of 200,000/);
    await userEvent.type(screen.getByLabelText('Search'), 'person 7');
    // The search waits for typing to pause, then renders; on a busy machine that takes a while.
    await waitFor(() => expect(screen.getByText('1–1 of 1')).toBeTruthy(), { timeout: 5000 });
    const searches = calls.filter((c) => c.url.pathname === '/api/people' && c.url.searchParams.has('q'));
    expect(searches.map((c) => [c.url.searchParams.get('q'), c.url.searchParams.get('offset')])).toEqual([
      ['person 7', '0'],
    ]);
  });

  it('follows the address when it changes from outside, without putting the old search back', async () => {
    const calls = api();
    const { router } = renderWithApp(<PeopleList />, { path: '/people', route: '/people?q=person%207' });
    expect(((await screen.findByLabelText('Search')) as HTMLInputElement).value).toBe('person 7');
    await screen.findByText('1–1 of 1');
    await router.navigate('/people');
    await waitFor(() => expect((screen.getByLabelText('Search') as HTMLInputElement).value).toBe(''));
    await screen.findByText('1–50 of 200,000');
    await new Promise((r) => setTimeout(r, 400));
    expect(router.state.location.search).toBe('');
    // The search's page, then the organisation's first page and its one exact count.
    expect(calls.filter((c) => c.url.pathname === '/api/people').length).toBe(3);
  });

  it('says "more than" while only a lower bound of the count is known', async () => {
    fakeApi(({ url }) => {
      if (url.pathname === '/api/people/departments') return { json: [] };
      if (url.pathname !== '/api/people') return undefined;
      // The exact count never comes back: the page stays usable with its lower bound.
      if (url.searchParams.get('count') === 'exact')
        return { status: 503, json: { error: { code: 'unavailable', message: 'busy' } } };
      const items = Array.from({ length: 50 }, (_, i) => person(i + 1));
      return { json: { items, total: 1_050, totalExact: false, limit: 50, offset: 0 } };
    });
    renderWithApp(<PeopleList />, { path: '/people', route: '/people' });
    expect(await screen.findByText('1–50 of more than 1,050')).toBeTruthy();
    expect(screen.getByText('More than 1,050 people in the organisation')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next →' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says so when nobody matches', async () => {
    fakeApi(({ url }) =>
      url.pathname === '/api/people'
        ? { json: { items: [], total: 0, limit: 50, offset: 0 } }
        : url.pathname === '/api/people/departments'
          ? { json: [] }
          : undefined,
    );
    renderWithApp(<PeopleList />, { path: '/people', route: '/people?q=zz' });
    expect(await screen.findByText('Nobody matches')).toBeTruthy();
  });

  it('shows the server error with a way to try again', async () => {
    fakeApi(({ url }) =>
      url.pathname === '/api/people'
        ? {
            status: 403,
            json: { error: { code: 'forbidden', message: 'This needs one of these roles: org_admin.' } },
          }
        : { json: [] },
    );
    renderWithApp(<PeopleList />, { path: '/people', route: '/people' });
    expect(await screen.findByText('This needs one of these roles: org_admin.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

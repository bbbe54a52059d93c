import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderWithApp } from '../../../testing/render';
import { safeNext } from '../../auth/routes/sign-in';
import { CreateOrganisationForm, slugify } from './create-organisation-form';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('creating an organisation', () => {
  it('suggests an address from the name', () => {
    expect(slugify('Northwind Group Ltd.')).toBe('northwind-group-ltd');
    expect(slugify('  Café Zürich & Söhne  ')).toBe('cafe-zurich-sohne');
  });

  it('shows the server’s answer beside the field it is about', async () => {
    const calls = fakeApi(({ url }) =>
      url.pathname === '/api/organisations'
        ? {
            status: 409,
            json: {
              error: {
                code: 'conflict',
                message: 'This organisation address is taken.',
                fields: [{ path: 'slug', message: 'is already in use' }],
              },
            },
          }
        : undefined,
    );
    const onCreated = vi.fn();
    renderWithApp(<CreateOrganisationForm onCreated={onCreated} />);
    await userEvent.type(screen.getByLabelText('Organisation name'), 'Northwind Group');
    expect((screen.getByLabelText(/Short address/) as HTMLInputElement).value).toBe('northwind-group');
    await userEvent.type(screen.getByLabelText('Your name'), 'Nadia Wong');
    await userEvent.type(screen.getByLabelText('Work email'), 'nadia@northwind.example');
    await userEvent.type(screen.getByLabelText(/^Password/), 'long enough password');
    await userEvent.click(screen.getByRole('button', { name: 'Create organisation' }));
    const slug = screen.getByLabelText(/Short address/);
    expect(await screen.findByText('is already in use')).toBeTruthy();
    expect(slug.getAttribute('aria-invalid')).toBe('true');
    expect(onCreated).not.toHaveBeenCalled();
    expect(calls[0]?.body).toMatchObject({
      name: 'Northwind Group',
      slug: 'northwind-group',
      admin: { email: 'nadia@northwind.example' },
    });
  });
});

describe('after signing in', () => {
  it('returns only to pages of this site', () => {
    expect(safeNext('/people?q=ada')).toBe('/people?q=ada');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

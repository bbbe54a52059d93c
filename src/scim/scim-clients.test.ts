// The request sequences Microsoft Entra ID and Okta document for their SCIM clients, sent over
// HTTP to the listening server with a SCIM bearer token only (no cookie, no Origin).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { people } from '../db/schema.js';
import { type ScimClient, scimClient } from './testing.js';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const errorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

let t: TestApp;
let entraOrg: TestOrg;
let oktaOrg: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  entraOrg = await createTestOrg(t, 'entra');
  oktaOrg = await createTestOrg(t, 'okta');
});
afterAll(() => t.close());

const personRow = async (id: string) => {
  const [row] = await t.database.db.select().from(people).where(eq(people.id, id));
  return row;
};
const today = () => new Date().toISOString().slice(0, 10);
const q = (filter: string) => encodeURIComponent(filter);

describe('Microsoft Entra ID provisioning', () => {
  let scim: ScimClient;
  beforeAll(async () => {
    scim = await scimClient(t, entraOrg, 'Entra ID');
  });

  it('creates, finds, updates (multi- and single-valued), sets and removes a manager, disables and deletes a user', async () => {
    const userName = 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@entra.test';
    // Entra looks the user up before creating it.
    const missing = await scim.call('GET', `/Users?filter=${q(`userName eq "${userName}"`)}`);
    expect(missing.status).toBe(200);
    expect(missing.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await scim.call('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: 'test_user_fd0ea19b@entra.test' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('content-type')).toContain('application/scim+json');
    expect(created.headers.get('location')).toMatch(/\/scim\/v2\/Users\/[\w-]+$/);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      userName,
      active: true,
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    });

    expect((await scim.call('GET', `/Users/${id}`)).body.userName).toBe(userName);
    const found = await scim.call('GET', `/Users?filter=${q(`userName eq "${userName}"`)}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);
    const none = await scim.call('GET', `/Users?filter=${q('userName eq "non-existent user"')}`);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });

    // Update User [Multi-valued properties]
    const multi = await scim.call('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@entra.test' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      ],
    });
    expect(multi.status, JSON.stringify(multi.body)).toBe(200);
    expect(multi.body.emails[0].value).toBe('updatedemail@entra.test');
    expect(multi.body.name.familyName).toBe('updatedFamilyName');
    expect((await personRow(id))?.name).toBe('givenName updatedFamilyName');

    // Update User [Single-valued properties]
    const renamed = 'renamed-5b50642d@entra.test';
    const single = await scim.call('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Replace', path: 'userName', value: renamed }],
    });
    expect(single.body.userName).toBe(renamed);

    // Update User [Add Manager] and [Remove Manager]
    const manager = await scim.call('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'manager@entra.test',
      emails: [{ primary: true, type: 'work', value: 'manager@entra.test' }],
      name: { givenName: 'Mary', familyName: 'Manager' },
      active: true,
    });
    expect(manager.status).toBe(201);
    const withManager = await scim.call('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [
        { op: 'Add', path: `${enterprise}:manager`, value: [{ $ref: null, value: manager.body.id }] },
      ],
    });
    expect(withManager.status, JSON.stringify(withManager.body)).toBe(200);
    expect(withManager.body[enterprise].manager).toMatchObject({
      value: manager.body.id,
      displayName: 'Mary Manager',
    });
    expect((await personRow(id))?.managerId).toBe(manager.body.id);
    const noManager = await scim.call('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Remove', path: `${enterprise}:manager` }],
    });
    expect(noManager.body[enterprise].manager).toBeUndefined();
    expect((await personRow(id))?.managerId).toBeNull();

    // Disable User, then Delete User
    const disabled = await scim.call('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Replace', path: 'active', value: false }],
    });
    expect(disabled.body.active).toBe(false);
    const deleted = await scim.call('DELETE', `/Users/${id}`, undefined, {
      'content-type': 'application/scim+json',
    });
    expect(deleted.status).toBe(204);
    const gone = await scim.call('GET', `/Users/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ schemas: [errorSchema], status: '404' });
    // The person stays as a leaver for the outcome reports.
    expect((await personRow(id))?.leaveDate).toBe(today());
  });

  it('matches an existing person by userName, and "Replace" active "False" ends their open session', async () => {
    const email = 'participant@entra.test';
    const me = () =>
      t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: entraOrg.cookies.participant } });
    expect((await me()).statusCode).toBe(200);
    const found = await scim.call('GET', `/Users?filter=${q(`userName eq "${email}"`)}`);
    expect(found.body.totalResults).toBe(1);
    const id = found.body.Resources[0].id as string;
    expect(id).toBe(entraOrg.personIds.participant);

    const res = await scim.call('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await me()).statusCode).toBe(401);
    expect((await personRow(id))?.leaveDate).toBe(today());
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email, password: 'correct horse battery' },
    });
    expect(signIn.statusCode).toBe(401);
  });

  it('creates a group, finds it without members, renames it, adds and removes members, deletes it', async () => {
    const user = await scim.call('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'member@entra.test',
      emails: [{ primary: true, type: 'work', value: 'member@entra.test' }],
      name: { formatted: 'Mel Member' },
    });
    const created = await scim.call('POST', '/Groups', {
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:Group',
        'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
      ],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
      meta: { resourceType: 'Group' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.members).toEqual([]);
    const id = created.body.id as string;

    const got = await scim.call('GET', `/Groups/${id}?excludedAttributes=members`);
    expect(got.body.displayName).toBe('displayName');
    expect(got.body.members).toBeUndefined();
    const byName = await scim.call(
      'GET',
      `/Groups?excludedAttributes=members&filter=${q('displayName eq "displayName"')}`,
    );
    expect(byName.body.totalResults).toBe(1);

    const renamed = await scim.call('PATCH', `/Groups/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Replace', path: 'displayName', value: 'Platform Engineering' }],
    });
    expect(renamed.status).toBe(204);
    const added = await scim.call('PATCH', `/Groups/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: user.body.id }] }],
    });
    expect(added.status).toBe(204);
    expect((await personRow(user.body.id))?.department).toBe('Platform Engineering');
    expect((await scim.call('GET', `/Users/${user.body.id}`)).body[enterprise].department).toBe(
      'Platform Engineering',
    );

    const removed = await scim.call('PATCH', `/Groups/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: user.body.id }] }],
    });
    expect(removed.status).toBe(204);
    expect((await personRow(user.body.id))?.department).toBeNull();

    expect((await scim.call('DELETE', `/Groups/${id}`)).status).toBe(204);
    expect((await scim.call('GET', `/Groups/${id}`)).status).toBe(404);
  });
});

describe('Okta provisioning', () => {
  let scim: ScimClient;
  beforeAll(async () => {
    scim = await scimClient(t, oktaOrg, 'Okta');
  });

  const oktaUser = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'test.user@okta.local',
    name: { givenName: 'Test', familyName: 'User' },
    emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
    displayName: 'Test User',
    locale: 'en-US',
    externalId: '00ujl29u0le5T6Aj10h7',
    groups: [],
    password: '1mz050nq',
    active: true,
  };

  it('tests the connection, checks, creates, refuses a duplicate, reads, updates, deactivates and reactivates a user', async () => {
    const connection = await scim.call('GET', '/Users?startIndex=1&count=2');
    expect(connection.status).toBe(200);
    expect(connection.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
    expect(connection.body).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    expect(connection.body.totalResults).toBeGreaterThanOrEqual(4);

    const check = await scim.call(
      'GET',
      `/Users?filter=${q('userName eq "test.user@okta.local"')}&startIndex=1&count=100`,
    );
    expect(check.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await scim.call('POST', '/Users', oktaUser);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      userName: 'test.user@okta.local',
      displayName: 'Test User',
      active: true,
    });
    expect(created.body).not.toHaveProperty('password');
    const id = created.body.id as string;

    const duplicate = await scim.call('POST', '/Users', oktaUser);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ schemas: [errorSchema], status: '409', scimType: 'uniqueness' });

    expect((await scim.call('GET', `/Users/${id}`)).body.id).toBe(id);
    const unknown = await scim.call('GET', '/Users/010a2b7e-ef1d-4b7f-9a5f-4f2c8d1e0b3a');
    expect(unknown.status).toBe(404);
    expect(unknown.body.schemas).toEqual([errorSchema]);
    // userName is not case-exact.
    const upper = await scim.call('GET', `/Users?filter=${q('userName eq "TEST.USER@OKTA.LOCAL"')}`);
    expect(upper.body.totalResults).toBe(1);

    const put = await scim.call('PUT', `/Users/${id}`, {
      ...oktaUser,
      id,
      name: { givenName: 'Tessa', familyName: 'User' },
      displayName: 'Test User',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.displayName).toBe('Tessa User');

    const off = await scim.call('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await personRow(id))?.leaveDate).toBe(today());
    const on = await scim.call('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(on.body.active).toBe(true);
    expect((await personRow(id))?.leaveDate).toBeNull();
  });

  it('lists departments as groups, creates one, adds, renames, removes and replaces members, deletes it', async () => {
    const user = (await scim.call('GET', `/Users?filter=${q('userName eq "test.user@okta.local"')}`)).body
      .Resources[0] as { id: string };
    const departments = await scim.call('GET', '/Groups?startIndex=1&count=100');
    expect(departments.body.Resources.map((g: { displayName: string }) => g.displayName)).toContain('Ops');

    const check = await scim.call(
      'GET',
      `/Groups?filter=${q('displayName eq "Test SCIMv2"')}&startIndex=1&count=100`,
    );
    expect(check.body.totalResults).toBe(0);
    const created = await scim.call('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Test SCIMv2',
      members: [],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const add = await scim.call('PATCH', `/Groups/${id}`, {
      schemas: [patchOp],
      Operations: [
        { op: 'add', path: 'members', value: [{ value: user.id, display: 'test.user@okta.local' }] },
      ],
    });
    expect(add.status, JSON.stringify(add.body)).toBe(204);
    const rename = await scim.call('PATCH', `/Groups/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', value: { id, displayName: 'Test SCIMv2 Renamed' } }],
    });
    expect(rename.status, JSON.stringify(rename.body)).toBe(204);
    expect((await personRow(user.id))?.department).toBe('Test SCIMv2 Renamed');
    const group = await scim.call('GET', `/Groups/${id}`);
    expect(group.body.members.map((m: { value: string }) => m.value)).toEqual([user.id]);

    const remove = await scim.call('PATCH', `/Groups/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'remove', path: `members[value eq "${user.id}"]` }],
    });
    expect(remove.status).toBe(204);
    expect((await personRow(user.id))?.department).toBeNull();

    const put = await scim.call('PUT', `/Groups/${id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Test SCIMv2 Renamed',
      members: [{ value: user.id }],
    });
    expect(put.status).toBe(200);
    expect(put.body.members).toHaveLength(1);

    expect((await scim.call('DELETE', `/Groups/${id}`)).status).toBe(204);
    expect((await scim.call('GET', `/Groups/${id}`)).status).toBe(404);
    expect((await personRow(user.id))?.department).toBeNull();
  });
});

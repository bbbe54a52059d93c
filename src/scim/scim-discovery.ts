// What the service provider says about itself (RFC 7644 section 4): ServiceProviderConfig,
// ResourceTypes and Schemas, limited to what this server does.
import { enterpriseSchema, groupSchema, maxPageSize, twowaySchema, userSchema } from './scim-protocol.js';

const meta = (baseUrl: string, resourceType: string, path: string) => ({
  resourceType,
  location: `${baseUrl}/${path}`,
});

export const serviceProviderConfig = (baseUrl: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  documentationUri: 'https://github.com/twoway/twoway#scim-provisioning',
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: maxPageSize },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: true },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'Bearer token',
      description: 'A SCIM token an organisation admin creates in Twoway (Settings, SCIM provisioning).',
      primary: true,
    },
  ],
  meta: meta(baseUrl, 'ServiceProviderConfig', 'ServiceProviderConfig'),
});

const resourceTypes = (baseUrl: string) => [
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'A person of the organisation',
    schema: userSchema,
    schemaExtensions: [
      { schema: enterpriseSchema, required: false },
      { schema: twowaySchema, required: false },
    ],
    meta: meta(baseUrl, 'ResourceType', 'ResourceTypes/User'),
  },
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'A department: its members are the people in it',
    schema: groupSchema,
    meta: meta(baseUrl, 'ResourceType', 'ResourceTypes/Group'),
  },
];

type Attribute = {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'reference' | 'integer' | 'dateTime';
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned?: 'always' | 'default' | 'never' | 'request';
  uniqueness?: 'none' | 'server' | 'global';
  description: string;
  subAttributes?: Attribute[];
};

const attr = (a: Attribute): Record<string, unknown> => ({
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...a,
  ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attr) } : {}),
});

const schemaList = (baseUrl: string) => [
  {
    id: userSchema,
    name: 'User',
    description: 'A person of the organisation',
    attributes: [
      attr({
        name: 'userName',
        type: 'string',
        required: true,
        uniqueness: 'server',
        description: 'Unique within the organisation; case-insensitive',
      }),
      attr({
        name: 'name',
        type: 'complex',
        description: 'The person’s name; the formatted name, or given and family names joined',
        subAttributes: [
          { name: 'formatted', type: 'string', description: 'The full name' },
          { name: 'givenName', type: 'string', description: 'Given name' },
          { name: 'familyName', type: 'string', description: 'Family name' },
        ],
      }),
      attr({
        name: 'displayName',
        type: 'string',
        description: 'The name shown; used when no name is given',
      }),
      attr({ name: 'title', type: 'string', description: 'Job title' }),
      attr({ name: 'timezone', type: 'string', description: 'IANA time zone, e.g. Europe/Berlin' }),
      attr({
        name: 'active',
        type: 'boolean',
        description: 'False makes the person a leaver and disables their account',
      }),
      attr({
        name: 'emails',
        type: 'complex',
        multiValued: true,
        required: true,
        description: 'The work email (the primary one, or the first, is kept)',
        subAttributes: [
          { name: 'value', type: 'string', description: 'Email address' },
          { name: 'type', type: 'string', description: 'work' },
          { name: 'primary', type: 'boolean', description: 'Always true for the one kept' },
        ],
      }),
    ],
    meta: meta(baseUrl, 'Schema', `Schemas/${userSchema}`),
  },
  {
    id: enterpriseSchema,
    name: 'EnterpriseUser',
    description: 'Enterprise User',
    attributes: [
      attr({
        name: 'employeeNumber',
        type: 'string',
        caseExact: true,
        uniqueness: 'server',
        description: 'Employee id, as in the people import',
      }),
      attr({
        name: 'department',
        type: 'string',
        description: 'Department; the same as membership of the Group of that name',
      }),
      attr({
        name: 'manager',
        type: 'complex',
        description: 'The person’s manager (reporting line)',
        subAttributes: [
          { name: 'value', type: 'string', description: 'The manager’s User id' },
          { name: 'displayName', type: 'string', mutability: 'readOnly', description: 'The manager’s name' },
        ],
      }),
    ],
    meta: meta(baseUrl, 'Schema', `Schemas/${enterpriseSchema}`),
  },
  {
    id: twowaySchema,
    name: 'TwowayUser',
    description: 'What Twoway needs that directories rarely carry',
    attributes: [
      attr({
        name: 'jobLevel',
        type: 'integer',
        description: 'Job level 1-20 (1 when a new person comes without one)',
      }),
    ],
    meta: meta(baseUrl, 'Schema', `Schemas/${twowaySchema}`),
  },
  {
    id: groupSchema,
    name: 'Group',
    description: 'A department',
    attributes: [
      attr({
        name: 'displayName',
        type: 'string',
        required: true,
        uniqueness: 'server',
        description: 'The department’s name',
      }),
      attr({
        name: 'members',
        type: 'complex',
        multiValued: true,
        description: 'The people in the department (a person is in one department)',
        subAttributes: [
          { name: 'value', type: 'string', mutability: 'immutable', description: 'A User id' },
          { name: 'display', type: 'string', mutability: 'readOnly', description: 'The person’s name' },
        ],
      }),
    ],
    meta: meta(baseUrl, 'Schema', `Schemas/${groupSchema}`),
  },
];

export const listOf = <T>(items: T[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: items.length,
  startIndex: 1,
  itemsPerPage: items.length,
  Resources: items,
});

export const resourceTypesOf = resourceTypes;
export const schemasOf = schemaList;

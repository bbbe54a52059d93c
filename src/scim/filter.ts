// SCIM filters (RFC 7644 section 3.4.2.2) turned into SQL. scim2-parse-filter parses the text
// (it is what scim-patch uses for its paths); here each attribute a client may filter on is
// mapped to a column, and only the operators we serve are accepted.
import { type SQL, sql } from 'drizzle-orm';
import { type Filter, parse } from 'scim2-parse-filter';
import { escapeLike } from '../people/people.js';
import { scimInvalid } from './scim-errors.js';

/** A filterable attribute: its SQL expression, and whether comparisons respect case (RFC 7643 caseExact). */
export interface FilterAttribute {
  expr: SQL;
  caseExact: boolean;
}

const operators = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'pr', 'and', 'or', 'not', '[]']);
export const maxFilterLength = 1000;

/** Parses a filter and builds the SQL condition; unknown attributes and operators are a 400 `invalidFilter`. */
export function filterToSql(text: string, attributes: (path: string) => FilterAttribute | SQL | null): SQL {
  if (text.length > maxFilterLength) throw scimInvalid('The filter is too long.', 'invalidFilter');
  let ast: Filter;
  try {
    ast = parse(text);
  } catch (error) {
    throw scimInvalid(`The filter does not parse: ${(error as Error).message}`, 'invalidFilter');
  }
  return build(ast, attributes, '', 0);
}

function build(
  f: Filter,
  attributes: (path: string) => FilterAttribute | SQL | null,
  prefix: string,
  depth: number,
): SQL {
  if (depth > 20) throw scimInvalid('The filter nests too deeply.', 'invalidFilter');
  const op = f.op.toLowerCase();
  if (!operators.has(op)) throw scimInvalid(`The operator "${f.op}" is not supported.`, 'invalidFilter');
  switch (f.op) {
    case 'and':
    case 'or': {
      const parts = f.filters.map((g) => sql`(${build(g, attributes, prefix, depth + 1)})`);
      return sql.join(parts, sql.raw(f.op === 'and' ? ' and ' : ' or '));
    }
    case 'not':
      return sql`not (${build(f.filter, attributes, prefix, depth + 1)})`;
    case '[]':
      // emails[type eq "work" and value co "x"]: the inner attributes are read under "emails.".
      return build(f.valFilter, attributes, `${f.attrPath}.`, depth + 1);
  }
  const attribute = attributes(`${prefix}${f.attrPath}`.toLowerCase());
  if (!attribute)
    throw scimInvalid(`Filtering on "${prefix}${f.attrPath}" is not supported.`, 'invalidFilter');
  // A constant condition (e.g. emails.type eq "work" when every email is a work email).
  if (!('expr' in attribute)) return attribute;
  const { expr, caseExact } = attribute;
  if (op === 'pr') return sql`${expr} is not null and ${expr} <> ''`;
  const compared = (f as { compValue: unknown }).compValue;
  if (typeof compared !== 'string')
    throw scimInvalid(`"${f.attrPath}" is compared with a string here.`, 'invalidFilter');
  const left = caseExact ? expr : sql`lower(${expr})`;
  const value = caseExact ? compared : compared.toLowerCase();
  switch (op) {
    case 'eq':
      return sql`${left} = ${value}`;
    case 'ne':
      return sql`${left} is distinct from ${value}`;
    case 'co':
      return sql`${left} like ${`%${escapeLike(value)}%`}`;
    case 'sw':
      return sql`${left} like ${`${escapeLike(value)}%`}`;
    case 'ew':
      return sql`${left} like ${`%${escapeLike(value)}`}`;
  }
  throw scimInvalid(`The operator "${f.op}" is not supported.`, 'invalidFilter');
}

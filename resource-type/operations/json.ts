/**
 * Deep copy of JSON data. Used instead of structuredClone for models handed to the adapters:
 * structuredClone builds objects of the realm it comes from, which class-transformer (the
 * registry lib's models) does not recognise as plain objects when realms differ (e.g. jest).
 */
export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

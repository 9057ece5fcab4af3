/* global module */
/**
 * The six lodash helpers osmtogeojson uses, in place of the lodash 2 build it ships: that
 * build compiles its iterators with `Function(...)` when loaded, which a Content-Security-Policy
 * without 'unsafe-eval' refuses. The build aliases osmtogeojson's `./lodash.custom.js` here.
 */
const isArray = Array.isArray;
const isPlainObject = (value) =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

function each(collection, iteratee) {
  if (isArray(collection)) {
    for (let i = 0; i < collection.length; i++) {
      if (iteratee(collection[i], i, collection) === false) break;
    }
  } else if (collection) {
    for (const key of Object.keys(collection)) {
      if (iteratee(collection[key], key, collection) === false) break;
    }
  }
  return collection;
}

function clone(value) {
  if (isArray(value)) return value.slice();
  if (value !== null && typeof value === 'object') return Object.assign({}, value);
  return value;
}

const compact = (array) => (array ?? []).filter(Boolean);

function isEmpty(value) {
  if (value == null) return true;
  if (isArray(value) || typeof value === 'string') return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return true;
}

/** Deep merge of plain objects and arrays into `target`; undefined values do not overwrite. */
function merge(target, ...sources) {
  const into = target ?? {};
  for (const source of sources) {
    if (source == null) continue;
    for (const key of Object.keys(source)) {
      const value = source[key];
      if (value === undefined) continue;
      const current = into[key];
      if (
        (isPlainObject(value) || isArray(value)) &&
        (isPlainObject(current) || isArray(current))
      ) {
        into[key] = merge(current, value);
      } else if (isPlainObject(value)) {
        into[key] = merge({}, value);
      } else if (isArray(value)) {
        into[key] = merge([], value);
      } else {
        into[key] = value;
      }
    }
  }
  return into;
}

module.exports = { each, forEach: each, clone, compact, isArray, isEmpty, merge };

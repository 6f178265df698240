// How scenario text is read as YAML. Only the tags of YAML 1.2's core schema are resolved: a file is
// plain mappings, lists, text, numbers, true/false and null, which is all the schema describes. The
// YAML 1.1 extras (!!omap, !!set, !!pairs, !!binary, !!timestamp) would become Maps, Sets and Dates,
// which validation would read as mappings with odd keys; unresolved, an `!!omap` is the list it is
// written as and is reported as one.
import type { ParseOptions, DocumentOptions, SchemaOptions, ScalarTag, Tags } from 'yaml';

const FLOAT_TAG = 'tag:yaml.org,2002:float';
/** The core schema's float form, which includes whole numbers: `!!float 10` is the number 10. */
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/**
 * `!!float` written out. The parser's own float tags only match text with a point or an exponent (whole
 * numbers resolve as ints when untagged), so `!!float 10` would otherwise stay the text "10".
 */
const explicitFloat: ScalarTag = {
  tag: FLOAT_TAG,
  resolve(text) {
    if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    if (/^\.(?:nan|NaN|NAN)$/.test(text)) return NaN;
    // Anything else stays text, and validation says where a number was expected.
    return FLOAT.test(text) ? Number(text) : text;
  },
};

export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  uniqueKeys: true,
  resolveKnownTags: false,
  // Not a default tag: untagged scalars resolve exactly as before; it only answers an explicit !!float.
  customTags: (tags: Tags) => [...tags, explicitFloat],
};

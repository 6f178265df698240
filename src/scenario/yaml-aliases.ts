// Counts alias expansions before a document becomes data. Converting a document shares one value
// between an anchor and its aliases, but everything after (validation, error messages, copies of the
// scenario) walks the data as a tree, where each alias is a full copy: nine aliases of nine aliases of …
// ("billion laughs") is a few lines of YAML and a billion nodes. The count is the number of aliases the
// tree holds once every alias is replaced by its value: each use of an alias, plus every alias inside
// the value it copies, at every level.
import { isAlias, isCollection, visit, type Document, type LineCounter, type Node } from 'yaml';
import type { ScenarioIssue } from './errors';
import { LIMITS } from './limits';

/** An issue at the alias that takes the count past the limit, or undefined. */
export function checkAliasExpansions(doc: Document, counter: LineCounter): ScenarioIssue | undefined {
  // Aliases met so far inside each collection, expanded: what copying that collection costs.
  const inside = new Map<Node, number>();
  const anchors = new Map<string, Node>();
  let total = 0;
  let issue: ScenarioIssue | undefined;
  visit(doc, {
    Node(_, node, path) {
      if (!isAlias(node)) {
        if (node.anchor) anchors.set(node.anchor, node);
        return undefined;
      }
      const target = anchors.get(node.source);
      if (target === undefined) return undefined; // an alias to nothing: reported when the document is converted
      // An alias inside the collection it names copies nothing: conversion makes it a reference to that collection.
      const cost = path.includes(target) ? 1 : 1 + (isCollection(target) ? (inside.get(target) ?? 0) : 0);
      total += cost;
      for (const ancestor of path) if (isCollection(ancestor)) inside.set(ancestor, (inside.get(ancestor) ?? 0) + cost);
      if (total <= LIMITS.maxYamlAliases) return undefined;
      const { line, col } = counter.linePos(node.range?.[0] ?? 0);
      issue = {
        path: '',
        line,
        column: col,
        message:
          `found ${total} YAML alias expansions up to this *${node.source}; expected at most ${LIMITS.maxYamlAliases} ` +
          '(each use of an alias counts, and so does each alias inside the value it copies)',
      };
      return visit.BREAK;
    },
  });
  return issue;
}

// Hostile text in every text field of a scenario: it either is refused by the schema or comes out of the
// markdown renderer as inert tokens (text shown as typed, links only http/https). No field is passed to
// the page as HTML, so nothing in it can run.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { parseMarkdown } from '../../src/lesson/markdown';
import { assertInert } from './inert';

const ATTACKS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '&lt;script&gt; &#x3C;svg/onload=alert(1)&#x3E;',
  '"><iframe src=javascript:alert(1)>',
  '[[a](javascript:x)](https://ok.example/)',
];

function scenarioWith(attack: string): string {
  const q = JSON.stringify(attack);
  return `title: ${q}
description: ${q}
durationS: 10
presets: [{ preset: elasticache, label: ${JSON.stringify(attack.slice(0, 60))} }]
lesson:
  minutes: 1
  summary: ${q}
  steps:
    - caption: ${q}
      predict: { question: ${q}, choices: [${q}, ${q}], answer: 0, explanation: ${q} }
      task: { instruction: ${q}, goal: { preset: elasticache, lostAcked: 0 } }
`;
}

describe('script and HTML injection in every text field', () => {
  it.each(ATTACKS)('%j stays inert', (attack) => {
    const s = parseScenario(scenarioWith(attack), 'hostile.yaml');
    const step = s.lesson!.steps[0];
    const texts = [s.title, s.description, s.presets[0].label, s.lesson!.summary, step.caption, step.predict!.question, ...step.predict!.choices, step.predict!.explanation, step.task!.instruction];
    for (const text of texts) {
      expect(text).toBe(text === s.presets[0].label ? attack.slice(0, 60) : attack); // kept verbatim, as data
      assertInert(parseMarkdown(text));
    }
  });

  it('a link to javascript: in a caption never becomes a link', () => {
    const blocks = parseMarkdown('[x](javascript:alert(1))');
    expect(JSON.stringify(blocks)).not.toContain('"link"');
  });
});

// "Download picture": the panes laid out in one SVG with the clock, each pane's counts and a caption of the
// scenario and seed; text from the scenario is escaped, so the file is well-formed whatever the title says.
import { describe, expect, it } from 'vitest';
import { captionText, clockText, composePicture, countsText, escapeXml, pictureFileName } from '../../src/ui/share/picture';

const pane = (label: string, over = {}) => ({ label, content: '<circle cx="10" cy="10" r="5" style="fill:rgb(0, 0, 0)"/>', width: 720, height: 400, acked: 19_569, lost: 25, atRisk: 5, ...over });

describe('picture of the panes', () => {
  it('writes the clock, the counts of every pane and a caption with the scenario and seed', () => {
    const { svg, width, height } = composePicture({ title: 'Primary crash under load', seed: 7, tUs: 25_000_000, endUs: 60_000_000, panes: [pane('ElastiCache (async)'), pane('MemoryDB (log)', { lost: 0 })] });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Durability Lab: Primary crash under load</text>');
    expect(svg).toContain('seed 7 · clock 25.000 s / 60 s');
    expect(svg).toContain('acknowledged 19,569 · lost 25 · at risk 5');
    expect(svg).toContain('acknowledged 19,569 · lost 0 · at risk 5');
    expect(svg.match(/<circle /g)).toHaveLength(2);
    // Two panes side by side, each scaled to a 640 px column.
    expect(width).toBe(16 * 2 + 640 * 2 + 16);
    expect(height).toBe(Math.ceil(16 + 64 + 44 + (400 * 640) / 720 + 16));
  });

  it('puts a third pane on a second row, and writes … for counts not known yet', () => {
    const one = composePicture({ title: 't', seed: 1, tUs: 0, endUs: 1e6, panes: [pane('a')] });
    const three = composePicture({ title: 't', seed: 1, tUs: 0, endUs: 1e6, panes: [pane('a'), pane('b'), pane('c', { acked: undefined })] });
    expect(one.width).toBe(16 * 2 + 640);
    expect(three.height).toBeGreaterThan(one.height * 1.8);
    expect(three.svg).toContain('acknowledged … · lost 25');
  });

  it('escapes titles and labels, and names the file by scenario and instant', () => {
    const { svg } = composePicture({ title: 'A <b>&"odd"</b> title\u0001', seed: 0, tUs: 1_500, endUs: 2e6, panes: [pane('x<y')] });
    expect(svg).toContain('A &lt;b&gt;&amp;&quot;odd&quot;&lt;/b&gt; title</text>');
    expect(svg).toContain('data-label="x&lt;y"');
    expect(svg).not.toContain('\u0001');
    expect(escapeXml('&<>"')).toBe('&amp;&lt;&gt;&quot;');
    expect(pictureFileName('Primary crash under load', 25_000_000, 'svg')).toBe('primary-crash-under-load-25.000s.svg');
    expect(pictureFileName('!!!', 0, 'png')).toBe('durability-lab-0.000s.png');
    expect(clockText(1_500, 2e6)).toBe('0.002 s / 2 s');
    expect(captionText({ title: 'T', seed: 3, tUs: 0, endUs: 1e6 })).toBe('T · seed 3 · at 0.000 s / 1 s');
    expect(countsText({})).toBe('acknowledged … · lost … · at risk …');
  });
});

/**
 * Figure rendering: real vega + vega-lite → SVG and real resvg (WebAssembly)
 * → PNG. Same spec, same bytes; a golden SVG hash pins the output; the PNG
 * decodes to the size the SVG asks for; nothing is ever loaded from outside.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { isEpmError } from '../../src/domain/errors.js';
import {
  barWithSeedsSpec,
  beforeAfterSpec,
  perSeedScatterSpec,
  sweepLineSpec,
  type FigureOptions,
  type FigureSpec,
  type SeedValue,
} from '../../src/domain/figures/specs.js';
import {
  createFigureRenderer,
  fontCandidates,
  renderFigure,
  renderSvg,
  renumberSvgIds,
  resvgWasmCandidates,
} from '../../src/adapters/figures/render.js';

const FIXTURE_DIR = new URL('../fixtures/clean-result/', import.meta.url);
const BAR = JSON.parse(readFileSync(new URL('bar-figure.json', FIXTURE_DIR), 'utf8')) as { rows: SeedValue[]; options: FigureOptions };
/** sha256 of the SVG of bar-figure.json; the SVG itself is committed beside it as bar-figure.golden.svg for review. */
const GOLDEN_SVG_SHA256 = readFileSync(new URL('bar-figure.svg.sha256', FIXTURE_DIR), 'utf8').trim();

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...png.subarray(0, 8)]).toEqual(signature);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(Buffer.from(png.subarray(12, 16)).toString('ascii')).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const svgSize = (svg: string): { width: number; height: number } => {
  const m = /<svg[^>]*\bwidth="(\d+(?:\.\d+)?)"[^>]*\bheight="(\d+(?:\.\d+)?)"/.exec(svg);
  return { width: Number(m?.[1]), height: Number(m?.[2]) };
};

async function expectBadInput(promise: Promise<unknown>, message: RegExp): Promise<void> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(isEpmError(thrown) && thrown.code).toBe('bad-input');
  expect((thrown as Error).message).toMatch(message);
}

describe('renderFigure', () => {
  const spec = barWithSeedsSpec(BAR.rows, BAR.options);

  it('renders the same spec to byte-identical SVG and PNG, even after other renders', async () => {
    const first = await renderFigure(spec);
    await renderFigure(perSeedScatterSpec(BAR.rows, BAR.options));
    const second = await renderFigure(barWithSeedsSpec(BAR.rows, BAR.options));
    expect(second.svg).toBe(first.svg);
    expect(Buffer.from(second.png).equals(Buffer.from(first.png))).toBe(true);
  });

  it('matches the golden SVG of the bar fixture', async () => {
    const { svg } = await renderFigure(spec);
    expect(sha256(svg)).toBe(GOLDEN_SVG_SHA256);
    expect(svg).toBe(readFileSync(new URL('bar-figure.golden.svg', FIXTURE_DIR), 'utf8'));
  });

  it('produces a PNG that decodes to the SVG size times the scale', async () => {
    const { svg, png, width, height } = await renderFigure(spec, { scale: 2 });
    const size = svgSize(svg);
    expect(pngSize(png)).toEqual({ width, height });
    expect({ width, height }).toEqual({ width: Math.round(size.width * 2), height: Math.round(size.height * 2) });
    const small = await renderFigure(spec, { scale: 1 });
    expect(pngSize(small.png)).toEqual({ width: Math.round(size.width), height: Math.round(size.height) });
  });

  it('draws text with the figure font (a different title gives different pixels)', async () => {
    const a = await renderFigure(barWithSeedsSpec(BAR.rows, { ...BAR.options, title: 'Accuracy A' }));
    const b = await renderFigure(barWithSeedsSpec(BAR.rows, { ...BAR.options, title: 'Accuracy B' }));
    expect(a.svg).toContain('DejaVu Sans');
    expect(Buffer.from(a.png).equals(Buffer.from(b.png))).toBe(false);
  });

  it('renders every standard pattern', async () => {
    const sweep = BAR.rows.flatMap((r) => [1, 2].map((x) => ({ ...r, x })));
    const specs: FigureSpec[] = [
      sweepLineSpec(sweep, { ...BAR.options, xLabel: 'steps' }),
      beforeAfterSpec([{ label: 'seed 1', before: 2.1, after: 1.8 }], { title: 'Loss', metric: 'validation loss' }),
      perSeedScatterSpec(BAR.rows, BAR.options),
    ];
    for (const s of specs) {
      const { svg, png } = await renderFigure(s);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(pngSize(png).width).toBeGreaterThan(400);
    }
  });

  it('uses fonts passed in instead of the one on disk', async () => {
    const fontPath = await firstExisting(fontCandidates());
    const withFont = await renderFigure(spec, { fonts: [new Uint8Array(readFileSync(fontPath))] });
    const byDefault = await renderFigure(spec);
    expect(Buffer.from(withFont.png).equals(Buffer.from(byDefault.png))).toBe(true);
    await expectBadInput(renderFigure(spec, { fonts: [] }), /no font given/);
  });

  it('serves the FigureRenderer port with the same bytes', async () => {
    const direct = await renderFigure(spec, { scale: 1 });
    const viaPort = await createFigureRenderer({ scale: 1 }).render(spec);
    expect(viaPort.svg).toBe(direct.svg);
    expect(Buffer.from(viaPort.png).equals(Buffer.from(direct.png))).toBe(true);
  });

  it('refuses a spec that would load data from a file or the network', async () => {
    const loading = { data: { url: 'file:///etc/passwd' }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } } as FigureSpec;
    await expectBadInput(renderSvg(loading), /asks to load "file:\/\/\/etc\/passwd"/);
  });

  it('refuses an invalid spec and an invalid scale', async () => {
    await expectBadInput(renderSvg({ mark: 'no-such-mark' } as unknown as FigureSpec), /the figure spec is invalid/);
    await expectBadInput(renderFigure(spec, { scale: 0 }), /scale 0 is out of range/);
  });
});

describe('assets', () => {
  it('finds the resvg binary in node_modules and a DejaVu Sans font', async () => {
    const wasm = resvgWasmCandidates();
    expect(wasm[0]).toMatch(/resvg\.wasm$/);
    expect(wasm.some((p) => p.endsWith('@resvg/resvg-wasm/index_bg.wasm'))).toBe(true);
    expect(await firstExisting(fontCandidates())).toMatch(/DejaVuSans\.ttf$/);
  });

  it('renumbers SVG ids in order of appearance', () => {
    const svg = '<svg><clipPath id="clip7"/><g clip-path="url(#clip7)"/><linearGradient id="g3"/><use href="#g3"/><a href="#other"/></svg>';
    expect(renumberSvgIds(svg)).toBe(
      '<svg><clipPath id="epm1"/><g clip-path="url(#epm1)"/><linearGradient id="epm2"/><use href="#epm2"/><a href="#other"/></svg>',
    );
  });
});

async function firstExisting(paths: readonly string[]): Promise<string> {
  for (const p of paths) {
    try {
      await access(p);
      return p;
    } catch {
      // try the next
    }
  }
  throw new Error(`none of ${paths.join(', ')} exists`);
}

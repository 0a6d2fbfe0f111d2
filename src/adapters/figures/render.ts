/**
 * Renders a Vega-Lite figure spec to SVG (vega-lite → vega, headless view)
 * and PNG (@resvg/resvg-wasm), byte-identical for the same spec.
 *
 * What it needs at run time, and where it looks (first found wins):
 * - the resvg WebAssembly binary: `resvg.wasm` beside this module (the ncc
 *   bundle: copy `node_modules/@resvg/resvg-wasm/index_bg.wasm` to
 *   `dist/<bundle>/resvg.wasm`), else `@resvg/resvg-wasm/index_bg.wasm`
 *   resolved from node_modules;
 * - the DejaVu Sans font (resvg draws text only with a font it is given; no
 *   system font is loaded, so output does not depend on the machine): the
 *   `fonts` option, else `fonts/DejaVuSans.ttf` beside this module (the
 *   bundle), else the npm package `dejavu-fonts-ttf`, else Debian's
 *   `fonts-dejavu-core` file.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg, initWasm } from '@resvg/resvg-wasm';
import { View, logger, parse, type Loader } from 'vega';
import { compile } from 'vega-lite';
import { badInput, external, isEpmError, notFound } from '../../domain/errors.js';
import { FIGURE_FONT, type FigureSpec } from '../../domain/figures/specs.js';
import type { FigureRenderer } from '../../ports/figure-renderer.js';

/** A rendered figure. */
export interface RenderedFigure {
  /** The SVG document (ids renumbered in order of appearance, so it is stable across renders). */
  svg: string;
  /** The PNG bytes. */
  png: Uint8Array;
  /** PNG width in pixels. */
  width: number;
  /** PNG height in pixels. */
  height: number;
}

/** Rendering options. */
export interface RenderOptions {
  /** PNG pixels per SVG pixel (default 2, for sharp figures on high-density screens). */
  scale?: number;
  /** Font files (TrueType/OpenType bytes) to draw text with, instead of the DejaVu Sans found on disk. */
  fonts?: readonly Uint8Array[];
}

const require = createRequire(import.meta.url);
// A plain path, not `new URL('./x', import.meta.url)`: ncc (webpack) rewrites that form into an asset
// import at build time and, when the file is absent then, into a stub that is not the file.
const here = dirname(fileURLToPath(import.meta.url));

/** Candidate paths of the resvg WebAssembly binary, in the order they are tried. */
export function resvgWasmCandidates(): string[] {
  const candidates = [join(here, 'resvg.wasm')];
  try {
    candidates.push(require.resolve('@resvg/resvg-wasm/index_bg.wasm'));
  } catch {
    // Not installed as a package (a bundle): only the file beside the module can serve.
  }
  return candidates;
}

/** Candidate paths of the DejaVu Sans font, in the order they are tried. */
export function fontCandidates(): string[] {
  const candidates = [join(here, 'fonts', 'DejaVuSans.ttf')];
  try {
    candidates.push(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  } catch {
    // The npm font package is optional; Debian's copy is the fallback.
  }
  candidates.push('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf');
  return candidates;
}

async function readFirst(paths: readonly string[]): Promise<{ path: string; bytes: Uint8Array } | undefined> {
  for (const path of paths) {
    try {
      return { path, bytes: new Uint8Array(await readFile(path)) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return undefined;
}

let wasmReady: Promise<void> | undefined;

/** Loads the resvg WebAssembly module once per process. */
function ensureWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const candidates = resvgWasmCandidates();
    const found = await readFirst(candidates);
    if (!found) {
      throw notFound(`the resvg WebAssembly binary is missing (looked in ${candidates.join(', ')})`, {
        hint: 'run `npm ci` so @resvg/resvg-wasm is installed, or copy its index_bg.wasm beside the bundle as resvg.wasm',
      });
    }
    try {
      await initWasm(found.bytes);
    } catch (cause) {
      throw external(`the resvg WebAssembly binary at ${found.path} failed to load`, {
        hint: 'reinstall @resvg/resvg-wasm (npm ci) so the binary matches its JavaScript',
        cause,
      });
    }
  })().catch((error: unknown) => {
    wasmReady = undefined;
    throw error;
  });
  return wasmReady;
}

let defaultFont: Promise<Uint8Array> | undefined;

/** Reads DejaVu Sans once per process. */
function loadDefaultFont(): Promise<Uint8Array> {
  defaultFont ??= (async () => {
    const candidates = fontCandidates();
    const found = await readFirst(candidates);
    if (!found) {
      throw notFound(`the figure font ${FIGURE_FONT} is missing (looked in ${candidates.join(', ')})`, {
        hint: 'run `npm ci` (the dejavu-fonts-ttf package provides it) or install Debian\'s fonts-dejavu-core',
      });
    }
    return found.bytes;
  })().catch((error: unknown) => {
    defaultFont = undefined;
    throw error;
  });
  return defaultFont;
}

const refuse = (uri: string): Promise<never> =>
  Promise.reject(
    badInput(`the figure spec asks to load "${uri}"`, { hint: 'put the data inline (data.values); figures never read files or the network' }),
  );

/** The first `url` of a data set anywhere in a compiled Vega spec (Vega swallows loader errors, so check first). */
function findDataUrl(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const url = findDataUrl(item);
      if (url !== undefined) return url;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (Array.isArray(record.data)) {
    for (const d of record.data as unknown[]) {
      const url = (d as { url?: unknown } | null)?.url;
      if (url !== undefined) return typeof url === 'string' ? url : JSON.stringify(url);
    }
  }
  return Array.isArray(record.marks) ? findDataUrl(record.marks) : undefined;
}

/** A loader that loads nothing: figure specs carry their data inline. */
const OFFLINE_LOADER: Loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse };

/**
 * Vega numbers clip paths and gradients with a process-wide counter, so the
 * same spec rendered twice differs; renumber every id in order of appearance.
 */
export function renumberSvgIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) {
    const id = m[1] ?? '';
    if (!ids.has(id)) ids.set(id, `epm${ids.size + 1}`);
  }
  return svg.replace(/(\bid="|url\(#|href="#)([^")]+)/g, (whole, lead: string, id: string) => {
    const mapped = ids.get(id);
    return mapped === undefined ? whole : `${lead}${mapped}`;
  });
}

/** Renders a spec to SVG only (no WebAssembly, no font needed). */
export async function renderSvg(spec: FigureSpec): Promise<string> {
  let runtime;
  try {
    // Warnings go nowhere: the builders' specs are checked by tests, and a bundle must not chatter.
    const vegaSpec = compile(spec, { logger: logger(0) }).spec;
    const url = findDataUrl(vegaSpec);
    if (url !== undefined) return await refuse(url);
    runtime = parse(vegaSpec);
  } catch (cause) {
    if (isEpmError(cause)) throw cause;
    throw badInput(`the figure spec is invalid: ${(cause as Error).message}`, {
      hint: 'build figures with the builders in src/domain/figures/specs.ts',
      cause,
    });
  }
  const view = new View(runtime, { renderer: 'none', loader: OFFLINE_LOADER, logLevel: 0 });
  try {
    return renumberSvgIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** Renders a spec to SVG and PNG; the same spec always gives the same bytes. */
export async function renderFigure(spec: FigureSpec, options: RenderOptions = {}): Promise<RenderedFigure> {
  const scale = options.scale ?? 2;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 8)) {
    throw badInput(`figure scale ${scale} is out of range`, { hint: 'use a scale between 0 and 8 (default 2)' });
  }
  if (options.fonts?.length === 0) throw badInput('no font given to draw the figure', { hint: 'omit fonts to use DejaVu Sans' });
  const svg = await renderSvg(spec);
  const [fonts] = await Promise.all([options.fonts ? Promise.resolve([...options.fonts]) : loadDefaultFont().then((f) => [f]), ensureWasm()]);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      fontBuffers: fonts,
      defaultFontFamily: FIGURE_FONT,
      sansSerifFamily: FIGURE_FONT,
      serifFamily: FIGURE_FONT,
      monospaceFamily: FIGURE_FONT,
    },
  });
  try {
    const image = resvg.render();
    try {
      return { svg, png: image.asPng(), width: image.width, height: image.height };
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

/** The `FigureRenderer` port over vega + resvg, with fixed options for every figure. */
export function createFigureRenderer(options: RenderOptions = {}): FigureRenderer {
  return { render: (spec) => renderFigure(spec, options) };
}

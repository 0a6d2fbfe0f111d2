/** The FigureRenderer port: turns a Vega-Lite spec into SVG and PNG, deterministically. */
import type { FigureSpec } from '../domain/figures/specs.js';

/** A rendered figure. */
export interface RenderedFigureFiles {
  svg: string;
  png: Uint8Array;
}

/** Renders figures. */
export interface FigureRenderer {
  render(spec: FigureSpec): Promise<RenderedFigureFiles>;
}

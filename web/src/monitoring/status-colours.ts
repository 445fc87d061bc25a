/**
 * Colour-blind-safe colours (Okabe–Ito) for status levels, from good to bad, shared by every chart here.
 * Colour never stands alone: each bar segment is labelled in its legend and in the text alternative.
 */
export const LEVEL_COLOURS = ['#0072B2', '#56B4E9', '#E69F00', '#D55E00', '#6b6b6b'] as const;

/** Areas without data on a choropleth. */
export const NO_DATA_COLOUR = '#d0d4da';

/** Many categories (attack types): Okabe–Ito's eight plus two greys. */
export const CATEGORY_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000', '#6b6b6b', '#b0b0b0'] as const;

export const colourAt = (palette: readonly string[], i: number): string => palette[i % palette.length] ?? '#6b6b6b';

/**
 * The reproducibility card is written by EPM, not by the analyzer: commit, run
 * tag, command, environment, manifest digest, W&B run and Hub revision come
 * from the provenance record, so they cannot be misremembered or invented.
 */
import { REPRODUCIBILITY_CARD, REPRODUCIBILITY_FIELDS, type CleanResultInput } from './template.js';

/** The card's values, by field. */
export type CardValues = CleanResultInput['reproducibility'];

const render = (values: CardValues): string[] =>
  REPRODUCIBILITY_FIELDS.map((f) => {
    const value = values[f.key];
    const shown = /^https?:\/\/\S+$/.test(value) ? `<${value}>` : f.key === 'environment' ? value : `\`${value.replace(/`/g, "'")}\``;
    return `- **${f.label}:** ${shown}`;
  });

/**
 * Replaces the card's field lines under `**Reproducibility card**` with EPM's
 * values (adding the card at the end of "Setup and hyper-parameters", or of
 * the document, when the analyzer left it out). Everything else is untouched.
 */
export function fillReproducibilityCard(markdown: string, values: CardValues): string {
  const lines = markdown.split('\n');
  const card = render(values);
  const header = lines.findIndex((l) => l.trim() === `**${REPRODUCIBILITY_CARD}**`);
  if (header >= 0) {
    let end = header + 1;
    while (end < lines.length && (lines[end]!.trim() === '' || /^\s*- \*\*[^*]+:\*\*/.test(lines[end]!)) && !/^#/.test(lines[end]!)) end += 1;
    // Keep one blank line after the card.
    return [...lines.slice(0, header + 1), '', ...card, '', ...lines.slice(end)].join('\n');
  }
  const setup = lines.findIndex((l) => /^###\s+Setup and hyper-parameters\s*$/.test(l));
  let insertAt = lines.length;
  if (setup >= 0) {
    insertAt = lines.findIndex((l, i) => i > setup && /^#{1,3}\s/.test(l));
    if (insertAt < 0) insertAt = lines.length;
  }
  return [...lines.slice(0, insertAt), `**${REPRODUCIBILITY_CARD}**`, '', ...card, '', ...lines.slice(insertAt)].join('\n');
}

/** Renders a role run's transcript for `epm transcript`. */
import type { ContentBlock } from '../../ports/model.js';
import type { TranscriptLine } from '../../roles/runtime/transcript.js';

const clip = (text: string, max = 600): string => (text.length > max ? `${text.slice(0, max)} […${text.length - max} more]` : text);

const block = (b: ContentBlock): string => {
  switch (b.type) {
    case 'text':
      return clip(b.text);
    case 'tool_use':
      return `→ ${b.name} ${clip(JSON.stringify(b.input), 300)}`;
    case 'tool_result':
      return `← ${clip(b.content, 300)}`;
    default:
      return `[${b.type}]`;
  }
};

/** One transcript as readable lines: who said what, which tools ran, the cost. */
export function renderTranscript(lines: readonly TranscriptLine[]): string {
  const out: string[] = [];
  for (const line of lines) {
    const at = line.at.slice(11, 19);
    switch (line.kind) {
      case 'start':
        out.push(`${at} ${line.role} on #${line.issue} (${line.key}) with ${line.model}; up to ${line.maxTurns} turns, $${line.usdLimit} budget ($${line.usdSpentBefore.toFixed(4)} spent before)`);
        break;
      case 'request':
        if (line.turn === 1) out.push(`${at} prompt: ${line.message.content.map(block).join(' ')}`);
        break;
      case 'response':
        out.push(`${at} turn ${line.turn}: ${line.content.map(block).join(' | ')}  [in ${line.usage.inputTokens}, cache read ${line.usage.cacheReadTokens}, cache write ${line.usage.cacheWriteTokens}, out ${line.usage.outputTokens}, $${line.usage.usd.toFixed(4)}]`);
        break;
      case 'tool-result':
        out.push(`${at}   ${line.name}${line.isError ? ' (error)' : ''} in ${line.ms} ms: ${clip(line.content, 300)}`);
        break;
      case 'submit-rejected':
        out.push(`${at}   submit rejected (attempt ${line.attempt}): ${line.issues.join('; ')}`);
        break;
      case 'end':
        out.push(`${at} end: ${line.outcome}${line.error ? ` — ${line.error}` : ''}; totals ${JSON.stringify(line.totals)}`);
        break;
      default:
        break;
    }
  }
  return out.join('\n');
}

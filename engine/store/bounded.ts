// Long texts are kept bounded: the head and the tail of a command's output say the most (what it started doing,
// how it ended); the middle is replaced by a line saying how much was left out.

/** the most characters kept of one text (a result's stdout, stderr or message) */
export const TEXT_LIMIT = 64 * 1024;

export function bounded(text: string, limit: number = TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  const head = Math.floor((limit * 3) / 4);
  const tail = limit - head;
  const left = text.length - head - tail;
  return `${text.slice(0, head)}\n[... ${left} characters left out by kplay's run store ...]\n${text.slice(text.length - tail)}`;
}

// Python's file.readlines() over a text: the lines with their newline kept, a last line without one included.
// Modules whose Ansible counterpart reads a file this way (modprobe, locale_gen, ufw) match and keep lines as it does.

export function readLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

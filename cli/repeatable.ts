// Commander helpers for options given several times (-i a -i b) or as comma lists (-t a,b).
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

export const collectCsv = (value: string, previous: string[]): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

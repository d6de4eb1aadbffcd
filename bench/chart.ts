// A small SVG line chart: wall time against hosts, one line per contender.
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
}

export function lineChartSvg(title: string, series: readonly Series[]): string {
  const W = 640, H = 400, L = 60, R = 150, T = 40, B = 50;
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const xMax = Math.max(1, ...xs);
  const yMax = Math.max(1, ...ys) * 1.1;
  const x = (v: number) => L + (v / xMax) * (W - L - R);
  const y = (v: number) => H - B - (v / yMax) * (H - T - B);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="black"/>`,
    `<line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="black"/>`,
    `<text x="${(L + W - R) / 2}" y="${H - 10}" text-anchor="middle">hosts</text>`,
    `<text x="15" y="${(T + H - B) / 2}" transform="rotate(-90 15 ${(T + H - B) / 2})" text-anchor="middle">wall time (s)</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = (yMax / 4) * i;
    parts.push(`<text x="${L - 5}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  for (const v of [...new Set(xs)]) parts.push(`<text x="${x(v)}" y="${H - B + 15}" text-anchor="middle">${v}</text>`);
  series.forEach((s, i) => {
    const pts = s.points.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts}"/>`);
    for (const [a, b] of s.points) parts.push(`<circle cx="${x(a).toFixed(1)}" cy="${y(b).toFixed(1)}" r="3" fill="${s.color}"/>`);
    parts.push(`<rect x="${W - R + 15}" y="${T + i * 20}" width="12" height="12" fill="${s.color}"/>`);
    parts.push(`<text x="${W - R + 32}" y="${T + i * 20 + 10}">${s.name}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

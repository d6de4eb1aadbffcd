// Rows as Python's csv.reader reads them with the excel dialect and a given delimiter: `"` quotes a field (`""` is
// one quote, a delimiter or a line break inside quotes is text), a quote inside an unquoted field is text, text
// after a closing quote joins the field (csv's non-strict mode), and \n, \r\n or \r ends a row; a blank line is [].

/** Every row of the text. */
export function csvRows(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let state: 'start' | 'field' | 'quoted' | 'quote' = 'start';
  let started = false;
  const endRow = (): void => {
    if (started) row.push(field);
    rows.push(row);
    row = [];
    field = '';
    started = false;
    state = 'start';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    const eol = c === '\n' || c === '\r';
    if (eol && state !== 'quoted') {
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
      continue;
    }
    if (state === 'quoted') {
      if (c === '"') state = 'quote';
      else field += c;
      continue;
    }
    if (state === 'quote' && c === '"') {
      field += '"';
      state = 'quoted';
      continue;
    }
    if (c === delimiter) {
      row.push(field);
      field = '';
      started = true;
      state = 'start';
      continue;
    }
    started = true;
    if (state === 'start' && c === '"') state = 'quoted';
    else {
      field += c;
      state = 'field';
    }
  }
  if (started || field !== '' || state === 'quoted' || row.length > 0) endRow();
  return rows;
}

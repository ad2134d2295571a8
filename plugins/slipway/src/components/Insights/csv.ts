/**
 * A table as CSV (RFC 4180: quoted where needed, CRLF). A cell that a spreadsheet would run as a formula (`=`, `+`,
 * `-`, `@` first) is prefixed with `'`, as OWASP recommends for CSV exports.
 */
export function toCsv(header: string[], rows: Array<Array<string | number>>) {
  const cell = (value: string | number) => {
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map(row => row.map(cell).join(',')).join('\r\n');
}

/** Offers a CSV file to download. */
export function downloadCsv(fileName: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Later, not at once: some browsers cancel a download whose URL is revoked while it starts.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

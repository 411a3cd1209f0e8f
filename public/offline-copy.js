// "Download for offline use": each copy of the single-file edition gets its
// own storage namespace, written into the file as it is downloaded, so two
// copies opened from disk (one origin for every file:// page) keep their
// data apart (README, "Offline use and the single-file edition"). The id
// sits in a meta tag, outside the script the CSP allows by its hash.
// Loaded by main.js only when the link is clicked.

const EMPTY = '<meta name="riskwright-storage" content="">';

/** Fetches the single file behind `link`, writes a fresh id into it and offers it. */
export async function downloadCopy(link) {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
  const response = await fetch(link.href);
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  const html = await response.text();
  if (!html.includes(EMPTY)) throw new Error('the offline file has no place for its storage id');
  const copy = html.replace(EMPTY, `<meta name="riskwright-storage" content="${id}">`);
  const url = URL.createObjectURL(new Blob([copy], { type: 'text/html' }));
  const save = Object.assign(document.createElement('a'), { href: url, download: link.getAttribute('download') });
  document.body.append(save);
  save.click();
  save.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

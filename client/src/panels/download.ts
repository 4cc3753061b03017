import { parse } from 'content-disposition';

/**
 * The file name the server offered in its Content-Disposition (the `filename*` UTF-8 form
 * when given, else `filename`), read by the same package that writes it; else `fallback`.
 */
export function downloadName(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const name = parse(disposition).parameters.filename;
  // A name is never a path: the browser would refuse it or drop what comes before a slash.
  return name && !/[/\\]/.test(name) ? name : fallback;
}

/** Saves a blob as a file through a temporary link (works in every browser, no pop-up). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

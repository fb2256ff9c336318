// Saving a file the page made (model files, run exports) to the user's downloads: an object URL
// and a click on a temporary link, the way browsers let a page offer a file without a server.

export function downloadFile(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference to the data once started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

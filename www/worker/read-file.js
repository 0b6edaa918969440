// Reads a File for the analysis worker in chunks of up to CHUNK_BYTES, filled from the file's
// byte stream with a BYOB reader into one reused buffer.
//
// Why: File.stream()'s default reader hands out 64 KiB chunks, so Online Retail (47 MB) took ~720
// awaited reads and ~720 Analysis.push calls; 1 MiB chunks take ~45 of each. Measured in one tab
// on the 2-core machine, alternating the two (bench/web/drop-profile.mjs' phases): awaiting
// chunks 26-62 ms against 51-108 ms, ingest 352-376 ms against 403-509 ms. FileReaderSync and
// Blob.slice().arrayBuffer() in 1-16 MiB slices awaited longer than the stream (180-860 ms).
//
// The chunk returned by read() is a view of the reused buffer: it is valid until the next read()
// (Analysis.push copies it into wasm memory at once). Where the stream is not a byte stream (no
// BYOB reader), the default reader's chunks are returned as they come.

/** Bytes per chunk handed to Analysis.push. */
export const CHUNK_BYTES = 1 << 20;

/**
 * `{ read(), cancel() }` over `file`, like a ReadableStreamDefaultReader: read() resolves to
 * `{ done: true }` at the end or `{ done: false, value: Uint8Array }`.
 */
export function fileReader(file, chunkBytes = CHUNK_BYTES) {
  const stream = file.stream();
  let byob;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    return stream.getReader(); // not a byte stream: 64 KiB chunks as before
  }
  let buffer = new ArrayBuffer(chunkBytes);
  let ended = false;
  // The bytes still to come: no read is asked for past them. A BYOB read of a stream that is
  // closing (always, for an empty Blob) sometimes never resolved in Chromium (a drop that hung
  // for good after its last byte, about 1 in 3 with an empty slice); the size is known.
  let left = typeof file.size === 'number' ? file.size : Infinity;
  return {
    async read() {
      if (ended || left <= 0) {
        if (!ended) byob.cancel().catch(() => {});
        ended = true;
        return { done: true, value: undefined };
      }
      let filled = 0;
      const want = Math.min(chunkBytes, left);
      while (filled < want) {
        // The buffer is transferred to the read and comes back as r.value.buffer (or, at the
        // end, with r.value empty or undefined).
        const r = await byob.read(new Uint8Array(buffer, filled, want - filled));
        if (r.value) buffer = r.value.buffer;
        if (r.done) {
          ended = true;
          break;
        }
        filled += r.value.byteLength;
      }
      left -= filled;
      return filled === 0
        ? { done: true, value: undefined }
        : { done: false, value: new Uint8Array(buffer, 0, filled) };
    },
    cancel(reason) {
      return byob.cancel(reason);
    },
  };
}

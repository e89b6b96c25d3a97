export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/**
 * Minimal multipart/form-data parser: enough for what @slack/web-api sends (file bytes as a
 * form part) without pulling in a dependency. Works on Buffers so binary uploads survive intact.
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundaryMatch = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = boundaryMatch?.[1] ?? boundaryMatch?.[2];
  if (!boundary) throw new Error('multipart body without boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    let partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    if (body.subarray(partStart, partStart + 2).toString() === '\r\n') partStart += 2;
    const end = body.indexOf(delimiter, partStart);
    if (end === -1) break;
    // The CRLF before the next delimiter belongs to the delimiter, not to the part's data.
    const part = body.subarray(partStart, end - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      const type = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim();
      parts.push({
        name,
        ...(filename !== undefined ? { filename } : {}),
        ...(type !== undefined ? { contentType: type } : {}),
        data: Buffer.from(part.subarray(headerEnd + 4)),
      });
    }
    start = end;
  }
  return parts;
}

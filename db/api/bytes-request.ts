// How a call carrying file bytes (`import.upload`'s `chunk`) travels to the browser host. JSON cannot
// carry bytes (base64 would make them text again, a third larger, and leave the backend large strings
// to collect), so such a call is `POST /api/<method>` with the bytes as an `application/octet-stream`
// body and the call's other fields, as JSON, in a header. The host puts the two back together into
// the very input the contract validates, so there is still one contract and one dispatch.
// Pure: used by the renderer's HTTP transport and by the host.

export const BYTES_MEDIA_TYPE = 'application/octet-stream';
/** The call's other fields: `encodeURIComponent` of their JSON (header values must be ASCII). */
export const INPUT_HEADER = 'X-Stakemap-Input';
/** The name of the field the body's bytes belong to. */
export const BYTES_FIELD_HEADER = 'X-Stakemap-Bytes-Field';
/** Ample for an upload's file name and token; far under Node's 16 KiB limit for all headers. */
export const MAX_INPUT_HEADER_CHARS = 8 * 1024;

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export interface BytesRequest {
  /** Header value: the other fields. */
  input: string;
  field: string;
  bytes: Uint8Array;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

/** The call as a bytes request, when exactly one top-level field of `input` holds bytes; else null. */
export function toBytesRequest(input: unknown): BytesRequest | null {
  if (!isRecord(input)) return null;
  const byteFields = Object.keys(input).filter((k) => input[k] instanceof Uint8Array);
  const field = byteFields[0];
  if (byteFields.length !== 1 || field === undefined || !FIELD_NAME.test(field)) return null;
  const rest = Object.fromEntries(Object.entries(input).filter(([k]) => k !== field));
  return { input: encodeURIComponent(JSON.stringify(rest)), field, bytes: input[field] as Uint8Array };
}

/** The input a bytes request stands for, or why its headers cannot be read (a plain sentence). */
export function fromBytesRequest(
  inputHeader: string | string[] | undefined,
  fieldHeader: string | string[] | undefined,
  body: Uint8Array,
): { ok: true; input: Record<string, unknown> } | { ok: false; message: string } {
  const refuse = (why: string) => ({
    ok: false as const,
    message: `This file upload could not be read: ${why} Send it from the Stakemap page.`,
  });
  if (typeof fieldHeader !== 'string' || !FIELD_NAME.test(fieldHeader)) {
    return refuse(`the ${BYTES_FIELD_HEADER} header must name the field the bytes are for.`);
  }
  if (typeof inputHeader !== 'string' || inputHeader.length > MAX_INPUT_HEADER_CHARS) {
    return refuse(`the ${INPUT_HEADER} header must hold the call's other fields (at most 8 KiB).`);
  }
  let rest: unknown;
  try {
    rest = JSON.parse(decodeURIComponent(inputHeader));
  } catch {
    return refuse(`the ${INPUT_HEADER} header is not URL-encoded JSON.`);
  }
  if (!isRecord(rest)) return refuse(`the ${INPUT_HEADER} header must hold a JSON object.`);
  if (Object.hasOwn(rest, fieldHeader)) return refuse(`“${fieldHeader}” was sent twice.`);
  return { ok: true, input: { ...rest, [fieldHeader]: body } };
}

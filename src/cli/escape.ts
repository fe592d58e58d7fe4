/**
 * Text from a scenario file or an argument must not drive the terminal: control characters
 * (C0, DEL, C1, which include ESC and CSI) and line or paragraph separators are shown escaped,
 * as `\x1b` or `\u2028`, so titles cannot clear the screen and a message stays on one line.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

export function escapeControls(s: string): string {
  return s.replace(CONTROL, (c) => {
    const n = c.charCodeAt(0)
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16)}`
  })
}

/** Escaped, on one line, and cut to `max` characters: what the CLI prints as an error. */
export function errorLine(s: string, max = 500): string {
  const e = escapeControls(s)
  return e.length > max ? `${e.slice(0, max)}…` : e
}

/**
 * JSON text for the terminal: JSON.stringify escapes C0 but not DEL or C1 (U+009B is a CSI on
 * some terminals), so those are written as \u escapes too; it stays valid JSON with equal values.
 */
export function safeJson(v: unknown): string {
  return JSON.stringify(v).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

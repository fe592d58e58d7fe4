/**
 * A pasted diagram's lines, cleaned the way a reader's eye cleans them: mail quote prefixes
 * (`> `, `>> `, `> > `) and dmesg timestamps (`[  922.74][  T300] `) removed, tabs expanded to
 * stops of 8, trailing blanks dropped. Each line keeps its number in the paste for messages.
 */
export interface Line {
  /** 1-based line number in the text as pasted. */
  readonly n: number
  /** The line after cleaning, tabs expanded. */
  readonly text: string
}

/** A run of text on a line, separated from its neighbours by two blanks or more. */
export interface Segment {
  readonly x: number
  readonly text: string
}

const QUOTE = /^(?:> ?)+/
/** `[  922.743055]`, optionally followed by a caller id `[  T300]` or `[ C12]`. */
const DMESG = /^\[\s*\d+\.\d+\](?:\[\s*[A-Z]?\d+\])? ?/

export const TAB_STOP = 8

export function expandTabs(s: string): string {
  let out = ''
  for (const ch of s) {
    if (ch === '\t') out += ' '.repeat(TAB_STOP - (out.length % TAB_STOP))
    else out += ch
  }
  return out
}

export function cleanLines(text: string): Line[] {
  return text.split(/\r?\n|\r/).map((raw, i) => {
    const unquoted = raw.replace(QUOTE, '')
    const untimed = unquoted.replace(DMESG, '')
    return { n: i + 1, text: expandTabs(untimed).trimEnd() }
  })
}

/** Split a cleaned line at runs of two or more blanks. */
export function segments(text: string): Segment[] {
  const out: Segment[] = []
  const re = /\S+(?: \S+)*/g
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push({ x: m.index, text: m[0] })
  return out
}

/** An underline row under a header: only dashes or equals signs (`----    ----`). */
export function isUnderline(text: string): boolean {
  return /^[\s]*[-=]{3,}[\s\-=]*$/.test(text)
}

/** Nothing a reader would call a step: `...`, `"""`, a lone `|`. */
export function isFiller(text: string): boolean {
  return !/[A-Za-z0-9]/.test(text)
}

import { allOutcomes, describeEnding, stepOf, type Completed, type Program } from '../engine'
import { shortName } from '../diff/words'

/**
 * An interleaving as the plain-text column diagram kernel developers put in commit messages
 * (commit 70cbc3cc78a9's "CPU A / CPU B", lockdep's "CPU0 / ----"):
 *
 * - one column per thread, headed by `CPU A` (or the letter, for a device) over its short name,
 *   underlined with dashes;
 * - one row per step in global order, so time flows down and only one column is written on a
 *   row: a long function name may run on into the empty columns to its right;
 * - each row is the function, `name()`, then `<-- note` (the step's title), wrapped under it when
 *   the line is full; notes are wrapped or cut, function names never;
 * - a thread that waits after a step gets a `~~ waiting …` line (the blocked stretch starts
 *   there and ends at its next row);
 * - each race window of the scenario is a gutter column on the left: its number on the two
 *   racing steps, `|` between them, and its explanation under the diagram;
 * - bad outcomes reached close it as `*** title ***`, then how the run ends.
 */
export interface DiagramOptions {
  /** The widest line (default 75, the usual limit for a commit message body). */
  readonly width?: number
}

const NOTE = ' <-- '

export function diagram(p: Program, run: Completed, opts: DiagramOptions = {}): string {
  const width = opts.width ?? 75
  const threads = p.threads.filter((t) => t.active || run.records.some((r) => r.thread === t.letter))
  const col = new Map(threads.map((t, i) => [t.letter, i]))
  const fnOf = (i: number): string => {
    const r = run.records[i]
    return r ? `${stepOf(p, r.thread, r.stepId)?.spec.fn ?? r.stepId}()` : ''
  }
  const races = p.scenario.race
    .map((r, k) => ({
      k,
      text: r.text,
      a: run.records.findIndex((x) => x.stepId === r.first && x.kind === 'run'),
      b: run.records.findIndex((x) => x.stepId === r.second && x.kind === 'run'),
    }))
    .filter((r) => r.a >= 0 && r.b >= 0)
    .map((r, i) => ({ ...r, n: i + 1, lo: Math.min(r.a, r.b), hi: Math.max(r.a, r.b) }))
  const gutter = races.length === 0 ? 0 : races.length + 1
  const avail = width - gutter
  // Column width: as wide as an even share, but narrow enough that every function name of a
  // column fits between where the column starts and the right margin.
  let w = Math.floor(avail / Math.max(threads.length, 1))
  threads.forEach((t, j) => {
    if (j === 0) return
    let longest = 0
    run.records.forEach((r, i) => {
      if (r.thread === t.letter) longest = Math.max(longest, fnOf(i).length)
    })
    w = Math.min(w, Math.floor((avail - longest) / j))
  })
  const fits = w
  // The last column keeps room for notes beside or under its functions.
  if (threads.length > 1) w = Math.min(w, Math.floor((avail - 32) / (threads.length - 1)))
  w = Math.max(w, Math.min(12, fits))

  const out: string[] = []
  const put = (g: string, x: number, text: string) => {
    out.push(`${g.padEnd(gutter)}${' '.repeat(x)}${text}`.trimEnd())
  }
  // Header: CPU A over its name, wrapped within the column, then a dashed rule.
  const heads = threads.map((t) => [
    t.cpu ? `CPU ${t.letter}` : t.letter,
    ...wrap(shortName(p, t.letter), w - 2),
  ])
  const rows = Math.max(...heads.map((h) => h.length))
  for (let k = 0; k < rows; k++)
    out.push(
      (
        ' '.repeat(gutter) + heads.map((h, j) => (h[k] ?? '').padEnd(j === heads.length - 1 ? 0 : w)).join('')
      ).trimEnd()
    )
  out.push(
    (
      ' '.repeat(gutter) +
      heads
        .map((h, j) => '-'.repeat(Math.max(...h.map((x) => x.length))).padEnd(j === heads.length - 1 ? 0 : w))
        .join('')
    ).trimEnd()
  )

  const gutterAt = (i: number, first: boolean): string => {
    let g = ''
    for (const r of races)
      g +=
        (i === r.lo || i === r.hi) && first
          ? String(r.n % 10)
          : i >= r.lo && i <= r.hi && !(i === r.hi && !first)
            ? '|'
            : ' '
    return g
  }
  run.records.forEach((r, i) => {
    if (i === run.requested && i > 0)
      put(gutterAt(i, false), 0, center('- - - completed by the page - - -', avail))
    const x = (col.get(r.thread) ?? 0) * w
    const step = stepOf(p, r.thread, r.stepId)
    const fn = fnOf(i)
    const note = `${step?.spec.title ?? r.stepId}${r.kind === 'wait' ? ' (waits)' : ''}`
    const room = avail - x
    // The note starts on the function's line when a few words fit there, else under it.
    const inline = room - fn.length - NOTE.length
    const indent = Math.max(0, Math.min(x + 2, avail - 26))
    const under = avail - indent - NOTE.length
    const lines: { x: number; text: string }[] = []
    if (inline >= 16) {
      const [head = '', ...rest] = wrap(note, inline)
      lines.push({ x, text: `${fn}${NOTE}${head}` })
      for (const l of wrap(rest.join(' '), inline))
        if (l) lines.push({ x: x + fn.length + NOTE.length, text: l })
    } else {
      lines.push({ x, text: fn })
      wrap(note, under).forEach((l, k) =>
        lines.push({ x: indent, text: `${k === 0 ? NOTE.trimStart() : '    '}${l}` })
      )
    }
    if (r.blockedAfter) {
      const why = r.blockedAfter.replace(new RegExp(`^${r.thread} is `), '')
      for (const [k, l] of wrap(why, Math.max(avail - x - 3, 16)).entries())
        lines.push({ x: Math.min(x, avail - 19), text: `${k === 0 ? '~~ ' : '   '}${l}` })
    }
    lines.forEach((l, k) => put(gutterAt(i, k === 0), l.x, l.text))
  })

  out.push('')
  for (const r of races)
    for (const [k, l] of wrap(`${String(r.n)}: ${r.text}`, width - 3).entries())
      out.push(k === 0 ? l : `   ${l}`)
  const bad = new Set(
    allOutcomes(p)
      .filter((o) => o.severity === 'bad')
      .map((o) => o.id)
  )
  for (const o of allOutcomes(p))
    if (bad.has(o.id) && run.outcomes.includes(o.id))
      for (const l of wrap(`*** ${o.title.replace(/\.$/, '')} ***`, width)) out.push(center(l, width))
  for (const [k, l] of wrap(`Run ends: ${describeEnding(p, run)}.`, width - 2).entries())
    out.push(k === 0 ? l : `  ${l}`)
  return `${out.join('\n')}\n`
}

/** Words into lines of at most `n` characters; a word longer than a line is cut with `~`. */
export function wrap(text: string, n: number): string[] {
  const lines: string[] = []
  let line = ''
  for (let word of text.split(/\s+/).filter(Boolean)) {
    if (word.length > n) word = `${word.slice(0, Math.max(n - 1, 1))}~`
    if (line === '') line = word
    else if (line.length + 1 + word.length <= n) line += ` ${word}`
    else {
      lines.push(line)
      line = word
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line)
  return lines
}

function center(s: string, n: number): string {
  return ' '.repeat(Math.max(0, Math.floor((n - s.length) / 2))) + s
}

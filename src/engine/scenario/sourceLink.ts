/**
 * The Elixir cross-reference URL of a kernel file at a tag (`v6.0-rc7`), at a line if the
 * scenario knows it. Only lines checked against that tag should be given; without one the link
 * opens the file, and the step's function name says where to look.
 */
export function sourceLink(kernel: string, file: string, line?: number): string {
  const base = `https://elixir.bootlin.com/linux/${encodeURIComponent(kernel)}/source/${file
    .split('/')
    .map(encodeURIComponent)
    .join('/')}`
  return line === undefined ? base : `${base}#L${String(line)}`
}

/** Elixir's identifier search at a tag: every definition and use of a function. */
export function identLink(kernel: string, fn: string): string {
  return `https://elixir.bootlin.com/linux/${encodeURIComponent(kernel)}/A/ident/${encodeURIComponent(fn)}`
}

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

/**
 * A step's link: its file at the tag. A step whose file is not given (`(file not given)`, as an
 * imported diagram has) links to where its function is defined instead, or nowhere ('') when it
 * names no function either.
 */
export function stepLink(kernel: string, file: string, fn: string, line?: number): string {
  if (!file.startsWith('(')) return sourceLink(kernel, file, line)
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(fn) ? identLink(kernel, fn) : ''
}

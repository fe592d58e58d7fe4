import { Fragment } from 'react'

const URL_RE = /(https?:\/\/[^\s"<>]*[^\s"<>.,;:)])/

/** Text with its web addresses (a lore.kernel.org mail, a git.kernel.org commit) made into links. */
export function Linkified({ text }: { text: string }) {
  const parts = text.split(URL_RE)
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <a key={i} href={p} target="_blank" rel="noreferrer">
            {p}
          </a>
        ) : (
          <Fragment key={i}>{p}</Fragment>
        )
      )}
    </>
  )
}
